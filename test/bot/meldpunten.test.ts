// Each gemeente keeps its own meldpunten in Teams: a coordinator names its beheerders; a beheerder
// fills in a meldpunt with the form in the card; bad input comes back with the reason; the change shows
// on the next answer for that gemeente, survives a restart and is seen by every instance.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, cardAction, channel, personalChat, type Conversation, type Who } from '../helpers/activities';
import { cardOf, cardTexts, cardUrls, say as sayTo, startBot, type BotHarness } from '../helpers/bot-harness';
import { dropSchemas, TEST_DATABASE_URL, uniqueSchema } from '../helpers/databases';
import { FakeConnector } from '../helpers/fake-connector';

const CAROL: Who = { id: '29:carol', aadObjectId: '00000000-0000-0000-0000-0000000ca201', name: 'Carol Smit' };
const WERKGROEP = channel('meldpunten-werkgroep');
const COORDINATORS = { COORDINATORS: ALICE.aadObjectId! };
const VALID = { naam: 'Meldpunt woonoverlast Baarn', telefoon: '035-1234567', url: 'https://www.baarn.nl/woonoverlast', email: '', openingstijden: 'ma–vr 9:00–17:00', bron: 'https://www.baarn.nl/contact' };

let bots: BotHarness[] = [];
afterEach(async () => {
  for (const bot of bots) await bot.destroy().catch(() => undefined);
  bots = [];
});

async function newBot(options: Parameters<typeof startBot>[0] = {}) {
  const bot = await startBot({ env: COORDINATORS, ...options });
  bots.push(bot);
  return bot;
}

const say = (bot: BotHarness, text: string, from: Who = ALICE, conversation: Conversation = personalChat(from), extra: Record<string, unknown> = {}) =>
  sayTo(bot, text, { from, conversation, extra });

async function act(bot: BotHarness, verb: string, data: Record<string, unknown>, from: Who = ALICE) {
  const response = await bot.post(cardAction(bot.connector.serviceUrl, verb, data, { from, conversation: personalChat(from) }));
  expect(response.status).toBe(200);
  return (response.body as { value: unknown }).value;
}

/** Makes Bob beheerder of Baarn, as a coordinator does in the werkgroep channel. */
async function bobBeheertBaarn(bot: BotHarness) {
  bot.connector.members.set(BOB.id, { id: BOB.id, name: BOB.name, aadObjectId: BOB.aadObjectId });
  const mention = { entities: [{ type: 'mention', mentioned: { id: BOB.id, name: BOB.name }, text: `<at>${BOB.name}</at>` }] };
  const reply = await say(bot, `beheerder toevoegen Baarn <at>${BOB.name}</at>`, ALICE, WERKGROEP, mention);
  expect(reply.text).toBe('Bob Jansen is nu beheerder van de meldpunten van Baarn.');
}

const answerCardTexts = async (bot: BotHarness, who: Who) => cardTexts(cardOf(await say(bot, 'de buren veroorzaken al weken overlast', who)));

describe('meldpunten in Teams', () => {
  it('lists every slot of a gemeente, filled or not, for anyone', async () => {
    const bot = await newBot();
    const texts = cardTexts(cardOf(await say(bot, 'meldpunten Baarn', CAROL)));
    expect(texts[0]).toBe('Meldpunten Baarn');
    expect(texts).toContain('Meldpunt woonoverlast');
    expect(texts.filter((t) => t === 'Nog niet ingevuld').length).toBeGreaterThan(5);
    expect((await say(bot, 'meldpunten Atlantis', CAROL)).text).toContain('Die gemeente ken ik niet');
  });

  it('lets only a beheerder of that gemeente (or a coordinator) edit; a forged save is refused', async () => {
    const bot = await newBot();
    expect((await say(bot, `beheerder toevoegen Baarn <at>${BOB.name}</at>`, CAROL, WERKGROEP)).text).toContain('alleen een coördinator');
    await bobBeheertBaarn(bot);

    const refused = await act(bot, 'meldpuntWijzigen', { gemeente: 'Baarn', slot: 'woonoverlast' }, CAROL);
    expect(refused).toContain('Alleen de beheerders van Baarn (Bob Jansen) en de coördinatoren');
    const forged = await act(bot, 'meldpuntOpslaan', { gemeente: 'Baarn', slot: 'woonoverlast', ...VALID }, CAROL);
    expect(forged).toContain('Alleen de beheerders van Baarn');
    // Bob keeps Baarn, not De Bilt.
    expect(await act(bot, 'meldpuntOpslaan', { gemeente: 'De Bilt', slot: 'woonoverlast', ...VALID }, BOB)).toContain('Alleen een beheerder van De Bilt');
    expect(await act(bot, 'meldpuntOpslaan', { gemeente: 'Baarn', slot: 'bestaat-niet', ...VALID }, BOB)).toContain('Deze knop werkt niet meer');
    expect(cardTexts(cardOf(await say(bot, 'meldpunten Baarn', CAROL))).filter((t) => t.includes('035-1234567'))).toEqual([]);
  });

  it('shows the form again with the field and the reason when the input is wrong, and stores nothing', async () => {
    const bot = await newBot();
    await bobBeheertBaarn(bot);
    const form = await act(bot, 'meldpuntWijzigen', { gemeente: 'Baarn', slot: 'woonoverlast' }, BOB);
    const inputs = JSON.stringify(form).match(/"type":"Input\.Text","id":"(\w+)"/g)?.map((m) => m.split('"id":"')[1]!.slice(0, -1));
    expect(inputs).toEqual(['naam', 'telefoon', 'url', 'email', 'openingstijden', 'bron']);
    expect(JSON.stringify(form)).toContain('"regex"');

    const badPhone = await act(bot, 'meldpuntOpslaan', { gemeente: 'Baarn', slot: 'woonoverlast', ...VALID, telefoon: '12345' }, BOB);
    expect(cardTexts(badPhone)).toContain('Telefoon: Geen geldig Nederlands telefoonnummer (bijvoorbeeld 035-1234567, 088-1234567, 0800-1234 of +31 35 123 4567).');
    expect(JSON.stringify(badPhone)).toContain('"value":"12345"'); // what was typed is kept
    const badUrl = await act(bot, 'meldpuntOpslaan', { gemeente: 'Baarn', slot: 'woonoverlast', ...VALID, url: 'http://www.baarn.nl' }, BOB);
    expect(cardTexts(badUrl)).toContain('Website: Een website begint met https://.');
    const noSource = await act(bot, 'meldpuntOpslaan', { gemeente: 'Baarn', slot: 'woonoverlast', ...VALID, bron: '' }, BOB);
    expect(cardTexts(noSource).some((t) => t.startsWith('Bron: Vul de bron in'))).toBe(true);
    expect(await bot.runtime.deps.gemeenten.history('Baarn', 10)).toEqual([]);
  });

  it('puts a saved meldpunt on the next answer for that gemeente, keeps it after a restart, with history', async () => {
    let bot = await newBot({ persistent: true });
    await bobBeheertBaarn(bot);
    await say(bot, 'gemeente Baarn', CAROL);
    expect((await answerCardTexts(bot, CAROL)).some((t) => t.includes('nog niet ingevuld'))).toBe(true);

    const saved = await act(bot, 'meldpuntOpslaan', { gemeente: 'Baarn', slot: 'woonoverlast', ...VALID }, BOB);
    expect(cardTexts(saved)).toContain('Opgeslagen: meldpunt woonoverlast van Baarn. Antwoorden voor Baarn tonen het vanaf nu.');
    const answer = cardOf(await say(bot, 'de buren veroorzaken al weken overlast', CAROL));
    expect(cardTexts(answer)).toContain('035-1234567 — Meldpunt woonoverlast Baarn');
    expect(cardUrls(answer)).toContain('tel:0351234567');
    // Someone in another gemeente sees the national route as before.
    await say(bot, 'gemeente De Bilt', BOB);
    expect((await answerCardTexts(bot, BOB)).some((t) => t.includes('035-1234567'))).toBe(false);

    await bot.stop();
    bots = bots.filter((b) => b !== bot);
    bot = await newBot({ dataDir: bot.dataDir, connector: bot.connector });
    expect(await answerCardTexts(bot, CAROL)).toContain('035-1234567 — Meldpunt woonoverlast Baarn');
    const history = cardTexts(cardOf(await say(bot, 'meldpunten Baarn geschiedenis', CAROL)));
    expect(history.some((t) => t.includes('Bob Jansen · meldpunt woonoverlast: leeg → Meldpunt woonoverlast Baarn · 035-1234567') && t.includes('bron: https://www.baarn.nl/contact'))).toBe(true);
  });

  it('shows per gemeente how many slots are filled, as a chart with a table for other clients', async () => {
    const bot = await newBot();
    await bobBeheertBaarn(bot);
    await act(bot, 'meldpuntOpslaan', { gemeente: 'Baarn', slot: 'woonoverlast', ...VALID }, BOB);
    const card = cardOf(await say(bot, 'meldpunten overzicht', CAROL));
    const chart = card.body.find((e: { type: string }) => e.type === 'Chart.HorizontalBar.Stacked');
    const baarn = chart.data.find((d: { title: string }) => d.title === 'Baarn');
    expect(baarn.data.map((d: { legend: string; value: number }) => [d.legend, d.value])).toEqual([['ingevuld', 1], ['nog leeg', bot.runtime.deps.kb.meldpuntSlots().length - 1]]);
    expect(chart.fallback.type).toBe('Table');
    expect(cardTexts(chart.fallback)).toEqual(expect.arrayContaining(['Baarn', '1', 'De Bilt']));
  });
});

describe.runIf(TEST_DATABASE_URL)('meldpunten on one PostgreSQL with two instances', () => {
  const schema = uniqueSchema('mwmp');
  afterAll(async () => {
    await dropSchemas(schema, `${schema}_boss`);
  });

  it('shows a change made on one instance on the next answer of the other', async () => {
    const connector = await new FakeConnector().start();
    try {
      const [a, b] = await Promise.all([newBot({ connector, postgresSchema: schema }), newBot({ connector, postgresSchema: schema })]);
      await bobBeheertBaarn(a);
      await say(b, 'gemeente Baarn', CAROL);
      await act(a, 'meldpuntOpslaan', { gemeente: 'Baarn', slot: 'woonoverlast', ...VALID }, BOB);
      expect(await answerCardTexts(b, CAROL)).toContain('035-1234567 — Meldpunt woonoverlast Baarn');
    } finally {
      for (const bot of bots) await bot.destroy().catch(() => undefined);
      bots = [];
      await connector.stop();
    }
  });
});
