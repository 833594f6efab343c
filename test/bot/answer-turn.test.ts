// A frontline worker asks in Teams and gets the route card — through HTTP, as Teams sends it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, cardAction, message, personalChat, searchQuery, type Who } from '../helpers/activities';
import { ask as askBot, cardOf, cardTexts, cardUrls, startBot, type BotHarness } from '../helpers/bot-harness';

// Their own personal chats, so counting what was sent there is not disturbed by the other tests.
const CAROL: Who = { id: '29:carol', aadObjectId: '00000000-0000-0000-0000-0000000ca401', name: 'Carol Bakker' };
const DAVE: Who = { id: '29:dave', aadObjectId: '00000000-0000-0000-0000-00000000da5e', name: 'Dave Smit' };

const EVE: Who = { id: '29:eve', aadObjectId: '00000000-0000-0000-0000-0000000000e5', name: 'Eve Visser' };

let bot: BotHarness;
/** The bot's structured log lines (JSON). */
const logLines: string[] = [];
beforeAll(async () => {
  bot = await startBot({ env: { COORDINATORS: ALICE.aadObjectId! }, logLines });
});
afterAll(async () => {
  await bot.destroy();
});

const ask = (text: string, from: Who = ALICE) => askBot(bot, text, from);

describe('a question in chat', () => {
  it('gets one Adaptive Card 1.5 with the route, contacts as tel: buttons, steps and source', async () => {
    const reply = await ask('waar meld ik een vermoeden van huiselijk geweld?');
    const card = cardOf(reply);
    expect(card.version).toBe('1.5');
    const texts = cardTexts(card);
    expect(texts).toContain('Vermoeden van huiselijk geweld of kindermishandeling melden');
    expect(texts).toContain('0800-2000 — Veilig Thuis');
    expect(cardUrls(card)).toContain('tel:0800-2000'.replace('-', ''));
    expect(texts).toContain('Stappen');
    expect(texts.some((t) => /^1\. /.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith('Bron: Veilig Thuis Utrecht — [veiligthuisutrecht.nl](https://') && t.endsWith('gecontroleerd 23 november 2026'))).toBe(true);
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

  it('shows a "Bedoelde je …?" item as a new card when its button is pressed, as Teams sends it (plain data, no text)', async () => {
    const conversation = personalChat(CAROL);
    const answer = cardOf(await ask('waar meld ik kindermishandeling', CAROL));
    const button = (JSON.stringify(answer).match(/\{"type":"Action.Submit","title":"[^"]+","data":\{[^}]*\}\}/g) ?? []).map((b) => JSON.parse(b));
    expect(button[0].data).toEqual({ verb: 'showItem', itemId: 'handelingskaders/meldcode' });
    const before = bot.connector.sentTo(conversation.id).length;
    await bot.post(message(bot.connector.serviceUrl, undefined as never, { from: CAROL, value: button[0].data }));
    const sent = await bot.connector.waitFor(conversation.id, before + 1);
    expect(cardTexts(cardOf(sent[sent.length - 1]))[0]).toBe(button[0].title);
    // A new message: the answer it came from is not replaced.
    expect(bot.connector.calls.filter((c) => c.conversationId === conversation.id && c.method === 'PUT')).toEqual([]);
  });

  it('shows an alternative by its id when its button is pressed', async () => {
    const activity = message(bot.connector.serviceUrl, 'Persoonsgerichte aanpak', { value: { verb: 'showItem', itemId: 'handelingskaders/ave-opschalen' } });
    await bot.post(activity);
    const sent = await bot.connector.waitFor(activity.conversation.id, 1);
    expect(cardTexts(cardOf(sent[sent.length - 1]))).toContain('AVE - Aanpak Voorkomen Escalatie en wanneer je opschaalt');
  });

  it('answers "Geen antwoord gevonden" with national routes and queues the masked question for coordinators', async () => {
    const card = cardOf(await ask('hoe laat gaat de kantine open? groet, piet@example.nl'));
    const texts = cardTexts(card);
    expect(texts).toContain('Geen antwoord gevonden');
    expect(texts).toContain('Landelijke routes');
    expect(cardUrls(card)).toContain('tel:112');
    expect(cardUrls(card)).toContain('tel:08002000');
    expect(texts).toEqual(expect.arrayContaining(['112 — Alarmnummer', '0800-2000 — Veilig Thuis']));

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

describe('an urgent question', () => {
  /** The red block: its call buttons, then its lines. */
  function acuteBlock(card: Record<string, any>) {
    const block = card.body[0];
    expect(block).toMatchObject({ type: 'Container', id: 'acuut', style: 'attention' });
    expect(block.items[0].type).toBe('ActionSet');
    return { calls: block.items[0].actions.map((a: { title: string; url: string }) => `${a.url} ${a.title}`), lines: block.items.slice(1).map((t: { text: string }) => t.text) };
  }
  const callUrls = (card: unknown) => cardUrls(card).filter((u) => u.startsWith('tel:'));

  it('opens with the 112 button, then "Acuut gevaar? Bel 112", and shows 112 and the heading only once', async () => {
    const card = cardOf(await ask('iemand bedreigt mijn collega nu met een mes'));
    expect(acuteBlock(card)).toEqual({ calls: ['tel:112 112 — Alarmnummer'], lines: ['Acuut gevaar? Bel 112', "Zorg eerst voor je eigen veiligheid en die van collega's."] });
    expect(callUrls(card)).toEqual(['tel:112']);
    expect(cardTexts(card).filter((t) => t.includes('Acuut gevaar? Bel 112'))).toHaveLength(1);
    // The steps are in the card, folded away behind "Alle stappen" so the buttons stay in view.
    expect(cardTexts(card)).toContain('Alle stappen');
    expect(cardTexts(card).some((t) => t.startsWith('1. Bel 112'))).toBe(true);
  });

  it('puts 113 and 112 first for suicide intent, with no more than three numbers in the card', async () => {
    const card = cardOf(await ask('mijn cliënt zegt dat hij vanavond zelfmoord wil plegen'));
    expect(acuteBlock(card).calls).toEqual(['tel:113 113 — Zelfmoordpreventie', 'tel:112 112 — Alarmnummer']);
    expect(acuteBlock(card).lines[0]).toBe('Zorgen over zelfmoord? Bel 113');
    const calls = callUrls(card);
    expect(calls.length).toBeLessThanOrEqual(3);
    expect(new Set(calls).size).toBe(calls.length);
    expect(cardTexts(card).join(' ')).not.toContain('(gratis 0800-nummer) (0800-0113)');
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
      `select coalesce(string_agg(masked_question, ' '), '') as dump from unanswered_questions`,
    );
    for (const secret of ['111222333', '06-12345678', '3731 AB', '03-04-1980']) expect(rows[0]!.dump).not.toContain(secret);
  });
});

describe('commands', () => {
  it.each(['help', 'HULP', 'Hallo', 'hi', 'Help!'])('"%s" shows what the bot can do', async (text) => {
    const texts = cardTexts(cardOf(await ask(text)));
    expect(texts.some((t) => t === 'Wat Meldwijzer kan' || t === 'Welkom bij Meldwijzer')).toBe(true);
    expect(texts).toContain('Acuut gevaar? Bel 112');
  });

  it('keeps the werkgroep out of a frontline worker\'s help, and names "help werkgroep" for it', async () => {
    const help = cardTexts(cardOf(await ask('help'))).join(' ');
    expect(help).toContain('**help werkgroep**');
    expect(help).not.toMatch(/\b(overleg plannen|agenda toevoegen|coordinator toevoegen|onbeantwoord|herinneringen aan)\b/);
    const werkgroep = cardTexts(cardOf(await ask('help werkgroep'))).join(' ');
    for (const command of ['mijlpalen', 'herinneringen', 'overleg plannen', 'agenda toevoegen', 'coordinator toevoegen', 'onbeantwoord', 'experts hier']) {
      expect(werkgroep).toContain(`**${command}`);
    }
  });

  it('asks a welcome example\'s question exactly as if it was typed', async () => {
    const welcome = cardOf(await ask('hallo', CAROL));
    const examples = (JSON.stringify(welcome).match(/\{"type":"Action.Submit"[^{]*"data":\{[^}]*\}\}/g) ?? []).map((b) => JSON.parse(b));
    expect(examples).toHaveLength(3);
    const conversation = personalChat(CAROL);
    for (const example of examples) {
      const before = bot.connector.sentTo(conversation.id).length;
      await bot.post(message(bot.connector.serviceUrl, undefined as never, { from: CAROL, value: example.data }));
      const pressed = cardOf((await bot.connector.waitFor(conversation.id, before + 1))[before]);
      const typed = cardOf(await ask(example.data.question, CAROL));
      expect(pressed).toEqual(typed);
      expect(cardTexts(pressed)).not.toContain('Geen antwoord gevonden');
    }
    // Masked like a typed question, too.
    const before = bot.connector.sentTo(conversation.id).length;
    await bot.post(message(bot.connector.serviceUrl, undefined as never, { from: CAROL, value: { verb: 'vraag', question: 'vermoeden kindermishandeling, bel 06-12345678' } }));
    const masked = cardOf((await bot.connector.waitFor(conversation.id, before + 1))[before]);
    expect(cardTexts(masked).some((t) => t.startsWith('Deel geen persoonsgegevens'))).toBe(true);
  });

  it('refuses example data that does not validate: it asks for a question instead of answering one', async () => {
    const conversation = personalChat(CAROL);
    const before = bot.connector.sentTo(conversation.id).length;
    await bot.post(message(bot.connector.serviceUrl, undefined as never, { from: CAROL, value: { verb: 'vraag', question: 'x'.repeat(501) } }));
    const reply = (await bot.connector.waitFor(conversation.id, before + 1))[before]!;
    expect(reply.text).toContain('Stel je vraag in gewone taal');
  });

  it.each(['coordinator', 'coördinator', 'overleg', 'agenda', 'herinneringen', 'gemeente', 'mijlpalen'])(
    'answers a bare "%s" from the command menu as a command, never as a question without an answer',
    async (command) => {
      const reply = await ask(command, DAVE);
      const attachments = (reply.attachments ?? []) as unknown[];
      if (attachments.length > 0) expect(cardTexts(cardOf(reply))).not.toContain('Geen antwoord gevonden');
      const queue = cardTexts(cardOf(await ask('onbeantwoord')));
      expect(queue).not.toContain(command);
    },
  );

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
    expect(body.value.body[0].items[0].actions[0].url).toBe('tel:112');
    expect(body.value.body[0].items[1].text).toBe('Acuut gevaar? Bel 112');
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

describe('logs', () => {
  it('record what was answered, never the question text or personal data', async () => {
    const from = logLines.length;
    for (const text of ['vermoeden kindermishandeling bij familie Zwartewaal, bsn 111222333', 'hoe laat opent de kantine Zwartewaal']) {
      await ask(text, EVE);
    }
    const logged = logLines.slice(from).join('\n');
    expect(logged).toContain('"event":"question-answered"');
    expect(logged).toContain('"itemId":"meldroutes/huiselijk-geweld"');
    expect(logged).toContain('"personalDataFound":true');
    expect(logged).not.toMatch(/Zwartewaal|111222333|kantine|kindermishandeling bij/);
  });
});
