// What a user is told matches what was stored; a card action changes only what the bot itself sent,
// and only where the werkgroep works; text the bot sends is plain, so typed Markdown stays literal.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, cardAction, channel, message, personalChat } from '../helpers/activities';
import { cardOf, cardTexts, say, startBot, type BotHarness } from '../helpers/bot-harness';
import { TestClock } from '../helpers/clock';

// One bot for the file (Alice coordinates); every story has a channel of its own.
const clock = new TestClock(new Date('2026-11-23T10:00:00+01:00'));
let bot: BotHarness;
beforeAll(async () => {
  bot = await startBot({ clock, env: { COORDINATORS: ALICE.aadObjectId! } });
});
beforeEach(() => clock.set('2026-11-23T10:00:00+01:00'));
afterAll(async () => {
  await bot.destroy();
});

/** `say` bound to one channel. */
const chat = (bot: BotHarness, conversation: ReturnType<typeof channel>) => (text: string, from = ALICE) => say(bot, text, { from, conversation });

/** The id Teams gave a message the bot sent (the fake connector answers reply-<n> for its n-th call). */
const messageIdOf = (bot: BotHarness, sent: Record<string, unknown>) => `reply-${bot.connector.calls.findIndex((c) => c.body === sent) + 1}`;

const button = (card: Record<string, any>, title: string) => card.actions.find((a: { title: string }) => a.title === title).data;

async function planMeeting(bot: BotHarness, conversation: ReturnType<typeof channel>, when: string) {
  const confirm = button(cardOf(await chat(bot, conversation)(`overleg plannen ${when}`)), 'Bevestigen');
  await bot.post(cardAction(bot.connector.serviceUrl, 'overlegPlannen', confirm, { conversation }));
}

describe('an agenda proposal', () => {
  it('accepted when the next meeting was cancelled stays open, and the proposer is told nothing false', async () => {
    const werkgroep = channel('wg-voorstel');
    const say = chat(bot, werkgroep);
    await planMeeting(bot, werkgroep, '9 december 10:00');
    const accept = button(cardOf(await say('agenda voorstel Websites zorgmeldingen', BOB)), 'Accepteren');
    expect((await say('overleg annuleren 9 december')).text).toContain('is geannuleerd');

    const before = bot.connector.sentTo(werkgroep.id).length;
    const refused = await bot.post(cardAction(bot.connector.serviceUrl, 'agendaVoorstel', accept, { conversation: werkgroep }));
    expect(JSON.stringify(refused.body)).toContain('Het voorstel blijft open');
    expect((await bot.runtime.deps.agenda.store.item(Number(accept.itemId)))!.status).toBe('voorstel');
    expect(bot.connector.sentTo(werkgroep.id).slice(before).map((a) => a.text)).toEqual([]);

    // With a meeting again, accepting puts it on that agenda and says so.
    await planMeeting(bot, werkgroep, '16 december 10:00');
    await bot.post(cardAction(bot.connector.serviceUrl, 'agendaVoorstel', accept, { conversation: werkgroep }));
    expect((await bot.runtime.deps.agenda.store.item(Number(accept.itemId)))!.status).toBe('gepland');
    expect(bot.connector.sentTo(werkgroep.id).map((a) => a.text)).toContain(
      'Bob Jansen: je voorstel "Websites zorgmeldingen" is geaccepteerd en staat op de agenda van woensdag 16 december 2026 om 10:00.',
    );
  });

  it('rejected is stored and told as rejected', async () => {
    const werkgroep = channel('wg-afwijzen');
    const say = chat(bot, werkgroep);
    await planMeeting(bot, werkgroep, '9 december 10:00');
    const reject = button(cardOf(await say('agenda voorstel Kantine', BOB)), 'Afwijzen');
    await bot.post(cardAction(bot.connector.serviceUrl, 'agendaVoorstel', reject, { conversation: werkgroep }));
    expect((await bot.runtime.deps.agenda.store.item(Number(reject.itemId)))!.status).toBe('afgewezen');
    expect(bot.connector.sentTo(werkgroep.id).map((a) => a.text)).toContain('Bob Jansen: je voorstel "Kantine" is afgewezen.');
  });
});

describe('a forged replyToId', () => {
  it('never makes the bot update that message: the proposal card it posted is refreshed instead', async () => {
    const werkgroep = channel('wg-reply');
    const say = chat(bot, werkgroep);
    await planMeeting(bot, werkgroep, '9 december 10:00');
    const proposal = await say('agenda voorstel Websites', BOB);
    const accept = button(cardOf(proposal), 'Accepteren');
    const before = bot.connector.calls.length;
    await bot.post({ ...cardAction(bot.connector.serviceUrl, 'agendaVoorstel', accept, { conversation: werkgroep }), replyToId: 'iemand-anders-bericht' });
    const updates = bot.connector.calls.slice(before).filter((c) => c.method === 'PUT').map((c) => c.path.split('/').at(-1));
    expect(updates).toEqual([messageIdOf(bot, proposal)]);
  });

  it('on a milestone status updates only the card the bot sent there, or posts a fresh one', async () => {
    clock.set('2024-05-15T10:00:00+02:00'); // Q2 2024
    const werkgroep = channel('wg-mijlpalen');
    const say = chat(bot, werkgroep);
    const sent = await say('mijlpalen Baarn Q1 2024');
    const card = cardOf(sent);
    const container = card.body.find((e: any) => e.type === 'Container' && JSON.stringify(e).includes('"text":"Werkafspraken ketensamenwerking"'));
    const data = container.items.find((i: any) => i.type === 'ActionSet').actions.find((a: any) => a.title === 'Zet op gereed').data;

    const first = bot.connector.calls.length;
    await bot.post({ ...cardAction(bot.connector.serviceUrl, 'mijlpaalStatus', data, { conversation: werkgroep }), replyToId: 'iemand-anders-bericht' });
    expect(bot.connector.calls.slice(first).filter((c) => c.method === 'PUT').map((c) => c.path.split('/').at(-1))).toEqual([messageIdOf(bot, sent)]);

    // Another thread of the channel, where the bot sent no card: nothing is updated, a fresh card is posted.
    const elsewhere = channel('wg-mijlpalen', '1700000000099');
    const before = bot.connector.calls.length;
    await bot.post({ ...cardAction(bot.connector.serviceUrl, 'mijlpaalStatus', data, { conversation: elsewhere }), replyToId: messageIdOf(bot, sent) });
    const after = bot.connector.calls.slice(before);
    expect(after.filter((c) => c.method === 'PUT')).toEqual([]);
    expect(after.filter((c) => c.method === 'POST' && c.conversationId === elsewhere.id)).toHaveLength(1);
    expect(cardTexts(cardOf(after.at(-1)!.body))[0]).toBe('Mijlpalen Baarn — Q1 2024');
  });
});

describe('werkgroep card actions from a personal chat', () => {
  it('are refused like the commands: a coordinator cannot plan a meeting or decide a proposal there', async () => {
    const werkgroep = channel('wg-prive');
    const say = chat(bot, werkgroep);
    const confirm = button(cardOf(await say('overleg plannen 9 december 10:00')), 'Bevestigen');

    const fromPersonal = await bot.post(cardAction(bot.connector.serviceUrl, 'overlegPlannen', confirm, { conversation: personalChat(ALICE) }));
    expect(JSON.stringify(fromPersonal.body)).toContain('Dit werkt in het kanaal van de werkgroep');
    const { store } = bot.runtime.deps.agenda;
    expect(await store.meetings(personalChat(ALICE).id)).toEqual([]);
    expect(await store.meetings(werkgroep.channelId)).toEqual([]);

    // The plan is still there for the channel.
    await bot.post(cardAction(bot.connector.serviceUrl, 'overlegPlannen', confirm, { conversation: werkgroep }));
    expect(await store.meetings(werkgroep.channelId)).toHaveLength(1);

    const accept = button(cardOf(await say('agenda voorstel Websites', BOB)), 'Accepteren');
    const decided = await bot.post(cardAction(bot.connector.serviceUrl, 'agendaVoorstel', accept, { conversation: personalChat(ALICE) }));
    expect(JSON.stringify(decided.body)).toContain('Dit werkt in het kanaal van de werkgroep');
    expect((await bot.runtime.deps.agenda.store.item(Number(accept.itemId)))!.status).toBe('voorstel');
  });
});

describe('text replies', () => {
  it('are plain text, so Markdown someone typed stays literal', async () => {
    const werkgroep = channel('wg-markdown');
    const reply = await chat(bot, werkgroep)('overleg annuleren [klik hier](https://example.org/x)');
    expect(reply.text).toBe('Die datum begrijp ik niet: "[klik hier](https://example.org/x)". Bijvoorbeeld: overleg annuleren 9 december.');
    expect(reply.textFormat).toBe('plain');

    const answer = await say(bot, 'agenda', { from: BOB }); // in his personal chat
    expect(answer.text).toContain('Dit werkt in het kanaal van de werkgroep');
    expect(answer.textFormat).toBe('plain');
  });
});
