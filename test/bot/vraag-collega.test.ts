// "Vraag een collega": a worker without an answer asks the colleagues in the experts' channel; one of
// them picks it up and answers; the answer reaches the worker in a 1:1 chat. Through HTTP, as Teams
// sends it, with the fake connector.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, cardAction, channel, message, personalChat, type Conversation, type Who } from '../helpers/activities';
import { cardOf, cardTexts, say as sayTo, startBot, type BotHarness, findInCard as find } from '../helpers/bot-harness';
import { dropSchemas, TEST_DATABASE_URL, uniqueSchema } from '../helpers/databases';
import { FakeConnector } from '../helpers/fake-connector';

const CAROL: Who = { id: '29:carol', aadObjectId: '00000000-0000-0000-0000-0000000ca201', name: 'Carol Bakker' };
const DAVE: Who = { id: '29:dave', aadObjectId: '00000000-0000-0000-0000-00000000da7e', name: 'Dave de Wit' };
const EXPERTS = channel('experts', '123');
const SECRETS = ['06-12345678', '111222333', '06-87654321', 'alice@example.nl'];
const NO_ANSWER = 'hoe laat gaat de kantine open? bel 06-12345678, klant met bsn 111222333';

let bot: BotHarness;
let connector: FakeConnector;
let dataDir = '';
// On PostgreSQL when TEST_DATABASE_URL is set (as on CI), else on PGlite.
const postgresSchema = TEST_DATABASE_URL ? uniqueSchema('vraagcollega') : undefined;
const startAgain = (dir?: string) => startBot({ env: { COORDINATORS: ALICE.aadObjectId! }, connector, dataDir: dir, persistent: true, postgresSchema });
beforeAll(async () => {
  connector = await new FakeConnector().start();
  bot = await startAgain();
  dataDir = bot.dataDir;
});
afterAll(async () => {
  await bot.destroy();
  await connector.stop();
  await rm(dataDir, { recursive: true, force: true });
  if (postgresSchema) await dropSchemas(postgresSchema);
});

const say = (text: string, from: Who, conversation: Conversation = personalChat(from)) => sayTo(bot, text, { from, conversation });

/** Presses a card button (Action.Execute); the invoke answer: a card, or a message (string). */
async function press(verb: string, data: Record<string, unknown>, from: Who, conversation: Conversation = personalChat(from)) {
  const response = await bot.post(cardAction(connector.serviceUrl, verb, data, { from, conversation }));
  expect(response.status).toBe(200);
  const body = response.body as { type: string; value: any };
  return { card: body.type === 'application/vnd.microsoft.card.adaptive' ? (body.value as Record<string, any>) : null, message: typeof body.value === 'string' ? body.value : '' };
}

/** What Teams sends when the form is submitted: the button's data plus the typed text. */
function formSubmit(card: unknown, typed?: string) {
  const [action] = find(card, (o) => o.verb === 'vraagCollega');
  const [input] = find(card, (o) => o.type === 'Input.Text' && o.id === 'vraag');
  expect(action, 'form shown').toBeDefined();
  return { ...action!.data, vraag: typed ?? input!.value };
}

const sql = () => bot.runtime.deps.store.sql;
const posts = () => connector.deliveredTo(EXPERTS.channelId);
const dump = async (table: string) => JSON.stringify(await sql().query(`select * from ${table}`));
/** The answers Carol got in her 1:1 chat (the conversation the bot creates is the one she chats in). */
const answersToCarol = () =>
  connector.deliveredTo(`a:personal-${CAROL.id}`).filter((a) => JSON.stringify(a).includes('Antwoord van een collega'));

describe('without an experts channel', () => {
  it('says none is set, and a question without an answer tells whom to ask instead of offering a form', async () => {
    expect((await say('experts', CAROL)).text).toContain('Er is nog geen expertskanaal ingesteld');
    const card = cardOf(await say(NO_ANSWER, CAROL));
    expect(cardTexts(card)).toContain('Geen antwoord gevonden');
    expect(cardTexts(card).join(' ')).toContain('Vraag het een coördinator van de werkgroep Zorg & Veiligheid.');
    expect(find(card, (o) => o.verb === 'vraagCollega')).toEqual([]);

    await bot.runtime.deps.roles.coordinators.add('tenant-1', DAVE.aadObjectId!, DAVE.name!, { id: ALICE.aadObjectId!, name: ALICE.name! });
    const named = cardOf(await say(NO_ANSWER, CAROL));
    expect(cardTexts(named).join(' ')).toContain('Vraag het een coördinator: Dave de Wit.');
  });
});

describe('experts hier', () => {
  it('is refused to someone who is not a coordinator, and outside a team channel', async () => {
    expect((await say('experts hier', BOB, EXPERTS)).text).toContain('Dit kan alleen een coördinator');
    expect((await say('experts hier', ALICE)).text).toContain('Het expertskanaal moet een kanaal in een team zijn');
    expect((await say('experts', BOB, EXPERTS)).text).toContain('Er is nog geen expertskanaal ingesteld');
  });

  it('makes the channel (not the thread) the experts channel, with who set it', async () => {
    const reply = await say('experts hier', ALICE, EXPERTS);
    expect(reply.text).toContain('Dit kanaal is nu het expertskanaal');
    expect((await say('experts', BOB, channel('experts', '456'))).text).toContain('Dit kanaal is het expertskanaal voor "Vraag een collega" (ingesteld door Alice de Vries');
    expect((await say('experts', CAROL)).text).toContain('Er is een expertskanaal voor "Vraag een collega": een kanaal in een team (ingesteld door Alice de Vries');
    const [stored] = await sql().query<{ conversation_id: string; reference: any; set_by_id: string }>('select * from expert_channels');
    expect(stored).toMatchObject({ conversation_id: EXPERTS.channelId, set_by_id: ALICE.aadObjectId });
    expect(stored!.reference.conversation.id).toBe(EXPERTS.channelId);
    expect(stored!.reference.activityId).toBeUndefined();
  });
});

describe('ask, pick up, answer', () => {
  let questionId = '';
  let postedId = '';

  it('offers the form under "Geen antwoord", prefilled with the masked question, saying who will read it', async () => {
    const card = cardOf(await say(NO_ANSWER, CAROL));
    const [input] = find(card, (o) => o.type === 'Input.Text' && o.id === 'vraag');
    expect(input!.value).toBe('hoe laat gaat de kantine open? bel [telefoonnummer], klant met bsn [BSN]');
    expect(input!.maxLength).toBe(1000);
    expect(cardTexts(card).join(' ')).toContain("Collega's in het expertskanaal van de werkgroep Zorg & Veiligheid lezen wat je hier verstuurt.");
  });

  it('refuses an empty question with a Dutch message and keeps the form', async () => {
    const card = cardOf(await say(NO_ANSWER, CAROL));
    const { card: refused } = await press('vraagCollega', formSubmit(card, '   '), CAROL);
    expect(cardTexts(refused).join(' ')).toContain('Schrijf eerst kort wat je zocht');
    expect(find(refused, (o) => o.verb === 'vraagCollega')).toHaveLength(1);
    expect(JSON.parse(await dump('expert_questions'))).toEqual([]);
  });

  it('keeps a question that is too long, masked, with a Dutch message', async () => {
    const card = cardOf(await say(NO_ANSWER, CAROL));
    const long = `bel 06-12345678 ${'x'.repeat(1100)}`;
    const { card: refused } = await press('vraagCollega', formSubmit(card, long), CAROL);
    expect(cardTexts(refused).join(' ')).toContain('Je vraag is te lang: maximaal 1000 tekens');
    expect(find(refused, (o) => o.id === 'vraag')[0]!.value).toBe(`bel [telefoonnummer] ${'x'.repeat(1100)}`);
  });

  it('posts the masked question as a new post in the experts channel', async () => {
    const card = cardOf(await say(NO_ANSWER, CAROL));
    const data = formSubmit(card, `${find(card, (o) => o.id === 'vraag')[0]!.value} — en nog eens: 06-12345678`);
    const { card: sent } = await press('vraagCollega', data, CAROL);
    expect(cardTexts(sent).join(' ')).toContain("Je vraag is doorgestuurd naar de collega's in het expertskanaal");
    expect(cardTexts(sent)).toContain('Geen antwoord gevonden');

    // The same form again (a double click) is the same question.
    const again = await press('vraagCollega', data, CAROL);
    expect(cardTexts(again.card).join(' ')).toContain('Deze vraag had je al doorgestuurd');

    const threadReplies = connector.sentTo(EXPERTS.id).length;
    expect(await bot.runtime.outbox.deliverDue()).toMatchObject({ sent: 1, failed: 0 });
    expect(posts()).toHaveLength(1);
    expect(connector.sentTo(EXPERTS.id)).toHaveLength(threadReplies);
    const call = connector.calls.find((c) => c.conversationId === EXPERTS.channelId)!;
    expect(call.path).toMatch(/\/activities$/); // a new post, not a reply to a message
    const expertCard = cardOf(posts()[0]);
    const texts = cardTexts(expertCard).join(' ');
    expect(texts).toContain('Vraag van een collega');
    expect(texts).toContain('hoe laat gaat de kantine open? bel [telefoonnummer], klant met bsn [BSN] — en nog eens: [telefoonnummer]');
    expect(texts).toContain('Iedereen in dit kanaal mag een vraag oppakken en beantwoorden');
    expect(texts).not.toContain('Carol');
    for (const secret of SECRETS) expect(JSON.stringify(expertCard)).not.toContain(secret);
    for (const secret of SECRETS) expect(await dump('expert_questions')).not.toContain(secret);

    questionId = find(expertCard, (o) => o.verb === 'expertOppakken')[0]!.data.questionId;
    const [row] = await sql().query<{ sent_activity_id: string }>(`select sent_activity_id from outbox where idempotency_key = $1`, [`expertvraag:${questionId}`]);
    postedId = row!.sent_activity_id;
    expect(postedId).toMatch(/^reply-/);
    const [stored] = await sql().query<Record<string, unknown>>('select * from expert_questions where id = $1', [questionId]);
    expect(stored).toMatchObject({ asker_teams_id: CAROL.id, asker_aad_id: CAROL.aadObjectId, tenant_id: 'tenant-1', service_url: connector.serviceUrl });
  });

  it('lets anyone in the channel pick it up, and refreshes the post for everyone', async () => {
    const thread = channel('experts', postedId);
    const { card } = await press('expertOppakken', { questionId }, BOB, thread);
    expect(cardTexts(card).some((t) => t.startsWith('Opgepakt door Bob Jansen'))).toBe(true);
    const update = connector.calls.find((c) => c.method === 'PUT');
    expect(update?.path.endsWith(`/activities/${postedId}`)).toBe(true);
    expect(find(update!.body, (o) => o.verb === 'expertOppakken')).toEqual([]);

    const other = await press('expertOppakken', { questionId }, ALICE, thread);
    expect(cardTexts(other.card).join(' ')).toContain('Bob Jansen heeft deze vraag al opgepakt');
  });

  it('refuses forged or stale card data with a Dutch message', async () => {
    const elsewhere = await press('expertOppakken', { questionId }, BOB, channel('werkgroep'));
    expect(elsewhere.message).toBe('Deze vraag bestaat niet (meer) in dit kanaal.');
    expect((await press('expertOppakken', { questionId: 'abc' }, BOB, EXPERTS)).message).toContain('Deze knop werkt niet meer');
    expect((await press('expertBeantwoorden', { questionId: crypto.randomUUID(), antwoord: 'x' }, BOB, EXPERTS)).message).toContain('bestaat niet');
    expect((await press('vraagCollega', { formId: 'x', host: 'geenAntwoord', vraag: 'vraag' }, CAROL)).message).toContain('Deze knop werkt niet meer');
    const forgedItem = { formId: crypto.randomUUID(), host: 'route', itemId: 'bestaat/niet', vraag: 'vraag' };
    expect((await press('vraagCollega', forgedItem, CAROL)).message).toContain('Deze knop werkt niet meer');
    expect((await press('feedback', { itemId: 'meldroutes/huiselijk-geweld', useful: false, question: 'x'.repeat(600) }, CAROL)).message).toContain('Deze knop werkt niet meer');
    expect(await sql().query('select 1 from expert_questions')).toHaveLength(1);
  });

  it('refuses an empty answer and keeps what was typed when it is too long', async () => {
    const thread = channel('experts', postedId);
    const empty = await press('expertBeantwoorden', { questionId, antwoord: ' ' }, ALICE, thread);
    expect(cardTexts(empty.card).join(' ')).toContain('Je antwoord is leeg');
    const long = await press('expertBeantwoorden', { questionId, antwoord: 'y'.repeat(2001) }, ALICE, thread);
    expect(cardTexts(long.card).join(' ')).toContain('Je antwoord is te lang');
    expect(find(long.card, (o) => o.id === 'antwoord')[0]!.value).toBe('y'.repeat(2001));
    expect(await sql().query(`select 1 from outbox where idempotency_key like 'expertantwoord:%'`)).toEqual([]);
  });

  it('sends the masked answer to the asker in a 1:1 chat the bot starts, and keeps the pair for editors', async () => {
    const thread = channel('experts', postedId);
    const answer = 'Vraag het facilitair bureau; mail mij gerust op alice@example.nl of bel 06-87654321.';
    const { card } = await press('expertBeantwoorden', { questionId, antwoord: answer }, ALICE, thread);
    const texts = cardTexts(card).join(' ');
    expect(texts).toContain('Beantwoord door Alice de Vries');
    expect(texts).toContain('Vraag het facilitair bureau; mail mij gerust op [e-mail] of bel [telefoonnummer].');
    expect(find(card, (o) => o.type === 'Input.Text')).toEqual([]);
    const updates = connector.calls.filter((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${postedId}`));
    expect(cardTexts(cardOf(updates[updates.length - 1]!.body)).join(' ')).toContain('Beantwoord door Alice de Vries');

    expect(await bot.runtime.outbox.deliverDue()).toMatchObject({ sent: 1, failed: 0 });
    expect(connector.createdConversations).toHaveLength(1);
    expect(connector.createdConversations[0]).toMatchObject({ isGroup: false, members: [{ id: CAROL.id }], tenantId: 'tenant-1', channelData: { tenant: { id: 'tenant-1' } } });
    const delivered = answersToCarol();
    expect(delivered).toHaveLength(1);
    const answerCard = cardOf(delivered[0]);
    expect(cardTexts(answerCard)).toContain('Antwoord van een collega');
    expect(cardTexts(answerCard).join(' ')).toContain('Vraag het facilitair bureau; mail mij gerust op [e-mail] of bel [telefoonnummer].');
    for (const secret of SECRETS) expect(JSON.stringify(answerCard)).not.toContain(secret);

    const candidates = await sql().query<Record<string, unknown>>('select * from candidate_phrasings');
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({ question_id: questionId, item_id: null, answered_by_name: 'Alice de Vries' });
    for (const table of ['candidate_phrasings', 'expert_questions', 'outbox']) for (const secret of SECRETS) expect(await dump(table)).not.toContain(secret);
  });

  it('refuses a second answer politely, says who answered, and sends nothing more', async () => {
    const { card } = await press('expertBeantwoorden', { questionId, antwoord: 'Nog een antwoord' }, BOB, channel('experts', postedId));
    const texts = cardTexts(card).join(' ');
    expect(texts).toContain('Deze vraag is al beantwoord door Alice de Vries; jouw antwoord is niet verstuurd.');
    expect(texts).toContain('Nog een antwoord');
    expect((await press('expertOppakken', { questionId }, BOB, channel('experts', postedId))).card).toBeTruthy();
    expect(await bot.runtime.outbox.deliverDue()).toMatchObject({ sent: 0 });
    expect(answersToCarol()).toHaveLength(1);
    expect(await sql().query('select 1 from candidate_phrasings')).toHaveLength(1);
  });
});

describe('after "Niet nuttig"', () => {
  it('offers the form with the question the route card carried, and the answer names the item; a queued answer survives a restart', async () => {
    const routeCard = cardOf(await say('waar meld ik huiselijk geweld? cliënt 06-12345678', CAROL));
    const [notUseful] = find(routeCard, (o) => o.verb === 'feedback' && o.data?.useful === false);
    expect(notUseful!.data.question).toBe('waar meld ik huiselijk geweld? cliënt [telefoonnummer]');

    const { card } = await press('feedback', notUseful!.data, CAROL);
    expect(cardTexts(card)).toContain('Bedankt voor je feedback.');
    expect(find(card, (o) => o.id === 'vraag')[0]!.value).toBe('waar meld ik huiselijk geweld? cliënt [telefoonnummer]');
    const { card: sent } = await press('vraagCollega', formSubmit(card), CAROL);
    expect(cardTexts(sent).join(' ')).toContain('Je vraag is doorgestuurd');
    expect(cardTexts(sent)[0]).toBe(cardTexts(card)[0]);

    await bot.runtime.outbox.deliverDue();
    const expertCard = cardOf(posts()[posts().length - 1]);
    expect(cardTexts(expertCard).join(' ')).toContain('gezocht bij: ');
    const questionId = find(expertCard, (o) => o.verb === 'expertOppakken')[0]!.data.questionId;
    await press('expertBeantwoorden', { questionId, antwoord: 'Bel Veilig Thuis.' }, BOB, EXPERTS);

    // The bot restarts before the answer went out: it is still queued, with its recipient.
    await bot.stop();
    bot = await startAgain(dataDir);
    expect(await bot.runtime.outbox.deliverDue()).toMatchObject({ sent: 1 });
    const delivered = answersToCarol();
    expect(delivered).toHaveLength(2);
    expect(cardTexts(cardOf(delivered[delivered.length - 1])).join(' ')).toContain('Bel Veilig Thuis.');
    const [candidate] = await sql().query<{ item_id: string }>('select item_id from candidate_phrasings where question_id = $1', [questionId]);
    expect(candidate!.item_id).toMatch(/^meldroutes\//);
  });

  it('after "Nuttig" offers nothing', async () => {
    const { card } = await press('feedback', { itemId: 'meldroutes/huiselijk-geweld', useful: true, question: 'vraag' }, CAROL);
    expect(find(card, (o) => o.verb === 'vraagCollega')).toEqual([]);
  });
});

describe('limits', () => {
  it('takes at most ten questions an hour from one person, and says so without losing the question', async () => {
    const card = cardOf(await say(NO_ANSWER, DAVE));
    const submit = formSubmit(card);
    for (let i = 0; i < 10; i++) {
      const { card: sent } = await press('vraagCollega', { ...submit, formId: crypto.randomUUID() }, DAVE);
      expect(cardTexts(sent).join(' ')).toContain('Je vraag is doorgestuurd');
    }
    const { card: refused } = await press('vraagCollega', { ...submit, formId: crypto.randomUUID() }, DAVE);
    expect(cardTexts(refused).join(' ')).toContain("Je hebt het afgelopen uur al 10 vragen aan collega's gesteld");
    expect(find(refused, (o) => o.id === 'vraag')[0]!.value).toBe(submit.vraag);
  });
});

describe('a no-answer card with the alert line', () => {
  it('keeps the alert line of a no-answer card when the form is sent', async () => {
    const card = cardOf(await say('de wachttijd maakt hem kapot', CAROL));
    expect(card.body[0].id).toBe('direct-gevaar');
    const { card: sent } = await press('vraagCollega', formSubmit(card, 'wat doe ik als een klant zegt dat de wachttijd hem kapotmaakt'), CAROL);
    expect(cardTexts(sent)).toContain('Geen antwoord gevonden');
    expect(sent!.body[0].id).toBe('direct-gevaar');
    expect(cardTexts(sent)).toContain('Is er nu direct gevaar? Bel 112');
  });
});
