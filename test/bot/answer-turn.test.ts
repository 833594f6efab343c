// A frontline worker asks in Teams and gets the route card — through HTTP, as Teams sends it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, cardAction, message, personalChat, searchQuery } from '../helpers/activities';
import { cardOf, cardTexts, cardUrls, startBot, type BotHarness } from '../helpers/bot-harness';

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBot({ env: { COORDINATORS: ALICE.aadObjectId! } });
});
afterAll(async () => {
  await bot.destroy();
});

async function ask(text: string, from = ALICE) {
  const activity = message(bot.connector.serviceUrl, text, { from });
  const before = bot.connector.sentTo(activity.conversation.id).length;
  const response = await bot.post(activity);
  expect(response.status).toBe(200);
  const sent = await bot.connector.waitFor(activity.conversation.id, before + 1);
  return sent[sent.length - 1]!;
}

describe('a question in chat', () => {
  it('gets one Adaptive Card 1.5 with the route, contacts as tel: buttons, steps and source', async () => {
    const reply = await ask('waar meld ik een vermoeden van huiselijk geweld?');
    const card = cardOf(reply);
    expect(card.version).toBe('1.5');
    const texts = cardTexts(card);
    expect(texts).toContain('Vermoeden van huiselijk geweld of kindermishandeling melden');
    expect(texts.some((t) => t.startsWith('Bel Veilig Thuis (0800-2000)'))).toBe(true);
    expect(cardUrls(card)).toContain('tel:0800-2000'.replace('-', ''));
    expect(texts).toContain('Stappen');
    expect(texts.some((t) => /^1\. /.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith('Bron: FACTS.md'))).toBe(true);
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('offers up to three alternatives that ask for that item', async () => {
    const card = cardOf(await ask('waar meld ik kindermishandeling'));
    const submits = JSON.stringify(card).match(/"verb":"showItem"/g) ?? [];
    expect(submits.length).toBeGreaterThanOrEqual(1);
    expect(submits.length).toBeLessThanOrEqual(3);
    expect(cardTexts(card)).toContain('Bedoelde je …?');

    const picked = cardOf(await ask('Meldcode huiselijk geweld en kindermishandeling (stappen en afwegingskader)', ALICE));
    expect(cardTexts(picked)[0]).toContain('Meldcode');
  });

  it('shows an alternative by its id when its button is pressed', async () => {
    const activity = message(bot.connector.serviceUrl, 'Persoonsgerichte aanpak', { value: { verb: 'showItem', itemId: 'handelingskaders/ave-opschalen' } });
    await bot.post(activity);
    const sent = await bot.connector.waitFor(activity.conversation.id, 1);
    expect(cardTexts(cardOf(sent[sent.length - 1]))).toContain('AVE - Aanpak Voorkomen Escalatie en wanneer je opschaalt');
  });

  it('puts "Acuut gevaar? Bel 112" first when there is acute danger', async () => {
    const card = cardOf(await ask('klant dreigt met een mes aan de balie'));
    const first = card.body[0];
    expect(first.type).toBe('Container');
    expect(first.items[0].text).toBe('Acuut gevaar? Bel 112');
    expect(cardUrls(card)[0]).toBe('tel:112');
  });

  it('puts 113 first for suicide intent', async () => {
    const card = cardOf(await ask('mijn cliënt zegt dat hij vanavond zelfmoord wil plegen'));
    expect(card.body[0].items[0].text).toContain('Bel 113');
    expect(cardUrls(card)[0]).toBe('tel:113');
  });

  it('answers "Geen antwoord gevonden" with national routes and queues the masked question for coordinators', async () => {
    const card = cardOf(await ask('hoe laat gaat de kantine open? groet, piet@example.nl'));
    const texts = cardTexts(card);
    expect(texts).toContain('Geen antwoord gevonden');
    expect(texts).toContain('Landelijke routes');
    expect(cardUrls(card)).toContain('tel:112');
    expect(cardUrls(card)).toContain('tel:08002000');

    const queue = cardOf(await ask('onbeantwoord'));
    const queued = cardTexts(queue);
    expect(queued).toContain('hoe laat gaat de kantine open? groet, [e-mail]');
    expect(queued.join(' ')).not.toContain('piet@example.nl');
  });

  it('refuses the curation queue to someone who is not a coordinator', async () => {
    const reply = await ask('onbeantwoord', BOB);
    expect(reply.text).toContain('Alleen coördinatoren');
  });
});

describe('privacy', () => {
  it('answers anyway, warns not to share personal data, and stores only the masked form', async () => {
    const question = 'cliënt met BSN 111222333, tel 06-12345678, woont 3731 AB 12, geboren 03-04-1980: vermoeden kindermishandeling';
    const card = cardOf(await ask(question));
    const texts = cardTexts(card);
    expect(texts.some((t) => t.startsWith('Deel geen persoonsgegevens'))).toBe(true);
    expect(texts).toContain('Vermoeden van huiselijk geweld of kindermishandeling melden');

    const rows = await bot.runtime.deps.store.sql.query<{ dump: string }>(
      `select coalesce(string_agg(masked_question, ' '), '') || (select coalesce(string_agg(value::text, ' '), '') from bot_state) as dump from unanswered_questions`,
    );
    for (const secret of ['111222333', '06-12345678', '3731 AB', '03-04-1980']) expect(rows[0]!.dump).not.toContain(secret);
  });
});

describe('commands', () => {
  it.each(['help', 'HULP', 'Hallo', 'hi', 'Help!'])('"%s" shows what the bot can do', async (text) => {
    const texts = cardTexts(cardOf(await ask(text)));
    expect(texts.some((t) => t === 'Wat Meldwijzer kan' || t === 'Welkom bij Meldwijzer')).toBe(true);
    expect(texts).toContain('Acuut gevaar? Bel altijd eerst 112.');
  });

  it('remembers my gemeente, shows it, and uses it for the local meldpunt', async () => {
    expect((await ask('gemeente', BOB)).text).toContain('nog geen gemeente');
    expect((await ask('Gemeente de bilt', BOB)).text).toContain('Je gemeente is nu De Bilt');
    expect((await ask('gemeente', BOB)).text).toContain('Je gemeente is De Bilt');
    const card = cardOf(await ask('iemand met verward gedrag', BOB));
    expect(cardTexts(card).join(' ')).toContain('Gemeente De Bilt heeft het lokale meldpunt zorgwekkend gedrag nog niet ingevuld');
  });

  it('says which gemeenten exist when I name an unknown one', async () => {
    const reply = await ask('gemeente Atlantis');
    expect(reply.text).toContain('Die gemeente ken ik niet');
    expect(reply.text).toContain('Baarn');
  });
});

describe('card actions and the message extension', () => {
  it('stores Nuttig feedback with item id and time and refreshes the card with a thank-you', async () => {
    const response = await bot.post(
      cardAction(bot.connector.serviceUrl, 'feedback', { itemId: 'meldroutes/huiselijk-geweld', useful: true, urgency: 'geweld', alternativeIds: 'handelingskaders/meldcode' }),
    );
    expect(response.status).toBe(200);
    const body = response.body as { statusCode: number; type: string; value: Record<string, any> };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    const texts = cardTexts(body.value);
    expect(texts).toContain('Bedankt voor je feedback.');
    expect(texts).not.toContain('Nuttig');
    expect(body.value.body[0].items[0].text).toBe('Acuut gevaar? Bel 112');
    const stored = await bot.runtime.deps.store.feedbackFor('meldroutes/huiselijk-geweld');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.useful).toBe(true);
  });

  it('refuses feedback data that does not validate, without storing anything', async () => {
    const response = await bot.post(cardAction(bot.connector.serviceUrl, 'feedback', { itemId: 'bestaat/niet', useful: 'ja' }));
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain('Deze knop werkt niet meer');
    expect(await bot.runtime.deps.store.feedbackFor('bestaat/niet')).toEqual([]);
  });

  it('finds routes from the compose box (zoek) as cards to insert', async () => {
    const response = await bot.post(searchQuery(bot.connector.serviceUrl, 'zoek', 'agresieve klant'));
    expect(response.status).toBe(200);
    const result = (response.body as { composeExtension: { type: string; attachments: Array<Record<string, any>> } }).composeExtension;
    expect(result.type).toBe('result');
    expect(result.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(result.attachments[0]!.preview.content.title).toBe('Agressie aan de balie of in de spreekkamer');
  });

  it('keeps a conversation reference for proactive messages', async () => {
    await ask('hallo');
    const record = await bot.runtime.deps.store.conversation(personalChat(ALICE).id);
    expect(record?.conversationType).toBe('personal');
    expect((record?.reference as { serviceUrl: string }).serviceUrl).toBe(bot.connector.serviceUrl);
  });
});
