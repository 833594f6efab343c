// The werkgroep channel: coordinators plan meetings and keep the agenda, others propose; the agenda
// closes two werkdagen before, unhandled items carry over (by the scheduler, once, after the meeting's
// day; looking at the agenda writes nothing), and the reminders go out once.
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, cardAction, channel, message } from '../helpers/activities';
import { cardOf, cardTexts, say, startBot, type BotHarness, type HarnessOptions } from '../helpers/bot-harness';
import { TestClock } from '../helpers/clock';

let bots: BotHarness[] = [];
afterEach(async () => {
  for (const bot of bots) await bot.destroy().catch(() => undefined);
  bots = [];
});

async function newBot(clock: TestClock, restart: Pick<HarnessOptions, 'dataDir' | 'connector' | 'persistent'> = {}) {
  const bot = await startBot({ clock, env: { COORDINATORS: ALICE.aadObjectId! }, ...restart });
  bots.push(bot);
  return bot;
}

/** `say` bound to one channel. */
const chat = (bot: BotHarness, conversation: ReturnType<typeof channel>) => (text: string, from = ALICE, extra: Record<string, unknown> = {}) =>
  say(bot, text, { from, conversation, extra });

/** Plans a meeting the way a coordinator does: the command, then Bevestigen on the card. */
async function planMeeting(bot: BotHarness, conversation: ReturnType<typeof channel>, when: string) {
  const card = cardOf(await chat(bot, conversation)(`overleg plannen ${when}`));
  const confirm = card.actions.find((a: { title: string }) => a.title === 'Bevestigen');
  const response = await bot.post(cardAction(bot.connector.serviceUrl, 'overlegPlannen', confirm.data, { conversation }));
  return cardTexts((response.body as { value: unknown }).value);
}

const agendaTopics = (card: Record<string, any>) =>
  card.body.filter((e: any) => e.type === 'Container').map((c: any) => c.items[0].inlines.map((i: any) => i.text).join(''));

describe('roles and meetings', () => {
  it('lets a coordinator plan a meeting after confirming it, and tells others who can', async () => {
    const clock = new TestClock(new Date('2026-11-23T10:00:00+01:00'));
    const bot = await newBot(clock);
    const werkgroep = channel('wg-roles');
    const say = chat(bot, werkgroep);

    expect((await say('overleg plannen 9 december 10:00', BOB)).text).toContain('alleen een coördinator');
    const confirmTexts = cardTexts(cardOf(await say('overleg plannen 9 december 10:00')));
    expect(confirmTexts[0]).toBe('Overleg plannen?');
    expect(confirmTexts).toContain('Eenmalig overleg op woensdag 9 december 2026 om 10:00.');
    expect((await say('overleg')).text).toBe('Er is nog geen overleg gepland. Een coördinator plant het met: overleg plannen 9 december 10:00.');

    expect(await planMeeting(bot, werkgroep, '9 december 10:00')).toContain('Gepland door Alice de Vries.');
    expect(await planMeeting(bot, werkgroep, 'elke 2e dinsdag 14:00')).toEqual(expect.arrayContaining(['- dinsdag 8 december 2026', '- dinsdag 12 januari 2027']));
    const list = cardTexts(cardOf(await say('overleg')));
    expect(list.slice(1, 3)).toEqual(['dinsdag 8 december 2026 om 14:00', 'woensdag 9 december 2026 om 10:00']);

    expect((await say('overleg annuleren 8 december')).text).toContain('is geannuleerd');
    expect(cardTexts(cardOf(await say('overleg')))[1]).toBe('dinsdag 8 december 2026 om 14:00 — geannuleerd');
    expect((await say('overleg annuleren 8 december')).text).toContain('al geannuleerd');
    expect((await say('overleg annuleren 10 december')).text).toContain('staat geen overleg');
    expect((await say('overleg plannen 1-1-2020 10:00')).text).toContain('verleden');
    expect((await say('overleg plannen 31-11 10:00')).text).toContain('Die datum begrijp ik niet');
    expect((await say('overleg plannen volgende dinsdag')).text).toContain('Geef ook een tijd');
  });

  it('adds and removes coordinators by mention', async () => {
    const clock = new TestClock(new Date('2026-11-23T10:00:00+01:00'));
    const bot = await newBot(clock);
    const werkgroep = channel('wg-coordinators');
    const say = chat(bot, werkgroep);
    await planMeeting(bot, werkgroep, '9 december 10:00');
    const mentionBob = { entities: [{ type: 'mention', mentioned: { id: BOB.id, name: BOB.name }, text: `<at>${BOB.name}</at>` }] };

    expect((await say('coordinator toevoegen Bob', BOB, mentionBob)).text).toContain('alleen een coördinator');
    expect((await say(`coordinator toevoegen <at>${BOB.name}</at>`, ALICE, mentionBob)).text).toBe('Bob Jansen is nu coördinator.');
    expect((await say('agenda toevoegen Punt van Bob', BOB)).text).toContain('Toegevoegd als punt 1');
    expect((await say(`coördinator verwijderen <at>${BOB.name}</at>`, ALICE, mentionBob)).text).toBe('Bob Jansen is geen coördinator meer.');
    expect((await say('agenda toevoegen Nog een punt', BOB)).text).toContain('agenda voorstel');
  });

  it('knows a mentioned person by the AAD object id Teams gives for them, as in COORDINATORS', async () => {
    const clock = new TestClock(new Date('2026-11-23T10:00:00+01:00'));
    const bot = await newBot(clock);
    const werkgroep = channel('wg-ids');
    const say = chat(bot, werkgroep);
    // Teams knows both: the mention carries only the 29: id, the member lookup gives the AAD id.
    bot.connector.members.set(BOB.id, { id: BOB.id, name: BOB.name, aadObjectId: BOB.aadObjectId });
    bot.connector.members.set(ALICE.id, { id: ALICE.id, name: ALICE.name, aadObjectId: ALICE.aadObjectId });
    const mention = (who: typeof BOB) => ({ entities: [{ type: 'mention', mentioned: { id: who.id, name: who.name }, text: `<at>${who.name}</at>` }] });

    expect((await say(`coordinator toevoegen <at>${BOB.name}</at>`, ALICE, mention(BOB))).text).toBe('Bob Jansen is nu coördinator.');
    const stored = await bot.runtime.deps.agenda.store.sql.query<{ user_id: string }>('select user_id from coordinators');
    expect(stored.map((r) => r.user_id)).toEqual([BOB.aadObjectId]);
    // Bob is recognised with the id every Teams activity carries, in another thread of the channel.
    const otherThread = chat(bot, channel('wg-ids', '1700000000999'));
    expect((await otherThread('overleg plannen 9 december 10:00', BOB)).attachments).toBeDefined();
    // Alice is configured by AAD id: removing her by mention is recognised as configuration.
    expect((await say(`coordinator verwijderen <at>${ALICE.name}</at>`, BOB, mention(ALICE))).text).toContain('staat als coördinator in de configuratie');
    // Who did what is recorded under the one id too.
    const audit = await bot.runtime.deps.agenda.store.sql.query<{ actor_id: string }>('select distinct actor_id from agenda_audit');
    expect(audit.map((r) => r.actor_id)).toEqual([ALICE.aadObjectId]);
    // Picking "coordinator" from the command menu explains the command.
    expect((await say('coordinator')).text).toContain('coordinator toevoegen @naam');
  });

  it('is one werkgroep in every thread of a channel: planned in one post, read in another', async () => {
    const clock = new TestClock(new Date('2026-11-23T10:00:00+01:00'));
    const bot = await newBot(clock);
    const firstPost = channel('wg-threads', '1700000000100');
    const secondPost = channel('wg-threads', '1700000000200');
    await planMeeting(bot, firstPost, '9 december 10:00');
    expect((await chat(bot, firstPost)('agenda toevoegen Punt uit de eerste post')).text).toContain('Toegevoegd als punt 1');

    const read = chat(bot, secondPost);
    expect(cardTexts(cardOf(await read('overleg')))).toContain('woensdag 9 december 2026 om 10:00');
    expect(agendaTopics(cardOf(await read('agenda')))).toEqual(['1. Punt uit de eerste post']);
    expect((await read('herinneringen aan Baarn')).text).toContain('Herinneringen staan aan in dit kanaal voor: Baarn');
    expect((await chat(bot, firstPost)('herinneringen')).text).toContain('staan aan in dit kanaal voor: Baarn');
    // A confirm card from one werkgroep cannot plan in another.
    const card = cardOf(await read('overleg plannen 16 december 10:00'));
    const confirm = card.actions.find((a: { title: string }) => a.title === 'Bevestigen');
    const elsewhere = await bot.post(cardAction(bot.connector.serviceUrl, 'overlegPlannen', confirm.data, { conversation: channel('ander-team') }));
    expect(JSON.stringify(elsewhere.body)).toContain('bestaat niet (meer)');
  });

  it('keeps a meeting plan on the server: the card holds an id, used once, within an hour', async () => {
    const clock = new TestClock(new Date('2026-11-23T10:00:00+01:00'));
    const bot = await newBot(clock);
    const werkgroep = channel('wg-pending');
    const say = chat(bot, werkgroep);
    const card = cardOf(await say('overleg plannen elke 2e dinsdag 10:00'));
    const confirm = card.actions.find((a: { title: string }) => a.title === 'Bevestigen');
    expect(Object.keys(confirm.data).sort()).toEqual(['confirm', 'planId']);
    expect(JSON.stringify(card)).not.toContain('RRULE');

    // A crafted plan in the card is not read at all.
    const forged = await bot.post(cardAction(bot.connector.serviceUrl, 'overlegPlannen', { confirm: true, plan: '{"kind":"recurring","rrule":"RRULE:FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30"}' }, { conversation: werkgroep }));
    expect(JSON.stringify(forged.body)).toContain('Dit plan kan ik niet lezen');
    const unknown = await bot.post(cardAction(bot.connector.serviceUrl, 'overlegPlannen', { confirm: true, planId: '6f1c1d1e-0000-4000-8000-000000000000' }, { conversation: werkgroep }));
    expect(JSON.stringify(unknown.body)).toContain('bestaat niet (meer)');
    // Not a coordinator: refused, and the plan stays for the coordinator.
    const byBob = await bot.post(cardAction(bot.connector.serviceUrl, 'overlegPlannen', confirm.data, { from: BOB, conversation: werkgroep }));
    expect(JSON.stringify(byBob.body)).toContain('alleen een coördinator');

    clock.advance(61 * 60_000);
    const late = await bot.post(cardAction(bot.connector.serviceUrl, 'overlegPlannen', confirm.data, { conversation: werkgroep }));
    expect(JSON.stringify(late.body)).toContain('verlopen');
    expect((await say('overleg')).text).toContain('nog geen overleg gepland');

    const again = cardOf(await say('overleg plannen elke 2e dinsdag 10:00'));
    const data = again.actions.find((a: { title: string }) => a.title === 'Bevestigen').data;
    expect(cardTexts((await bot.post(cardAction(bot.connector.serviceUrl, 'overlegPlannen', data, { conversation: werkgroep }))).body as never)).toBeDefined();
    const twice = await bot.post(cardAction(bot.connector.serviceUrl, 'overlegPlannen', data, { conversation: werkgroep }));
    expect(JSON.stringify(twice.body)).toContain('al bevestigd');
    expect(cardTexts(cardOf(await say('overleg'))).filter((t) => t.includes('dinsdag'))).toHaveLength(5);
    expect((await say('overleg plannen elke 13 weken op maandag 10:00')).text).toContain('Kies elke 1 tot 12 weken');
  });

  it('sends werkgroep commands in a personal chat to the channel', async () => {
    const clock = new TestClock(new Date('2026-11-23T10:00:00+01:00'));
    const bot = await newBot(clock);
    const activity = message(bot.connector.serviceUrl, 'agenda');
    await bot.post(activity);
    const sent = await bot.connector.waitFor(activity.conversation.id, 1);
    expect(sent[0]!.text).toContain('Dit werkt in het kanaal van de werkgroep');
  });
});

describe('the agenda', () => {
  it('is kept by coordinators, proposed to by others, shown literally, and survives a restart', async () => {
    const clock = new TestClock(new Date('2026-11-23T10:00:00+01:00'));
    let bot = await newBot(clock, { persistent: true });
    const werkgroep = channel('wg-agenda');
    let say = chat(bot, werkgroep);
    await planMeeting(bot, werkgroep, '9 december 10:00');

    expect((await say('agenda toevoegen Stand van zaken huurachterstanden (15 min) — per gemeente een update')).text).toBe(
      'Toegevoegd als punt 1 aan de agenda van woensdag 9 december 2026 om 10:00.',
    );
    await say('agenda toevoegen Evaluatie agressieprotocol (20 min)');
    await say('agenda toevoegen PGA-casuïstiek');
    expect((await say('agenda toevoegen Van Bob', BOB)).text).toContain('agenda voorstel');

    const proposal = await say('agenda voorstel Websites zorgmeldingen — teksten zijn verouderd', BOB);
    const proposalCard = cardOf(proposal);
    expect(cardTexts(proposalCard)).toContain('Websites zorgmeldingen');
    const accept = proposalCard.actions.find((a: { title: string }) => a.title === 'Accepteren').data;
    const refused = await bot.post(cardAction(bot.connector.serviceUrl, 'agendaVoorstel', accept, { from: BOB, conversation: werkgroep }));
    expect(JSON.stringify(refused.body)).toContain('alleen een coördinator');
    const decided = await bot.post({ ...cardAction(bot.connector.serviceUrl, 'agendaVoorstel', accept, { conversation: werkgroep }), replyToId: 'proposal-msg' });
    expect(cardTexts((decided.body as { value: unknown }).value).join(' ')).toContain('Geaccepteerd door Alice de Vries');
    const told = bot.connector.sentTo(werkgroep.id).map((a) => a.text).filter(Boolean);
    expect(told).toContain('Bob Jansen: je voorstel "Websites zorgmeldingen" is geaccepteerd en staat op de agenda van woensdag 9 december 2026 om 10:00.');
    // The client's replyToId is not trusted: the proposal card the bot posted itself is refreshed.
    const proposalMessageId = `reply-${bot.connector.calls.findIndex((c) => c.body === proposal) + 1}`;
    expect(bot.connector.calls.some((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${proposalMessageId}`))).toBe(true);
    expect(bot.connector.calls.some((c) => c.path.endsWith('/activities/proposal-msg'))).toBe(false);

    expect((await say('agenda verplaatsen 3 1')).text).toBe('"PGA-casuïstiek" is nu punt 1.');
    expect((await say('agenda verwijderen 3')).text).toBe('Punt 3 ("Evaluatie agressieprotocol") is van de agenda gehaald.');
    expect((await say('agenda afgerond 1')).text).toContain('is afgerond');
    expect((await say('agenda verwijderen 9')).text).toBe('Punt 9 bestaat niet: de agenda van woensdag 9 december 2026 om 10:00 heeft 3 punten.');
    expect((await say('agenda verplaatsen 1')).text).toContain('Gebruik: agenda verplaatsen');

    const card = cardOf(await say('agenda'));
    expect(cardTexts(card)[0]).toBe('Agenda overleg woensdag 9 december 2026 om 10:00');
    expect(agendaTopics(card)).toEqual(['1. PGA-casuïstiek — afgerond', '2. Stand van zaken huurachterstanden (15 min)', '3. Websites zorgmeldingen']);
    expect(cardTexts(card)).toContain('per gemeente een update');
    expect(cardTexts(card).some((t) => t.startsWith('toegevoegd door Alice de Vries op'))).toBe(true);
    expect(cardTexts(card).some((t) => t.startsWith('toegevoegd door Bob Jansen op'))).toBe(true);

    // Bad input: too long, and text that looks like a template or Markdown stays literal.
    expect((await say(`agenda toevoegen ${'x'.repeat(201)}`)).text).toContain('maximaal 200');
    expect((await say(`agenda toevoegen Kort onderwerp — ${'y'.repeat(1001)}`)).text).toContain('maximaal 1000');
    await say('agenda toevoegen ${1+1} **vet** [link](https://example.com)');
    const literal = agendaTopics(cardOf(await say('agenda')));
    expect(literal).toHaveLength(4);
    expect(literal[3]).toBe('4. ${1+1} **vet** [link](https://example.com)');

    const history = cardTexts(cardOf(await say('agenda geschiedenis'))).join('\n');
    for (const line of ['toegevoegd: "Stand van zaken huurachterstanden"', 'voorstel geaccepteerd: "Websites zorgmeldingen"', 'verplaatst: "PGA-casuïstiek" van 3 naar 1', 'verwijderd: "Evaluatie agressieprotocol"', 'afgerond: "PGA-casuïstiek"']) {
      expect(history).toContain(line);
    }
    expect(history).toContain('Alice de Vries');

    await bot.stop();
    bots = bots.filter((b) => b !== bot);
    bot = await newBot(clock, { dataDir: bot.dataDir, connector: bot.connector });
    say = chat(bot, werkgroep);
    expect(agendaTopics(cardOf(await say('agenda')))).toHaveLength(4);
    const published = cardOf(await say('agenda publiceren'));
    expect(cardTexts(published)[0]).toBe('Agenda overleg woensdag 9 december 2026 om 10:00');
  });

  it('closes two werkdagen before the meeting, carries over what was not handled, and reminds once', async () => {
    const clock = new TestClock(new Date('2026-11-20T10:00:00+01:00')); // Friday
    const bot = await newBot(clock);
    const werkgroep = channel('wg-deadline');
    const say = chat(bot, werkgroep);
    await planMeeting(bot, werkgroep, 'elke week op woensdag 10:00'); // 25 Nov, 2 Dec, …
    await say('agenda toevoegen Punt A');
    expect((await say('agenda toevoegen Punt B')).text).toBe('Toegevoegd als punt 2 aan de agenda van woensdag 25 november 2026 om 10:00.');

    const tick = async () => {
      await bot.runtime.reminders.queueDue();
      await bot.runtime.outbox.deliverDue();
    };
    const posts = () => bot.connector.deliveredTo(werkgroep.channelId);
    const agendaPosts = () => posts().filter((a) => a.attachments && cardTexts(cardOf(a))[0] === 'Agenda overleg woensdag 25 november 2026 om 10:00');

    clock.set('2026-11-23T08:59:00+01:00');
    await tick();
    expect(agendaPosts()).toHaveLength(0);
    clock.set('2026-11-23T09:00:00+01:00'); // Monday: two werkdagen before Wednesday, 09:00
    await tick();
    clock.set('2026-11-23T09:30:00+01:00');
    await tick();
    expect(agendaPosts()).toHaveLength(1);
    expect(agendaTopics(cardOf(agendaPosts()[0]))).toEqual(['1. Punt A', '2. Punt B']);

    expect((await say('agenda toevoegen Punt C')).text).toBe(
      'De agenda van woensdag 25 november 2026 om 10:00 is gesloten (punten aandragen kon tot 2 werkdagen ervoor, 09:00). Toegevoegd als punt 1 aan de agenda van woensdag 2 december 2026 om 10:00.',
    );

    clock.set('2026-11-25T07:59:00+01:00');
    await tick();
    clock.set('2026-11-25T08:00:00+01:00');
    await tick();
    await tick();
    const dayReminders = posts().filter((a) => typeof a.text === 'string' && (a.text as string).startsWith('Vandaag om 10:00'));
    expect(dayReminders).toHaveLength(1);
    expect(dayReminders[0]!.text).toContain('Op de agenda: 2 punten');

    clock.set('2026-11-25T11:00:00+01:00'); // during the meeting Punt A is handled
    expect((await say('agenda afgerond 1')).text).toBe('Punt 1 ("Punt A") is afgerond.');

    clock.set('2026-11-25T23:59:00+01:00'); // the meeting's day is not over yet: nothing moves
    await tick();
    const sql = bot.runtime.deps.agenda.store.sql;
    const stored = async () => ({
      items: await sql.query('select id, meeting_date, position, status from agenda_items order by id'),
      audit: await sql.query('select id, actor_name, action from agenda_audit order by id'),
    });
    const before = await stored();
    expect(before.items.filter((i) => i.meeting_date === '2026-11-25' && i.status === 'gepland')).toHaveLength(1); // Punt B

    clock.set('2026-11-26T00:01:00+01:00'); // the day after, before the scheduler's next tick
    const viewed = cardOf(await say('agenda'));
    expect(cardTexts(viewed)[0]).toBe('Agenda overleg woensdag 2 december 2026 om 10:00');
    expect(agendaTopics(viewed)).toEqual(['1. Punt C']);
    expect(await stored()).toEqual(before); // looking at the agenda wrote nothing, not even an audit line

    await tick(); // the scheduler carries Punt B over
    await tick(); // and a second run (another instance) moves nothing again
    clock.set('2026-11-26T09:00:00+01:00');
    const next = cardOf(await say('agenda'));
    expect(agendaTopics(next)).toEqual(['1. Punt C', '2. Punt B']);
    const carried = (await stored()).audit.filter((a) => String(a.action).includes('doorgeschoven'));
    expect(carried.map((a) => [a.actor_name, a.action])).toEqual([['Meldwijzer', '"Punt B" niet behandeld op 25 november 2026; doorgeschoven naar 2 december 2026']]);
    expect(cardTexts(cardOf(await say('agenda geschiedenis'))).join('\n')).toContain('Meldwijzer · "Punt B" niet behandeld op 25 november 2026; doorgeschoven naar 2 december 2026');
  });
});
