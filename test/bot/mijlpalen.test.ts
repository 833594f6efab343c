// Werkgroep members see the uitvoeringsplan's milestones per gemeente and quarter, change a status
// from the card, and the change survives a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, cardAction, channel, message, personalChat, type Who } from '../helpers/activities';
import { ask, cardOf, cardTexts, say as sayTo, startBot, type BotHarness } from '../helpers/bot-harness';
import { TestClock } from '../helpers/clock';

const clock = new TestClock(new Date('2024-05-15T10:00:00+02:00')); // Q2 2024
let bot: BotHarness;
const werkgroep = channel('werkgroep-mijlpalen');
const COORDINATOR: Who = { id: '29:carol', aadObjectId: '00000000-0000-0000-0000-0000000ca201', name: 'Carol Smit' };

beforeAll(async () => {
  bot = await startBot({ clock, env: { COORDINATORS: COORDINATOR.aadObjectId! }, persistent: true }); // restarted below
  // This channel is the werkgroep's: its coordinator switched the quarterly reminders on here.
  expect((await say('herinneringen aan Baarn', COORDINATOR)).text).toContain('Herinneringen staan aan');
});
afterAll(async () => {
  await bot.destroy();
});

/** Says `text` in the werkgroep channel. */
const say = (text: string, from = ALICE) => sayTo(bot, text, { from, conversation: werkgroep });

function statusButton(card: Record<string, any>, title: string, buttonTitle: string): Record<string, unknown> {
  const container = card.body.find((e: any) => e.type === 'Container' && JSON.stringify(e).includes(`"text":"${title}"`));
  const action = container.items.find((i: any) => i.type === 'ActionSet').actions.find((a: any) => a.title === buttonTitle);
  return action.data;
}

describe('mijlpalen', () => {
  it('lists Werkafspraken ketensamenwerking for mijlpalen Baarn Q1 2024, with status and action', async () => {
    const texts = cardTexts(cardOf(await say('mijlpalen Baarn Q1 2024')));
    expect(texts[0]).toBe('Mijlpalen Baarn — Q1 2024');
    expect(texts).toContain('Werkafspraken ketensamenwerking');
    expect(texts).toContain('In beeld brengen professionals');
    expect(texts).toContain('Status: Open');
    expect(texts.some((t) => t.startsWith('Actie 2a:'))).toBe(true);
  });

  it('understands other ways to write the quarter and the gemeente', async () => {
    expect(cardTexts(cardOf(await say('mijlpalen de bilt 2024-q3')))[0]).toBe('Mijlpalen De Bilt — Q3 2024');
    expect(cardTexts(cardOf(await say('MIJLPALEN q4 Eemnes')))[0]).toBe('Mijlpalen Eemnes — Q4 2024');
  });

  it('defaults to my gemeente and the current quarter', async () => {
    await say('gemeente Bunschoten', BOB);
    const texts = cardTexts(cardOf(await say('mijlpalen', BOB)));
    expect(texts[0]).toBe('Mijlpalen Bunschoten — Q2 2024');
    expect(texts).toContain('Achterstallig uit eerdere kwartalen');
    expect(texts.some((t) => t.includes('Q1 2024 · Bunschoten · Werkafspraken ketensamenwerking'))).toBe(true);
  });

  it('explains a quarter outside the plan and an unknown gemeente', async () => {
    expect((await say('mijlpalen Baarn Q1 2027')).text).toContain('valt buiten het Uitvoeringsplan Zorg & Veiligheid 2024-2025');
    expect((await say('mijlpalen Atlantis')).text).toContain('Die gemeente ken ik niet');
  });

  it('changes a status from the card, refreshes it for everyone, and keeps it after a restart', async () => {
    const sentCard = await say('mijlpalen Baarn Q1 2024');
    const card = cardOf(sentCard);
    const data = statusButton(card, 'Werkafspraken ketensamenwerking', 'Zet op gereed');
    // The id Teams gave the card message (the fake connector answers reply-<n> for its n-th call).
    const cardMessageId = `reply-${bot.connector.calls.findIndex((c) => c.body === sentCard) + 1}`;
    const invoke = { ...cardAction(bot.connector.serviceUrl, 'mijlpaalStatus', data, { conversation: werkgroep }), replyToId: cardMessageId };
    const response = await bot.post(invoke);
    expect(response.status).toBe(200);
    const refreshed = (response.body as { value: Record<string, any> }).value;
    expect(cardTexts(refreshed).some((t) => t.startsWith('Status: Gereed — gewijzigd door Alice de Vries op'))).toBe(true);

    const update = bot.connector.calls.find((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${cardMessageId}`));
    expect(update).toBeDefined();
    expect(JSON.stringify(update!.body)).toContain('Status: Gereed');

    // Restart: same data directory, new process state.
    await bot.stop();
    bot = await startBot({ clock, dataDir: bot.dataDir, connector: bot.connector, env: { COORDINATORS: COORDINATOR.aadObjectId! } });
    const after = cardTexts(cardOf(await say('mijlpalen Baarn Q1 2024')));
    expect(after.some((t) => t.startsWith('Status: Gereed — gewijzigd door Alice de Vries'))).toBe(true);
  });

  it('lets werkgroep members change a status only in the werkgroep channel; coordinators anywhere', async () => {
    // Alice's personal chat: the card has no status buttons, and a forged button is refused.
    const personalCard = cardOf(await ask(bot, 'mijlpalen Baarn Q4 2024', ALICE));
    expect(cardTexts(personalCard).some((t) => t.startsWith('Zet op'))).toBe(false);
    const channelCard = cardOf(await say('mijlpalen Baarn Q4 2024'));
    const data = statusButton(channelCard, cardTexts(channelCard)[2]!, 'Zet op bezig');

    const forged = await bot.post(cardAction(bot.connector.serviceUrl, 'mijlpaalStatus', data, { conversation: personalChat(ALICE) }));
    expect(JSON.stringify(forged.body)).toContain('Mijlpalen bijwerken kan in het kanaal of de groepschat van de werkgroep');
    const otherChannel = await bot.post(cardAction(bot.connector.serviceUrl, 'mijlpaalStatus', data, { conversation: channel('ander-kanaal') }));
    expect(JSON.stringify(otherChannel.body)).toContain('Mijlpalen bijwerken kan in het kanaal');
    expect(cardTexts(cardOf(await say('mijlpalen Baarn Q4 2024'))).some((t) => t.startsWith('Status: Bezig'))).toBe(false);

    // A coordinator may change it from a personal chat, and sees the buttons there.
    expect(cardTexts(cardOf(await ask(bot, 'mijlpalen Baarn Q4 2024', COORDINATOR))).some((t) => t.startsWith('Zet op'))).toBe(true);
    const byCoordinator = await bot.post(cardAction(bot.connector.serviceUrl, 'mijlpaalStatus', data, { conversation: personalChat(COORDINATOR), from: COORDINATOR }));
    expect(cardTexts((byCoordinator.body as { value: unknown }).value).some((t) => t.startsWith('Status: Bezig — gewijzigd door Carol Smit'))).toBe(true);
  });

  it('refuses a status button with data that does not validate', async () => {
    const response = await bot.post(cardAction(bot.connector.serviceUrl, 'mijlpaalStatus', { milestoneId: 'baarn/2024-Q1/bestaat-niet', status: 'klaar' }, { conversation: werkgroep }));
    expect(JSON.stringify(response.body)).toContain('staat niet (meer) in het uitvoeringsplan');
  });

  it('shows the overview: a chart of each gemeente\'s milestones, a table for other clients, and what is overdue per gemeente', async () => {
    const card = cardOf(await say('mijlpalen overzicht'));
    const texts = cardTexts(card);
    expect(texts[0]).toBe('Voortgang uitvoeringsplan');
    expect(texts[1]).toContain('huidig kwartaal Q2 2024');

    // One stacked bar per gemeente; Baarn has the milestone set to gereed above and one set to bezig.
    const charts = card.body.filter((e: any) => e.type === 'Chart.HorizontalBar.Stacked');
    expect(charts).toHaveLength(1);
    const [chart] = charts;
    expect(chart.data.map((bar: any) => bar.title)).toEqual(['Baarn', 'Bunschoten', 'De Bilt', 'Eemnes']);
    const baarn = chart.data.find((bar: any) => bar.title === 'Baarn');
    const [gereed, bezig, open] = baarn.data;
    expect(gereed).toEqual({ legend: 'gereed', value: 1, color: 'good' });
    expect(bezig).toMatchObject({ legend: 'bezig', value: 1 });
    expect(open).toMatchObject({ legend: 'open', color: 'neutral' });
    expect(open.value).toBeGreaterThan(0);

    // Clients without charts show the table: a header row and one row per gemeente.
    expect(chart.fallback.type).toBe('Table');
    const rows = chart.fallback.rows.map((row: any) => cardTexts(row));
    expect(rows[0]).toEqual(['Gemeente', 'Gereed', 'Bezig', 'Open']);
    expect(rows.slice(1).map((r: string[]) => r[0])).toEqual(['Baarn', 'Bunschoten', 'De Bilt', 'Eemnes']);
    expect(rows[1]).toEqual(['Baarn', '1', '1', String(open.value)]);

    // Overdue: a count per gemeente; the list opens in the card itself.
    expect(texts).toContain('Baarn: 1 achterstallig');
    const overdue = card.body.find((e: any) => e.type === 'Container' && cardTexts(e).includes('Baarn: 1 achterstallig'));
    const showCard = overdue.items.find((i: any) => i.type === 'ActionSet').actions[0];
    expect(showCard).toMatchObject({ type: 'Action.ShowCard', title: 'Achterstallig in Baarn' });
    expect(cardTexts(showCard.card)).toEqual(['Q1 2024 · In beeld brengen professionals · open']);
  });

  it('says when the plan period has ended instead of naming the current quarter', async () => {
    clock.set('2026-11-23T10:00:00+01:00');
    try {
      const texts = cardTexts(cardOf(await say('mijlpalen overzicht')));
      expect(texts[1]).toContain('Het uitvoeringsplan liep tot en met Q4 2025');
      expect(texts[1]).not.toContain('huidig kwartaal');
    } finally {
      clock.set('2024-05-15T10:00:00+02:00');
    }
  });
});
