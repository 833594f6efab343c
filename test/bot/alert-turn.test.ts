// A frontline worker asks in Teams, through HTTP as Teams sends it, and sees what the urgency rules and
// the item's sources mean on the card: acute danger opens with the number, a danger word without a
// clear "now" opens with "Is er nu direct gevaar? Bel 112", and the source line says who published it,
// with a link, and when it was checked — or that it is time to check it again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, cardAction, type Who } from '../helpers/activities';
import { ask as askBot, cardOf, cardTexts, cardUrls, findInCard, startBot, type BotHarness } from '../helpers/bot-harness';
import { TestClock } from '../helpers/clock';

// Every item is checked on 23 November 2026 and due again in 2027; this day is within that.
const clock = new TestClock(new Date('2026-11-24T09:00:00Z'));
let bot: BotHarness;
beforeAll(async () => {
  bot = await startBot({ clock });
});
afterAll(async () => {
  await bot.destroy();
});

const ask = async (text: string, from: Who = ALICE) => cardOf(await askBot(bot, text, from));

/** The first thing on the card: the alert line with its call buttons, or null when the card opens otherwise. */
function alertLine(card: Record<string, any>): { text: string; calls: string[] } | null {
  const first = card.body[0];
  if (first?.id !== 'direct-gevaar') return null;
  return { text: first.items[0].text, calls: first.items[1].actions.map((a: { url: string }) => a.url) };
}

const calls = (card: unknown) => cardUrls(card).filter((u) => u.startsWith('tel:'));
const sourceLineOf = (card: unknown) => cardTexts(card).find((t) => t.startsWith('Bron: '));

describe('a danger word without a clear "now"', () => {
  it('keeps the route and opens the card with "Is er nu direct gevaar? Bel 112" and its call button', async () => {
    const card = await ask('vorige maand werd mijn cliënte door haar man geslagen, waar meld ik dat?');
    expect(alertLine(card)).toEqual({ text: 'Is er nu direct gevaar? Bel 112', calls: ['tel:112'] });
    // The route itself, not the acute route, with its steps open.
    expect(cardTexts(card)).toContain('Vermoeden van huiselijk geweld of kindermishandeling melden');
    expect(findInCard(card, (o) => o.id === 'acuut')).toEqual([]);
    expect(findInCard(card, (o) => o.id === 'stappen')[0]!.isVisible).toBe(true);
    // 112 once: the alert line's button is the only one.
    expect(calls(card).filter((u) => u === 'tel:112')).toHaveLength(1);
  });

  it('gives 113 for suicide and self-harm, and not a second 113 button further down', async () => {
    const card = await ask('hoe ga ik om met een cliënt die over suïcide praat');
    expect(alertLine(card)).toEqual({ text: 'Is er nu direct gevaar? Bel 113 — bij levensgevaar 112', calls: ['tel:113'] });
    expect(calls(card).filter((u) => u === 'tel:113')).toHaveLength(1);
  });

  it('is not shown for a question about a topic', async () => {
    const card = await ask('waar meld ik een vermoeden van huiselijk geweld?');
    expect(alertLine(card)).toBeNull();
    expect(findInCard(card, (o) => o.id === 'acuut')).toEqual([]);
  });

  it('stays on the card after "Nuttig", which refreshes it', async () => {
    const response = await bot.post(cardAction(bot.connector.serviceUrl, 'feedback', { itemId: 'meldroutes/huiselijk-geweld', useful: true, urgency: 'alert-geweld', alternativeIds: '' }));
    const refreshed = (response.body as { value: Record<string, any> }).value;
    expect(cardTexts(refreshed)).toContain('Bedankt voor je feedback.');
    expect(alertLine(refreshed)).toEqual({ text: 'Is er nu direct gevaar? Bel 112', calls: ['tel:112'] });
  });
});

describe('a danger word and no route for the rest', () => {
  it('opens the no-answer card with the alert line too: 112 is never left out for want of a route', async () => {
    // Chosen because nothing in the knowledge base answers it today; the invariant (alert → the line on
    // top) holds for every card, so the list may gain questions that are answered.
    for (const question of ['de wachttijd maakt hem kapot', 'vorige maand werd mijn cliënte door haar man geslagen, waar meld ik dat?']) {
      const card = await ask(question);
      expect(alertLine(card), question).toEqual({ text: 'Is er nu direct gevaar? Bel 112', calls: ['tel:112'] });
    }
    expect(cardTexts(await ask('de wachttijd maakt hem kapot'))).toContain('Geen antwoord gevonden');
    // A question without danger words gets the no-answer card without it.
    const plain = await ask('hoe deel ik mijn scherm in teams');
    expect(cardTexts(plain)).toContain('Geen antwoord gevonden');
    expect(alertLine(plain)).toBeNull();
  });
});

describe('acute danger the rules know in new words', () => {
  /** The red block's call buttons and heading, which open the card. */
  function acute(card: Record<string, any>) {
    const [block] = card.body;
    expect(block).toMatchObject({ type: 'Container', id: 'acuut', style: 'attention' });
    return { calls: block.items[0].actions.map((a: { url: string }) => a.url), heading: block.items[1].text };
  }

  it.each([
    ['klant dreigt zichzelf iets aan te doen', ['tel:113', 'tel:112'], 'Zorgen over zelfmoord? Bel 113'],
    ['hij zegt dat hij zijn ex gaat vermoorden', ['tel:112'], 'Acuut gevaar? Bel 112'],
    ['ik hoor gegil en harde klappen bij de buren', ['tel:112'], 'Acuut gevaar? Bel 112'],
    ['er ligt een man op de grond in de hal en hij reageert niet', ['tel:112'], 'Acuut gevaar? Bel 112'],
    ['mijn cliënt met dementie is sinds vanochtend vermist', ['tel:112'], 'Vermist kind of kwetsbare volwassene? Bel 112'],
  ])('"%s" opens with %j', async (question, first, heading) => {
    const card = await ask(question);
    expect(acute(card)).toEqual({ calls: first, heading });
    expect(alertLine(card)).toBeNull();
  });

  it('answers the urgent need first and offers the other under "Bedoelde je …?"', async () => {
    const card = await ask('klant praat aan de telefoon over zelfmoord');
    expect(acute(card).calls).toEqual(['tel:113', 'tel:112']);
    const offered = findInCard(card, (o) => o.type === 'Action.Submit').map((a) => a.data.itemId);
    expect(offered).toContain('agressieprotocol/telefoon-en-online');
    expect(offered).not.toContain('meldroutes/acuut-gevaar');
  });
});

describe('the source line', () => {
  it('names the publisher with a link and the day it was checked, in Dutch, and no file of ours', async () => {
    const card = await ask('waar meld ik een vermoeden van huiselijk geweld?');
    const line = sourceLineOf(card)!;
    expect(line).toMatch(/^Bron: Veilig Thuis Utrecht — \[veiligthuisutrecht\.nl\]\(https:\/\/veiligthuisutrecht\.nl\/[^)]*\)/);
    expect(line).toMatch(/ · gecontroleerd 23 november 2026$/);
    expect(JSON.stringify(card)).not.toMatch(/FACTS\.md|seeds\/|\.txt\b/);
    // The editors' note on which part of the source (section) is not for the reader.
    expect(line).not.toContain('0800-2000, 24/7');
  });

  it('names a document we hold a copy of by its title', async () => {
    const card = await ask('hoe maak ik een zorgmelding bij het sociaal team?');
    expect(sourceLineOf(card)).toContain('Uitvoeringsplan Zorg & Veiligheid 2024-2025');
    expect(JSON.stringify(card)).not.toMatch(/seeds\/|\.txt\b/);
  });

  it('says "Let op" when the item is past its review date by the bot\'s clock, and not before', async () => {
    expect(cardTexts(await ask('waar meld ik een vermoeden van huiselijk geweld?'))).not.toContain('Let op: deze informatie is ouder dan 12 maanden — controleer bij de bron');
    clock.set('2028-01-15T09:00:00Z');
    try {
      const card = await ask('waar meld ik een vermoeden van huiselijk geweld?');
      const texts = cardTexts(card);
      const notice = texts.indexOf('Let op: deze informatie is ouder dan 12 maanden — controleer bij de bron');
      expect(notice).toBeGreaterThan(-1);
      // Beside the source it asks to check.
      expect(texts[notice - 1]).toMatch(/^Bron: /);
    } finally {
      clock.set('2026-11-24T09:00:00Z');
    }
  });
});
