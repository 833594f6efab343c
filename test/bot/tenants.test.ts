// One tenant, one world: Meldwijzer serves the organisations (Microsoft 365 tenants) in ALLOWED_TENANTS,
// or else the one that talked to it first; anyone else gets a polite refusal and changes nothing.
// Coordinators, beheerders, the unanswered queue and milestone status each belong to one tenant, and
// the tenant is the one Teams names on the activity — never one a card carries.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config';
import { ERRORS } from '../../bot/errors';
import { LOCAL_TENANT, tenantKeyOf, tenantOfActivity } from '../../bot/tenants';
import { ALICE, BOB, botAdded, cardAction, channel, inTenant, message, personalChat, searchQuery, type Conversation, type Who } from '../helpers/activities';
import { cardOf, cardTexts, say as sayTo, startBot, type BotHarness, type HarnessOptions } from '../helpers/bot-harness';
import { TestClock } from '../helpers/clock';
import { dropSchemas, TEST_DATABASE_URL, uniqueSchema } from '../helpers/databases';

const CAROL: Who = { id: '29:carol', aadObjectId: '00000000-0000-0000-0000-0000000ca201', name: 'Carol Smit' };
/** Alice is a configured coordinator; two organisations are served. */
const TWO_TENANTS = { COORDINATORS: ALICE.aadObjectId!, ALLOWED_TENANTS: 'tenant-1,tenant-2' };
const INVOKE_REFUSAL = { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: ERRORS.TENANT_REFUSED.text };

/** A person's 1:1 chat with the bot in another organisation (a conversation lives in one tenant). */
const personalIn = (tenantId: string, who: Who): Conversation => ({ ...inTenant(personalChat(who), tenantId), id: `a:personal-${who.id}-${tenantId}` });
const mention = (who: Who) => ({ entities: [{ type: 'mention', mentioned: { id: who.id, name: who.name }, text: `<at>${who.name}</at>` }] });

const schemas: string[] = [];
afterAll(async () => {
  await dropSchemas(...schemas);
});
let bots: BotHarness[] = [];
afterEach(async () => {
  for (const bot of bots) await bot.destroy().catch(() => undefined);
  bots = [];
});

/** The same stories on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set. */
const backends: Array<[string, boolean]> = [['PGlite', false], ...(TEST_DATABASE_URL ? ([['PostgreSQL', true]] as Array<[string, boolean]>) : [])];

describe.each(backends)('tenants on %s', (_name, onPostgres) => {
  /** A schema of its own on PostgreSQL; undefined on PGlite (a data directory of its own). */
  function newSchema(): string | undefined {
    if (!onPostgres) return undefined;
    const schema = uniqueSchema('tenants');
    schemas.push(schema);
    return schema;
  }

  async function newBot(options: HarnessOptions = {}): Promise<BotHarness> {
    const postgresSchema = options.postgresSchema ?? newSchema();
    const bot = await startBot({ clock: new TestClock(new Date('2024-05-15T10:00:00+02:00')), ...options, postgresSchema });
    bots.push(bot);
    return bot;
  }

  /** Sends a message and returns the bot's last reply in that conversation. */
  const say = (bot: BotHarness, text: string, from: Who, conversation: Conversation, extra: Record<string, unknown> = {}) =>
    sayTo(bot, text, { from, conversation, extra });

  /** Presses a card button (Action.Execute) and returns what the bot answered the invoke with. */
  async function press(bot: BotHarness, verb: string, data: Record<string, unknown>, from: Who, conversation: Conversation) {
    const response = await bot.post(cardAction(bot.connector.serviceUrl, verb, data, { from, conversation }));
    expect(response.status).toBe(200);
    return response.body as { value: unknown };
  }

  const rows = (bot: BotHarness, sql: string) => bot.runtime.deps.store.sql.query(sql);

  it('a coordinator added in one tenant cannot switch reminders on in another tenant’s channel', async () => {
    const bot = await newBot({ env: TWO_TENANTS });
    const home = channel('wg-tenant-1');
    const other = inTenant(channel('wg-tenant-2'), 'tenant-2');
    const unknown = inTenant(channel('wg-tenant-3'), 'tenant-3');

    expect((await say(bot, `coordinator toevoegen <at>${BOB.name}</at>`, ALICE, home, mention(BOB))).text).toBe('Bob Jansen is nu coördinator.');
    expect(await rows(bot, 'select tenant_id, user_id from coordinators')).toEqual([{ tenant_id: 'tenant-1', user_id: BOB.id }]);
    // In his own tenant Bob is a coordinator…
    expect((await say(bot, 'herinneringen aan Baarn', BOB, home)).text).toContain('Herinneringen staan aan in dit kanaal voor: Baarn');
    // …in the other tenant's channel he is not, and nothing is switched on there.
    expect((await say(bot, 'herinneringen aan Baarn', BOB, other)).text).toBe(ERRORS.NOT_A_COORDINATOR.text);
    expect(await bot.runtime.deps.planStore.subscription(other.channelId)).toBeNull();
    // In a tenant Meldwijzer does not serve: the polite refusal, and not even the conversation is kept.
    expect((await say(bot, 'herinneringen aan Baarn', BOB, unknown)).text).toBe(ERRORS.TENANT_REFUSED.text);
    expect(await bot.runtime.deps.planStore.subscription(unknown.channelId)).toBeNull();
    expect(await bot.runtime.deps.store.conversation(unknown.channelId)).toBeNull();
    // Coordinators added in chat are removed per tenant too: removing Bob in tenant-2 leaves tenant-1's Bob.
    expect((await say(bot, `coordinator verwijderen <at>${BOB.name}</at>`, ALICE, other, mention(BOB))).text).toBe('Bob Jansen was geen coördinator.');
    expect((await say(bot, 'herinneringen uit', BOB, home)).text).toContain('Herinneringen staan nu uit');
  });

  it('a coordinator from a third tenant cannot read the unanswered queue; each served tenant sees only its own', async () => {
    const bot = await newBot({ env: TWO_TENANTS });
    expect(cardTexts(cardOf(await say(bot, 'hoe laat gaat de kantine open?', BOB, personalChat(BOB))))).toContain('Geen antwoord gevonden');

    // Alice is a configured coordinator, writing from an organisation that is not served.
    const fromThird = await say(bot, 'onbeantwoord', ALICE, personalIn('tenant-3', ALICE));
    expect(fromThird.text).toBe(ERRORS.TENANT_REFUSED.text);
    expect(fromThird.attachments).toBeUndefined();
    // From tenant-2 she sees tenant-2's queue, without tenant-1's question; from tenant-1 she sees it.
    expect(JSON.stringify(cardOf(await say(bot, 'onbeantwoord', ALICE, personalIn('tenant-2', ALICE))))).not.toContain('kantine');
    expect(cardTexts(cardOf(await say(bot, 'onbeantwoord', ALICE, personalChat(ALICE))))).toContain('hoe laat gaat de kantine open?');

    // A "Koppel aan item" button carrying tenant-1's question id, pressed in tenant-2, handles nothing.
    const [question] = await bot.runtime.deps.store.latestUnanswered('tenant-1', 1);
    const data = { ids: String(question!.id), week: '2024-05-20', itemId: 'meldroutes/woonoverlast' };
    expect(JSON.stringify(await press(bot, 'koppelen', data, ALICE, personalIn('tenant-2', ALICE)))).toContain('Deze vraag was al gekoppeld of genegeerd.');
    expect(JSON.stringify(await press(bot, 'negeren', data, ALICE, personalIn('tenant-2', ALICE)))).toContain('Deze vraag was al gekoppeld of genegeerd.');
    expect(await rows(bot, 'select tenant_id, handled from unanswered_questions')).toEqual([{ tenant_id: 'tenant-1', handled: null }]);
    // Tenant-2's overview counts only tenant-2's questions: none.
    const overview = cardOf(await say(bot, 'statistieken 1', ALICE, personalIn('tenant-2', ALICE)));
    const chart = overview.body.find((e: { type: string }) => e.type === 'Chart.Line');
    expect(chart.data[0].values).toEqual([{ x: 'deze week', y: 0 }]);
  });

  it('a forged mijlpaalStatus from a personal chat in an unknown tenant does not change Baarn’s milestone', async () => {
    const bot = await newBot({ env: { COORDINATORS: ALICE.aadObjectId! } });
    const werkgroep = channel('wg-mijlpalen');
    // Tenant-1 installs first: the werkgroep switches its reminders on.
    expect((await say(bot, 'herinneringen aan Baarn', ALICE, werkgroep)).text).toContain('Herinneringen staan aan');
    const milestone = bot.runtime.deps.plan.mijlpalenFor('Baarn', { year: 2024, quarter: 1 })[0]!;

    // Even the configured coordinator's id, from another organisation, changes nothing.
    const forged = await press(bot, 'mijlpaalStatus', { milestoneId: milestone.id, status: 'gereed' }, ALICE, personalIn('tenant-x', ALICE));
    expect(forged).toEqual(INVOKE_REFUSAL);
    expect(await rows(bot, 'select * from milestone_status')).toEqual([]);
    expect(bot.connector.sentTo(personalIn('tenant-x', ALICE).id)).toEqual([]);
    const card = cardTexts(cardOf(await say(bot, 'mijlpalen Baarn Q1 2024', ALICE, werkgroep)));
    expect(card.filter((t) => t.startsWith('Status: Gereed'))).toEqual([]);
  });

  it('keeps milestone status per tenant: a change in one organisation is not another’s', async () => {
    const bot = await newBot({ env: TWO_TENANTS });
    const milestone = bot.runtime.deps.plan.mijlpalenFor('Baarn', { year: 2024, quarter: 1 })[0]!;
    const changed = await press(bot, 'mijlpaalStatus', { milestoneId: milestone.id, status: 'gereed' }, ALICE, personalIn('tenant-2', ALICE));
    expect(cardTexts(changed.value).some((t) => t.startsWith('Status: Gereed — gewijzigd door Alice de Vries'))).toBe(true);
    expect(await rows(bot, 'select tenant_id, milestone_id, status from milestone_status')).toEqual([{ tenant_id: 'tenant-2', milestone_id: milestone.id, status: 'gereed' }]);
    const inTenant1 = cardTexts(cardOf(await say(bot, 'mijlpalen Baarn Q1 2024', ALICE, personalChat(ALICE))));
    expect(inTenant1.some((t) => t.startsWith('Status: Gereed'))).toBe(false);
  });

  it('keeps beheerders per tenant: a beheerder of Baarn in one organisation may not edit from another', async () => {
    const bot = await newBot({ env: TWO_TENANTS });
    const home = channel('wg-beheer');
    expect((await say(bot, `beheerder toevoegen Baarn <at>${CAROL.name}</at>`, ALICE, home, mention(CAROL))).text).toBe('Carol Smit is nu beheerder van de meldpunten van Baarn.');
    const slot = bot.runtime.deps.kb.meldpuntSlots()[0]!;
    const inHome = await press(bot, 'meldpuntWijzigen', { gemeente: 'Baarn', slot }, CAROL, personalChat(CAROL));
    expect(JSON.stringify(inHome)).toContain('Opslaan');
    const elsewhere = await press(bot, 'meldpuntWijzigen', { gemeente: 'Baarn', slot }, CAROL, personalIn('tenant-2', CAROL));
    expect(elsewhere.value).toContain('Alleen een beheerder van Baarn (nog niet aangewezen) en de coördinatoren');
  });

  it('refuses an unknown tenant politely: a message, a card button, a search and an install change nothing', async () => {
    const logLines: string[] = [];
    const bot = await newBot({ env: { COORDINATORS: ALICE.aadObjectId! }, logLines });
    expect((await say(bot, 'help', ALICE, personalChat(ALICE))).attachments).toBeDefined(); // tenant-1 is first
    const stranger = personalIn('tenant-x', BOB);

    const reply = await say(bot, 'waar meld ik een vermoeden van huiselijk geweld?', BOB, stranger);
    expect(reply).toMatchObject({ type: 'message', text: ERRORS.TENANT_REFUSED.text, textFormat: 'plain' });
    expect(reply.attachments).toBeUndefined();
    expect(await press(bot, 'feedback', { itemId: 'meldroutes/huiselijk-geweld', useful: false }, BOB, stranger)).toEqual(INVOKE_REFUSAL);
    const search = await bot.post({ ...searchQuery(bot.connector.serviceUrl, 'zoek', 'huiselijk geweld', BOB), conversation: { id: stranger.id, conversationType: 'personal', tenantId: 'tenant-x' }, channelData: { tenant: { id: 'tenant-x' } } });
    expect(search.body).toEqual({ composeExtension: { type: 'message', text: ERRORS.TENANT_REFUSED.text } });
    const team = inTenant(channel('team-elders'), 'tenant-x');
    expect((await bot.post(botAdded(bot.connector.serviceUrl, team, BOB))).status).toBe(200);
    expect((await bot.connector.waitFor(team.id, 1)).map((a) => a.text)).toEqual([ERRORS.TENANT_REFUSED.text]);

    await bot.runtime.deps.improvement.flushQuestionLog();
    expect(await rows(bot, `select tenant_id from conversation_references where tenant_id <> 'tenant-1'`)).toEqual([]);
    expect(await rows(bot, 'select * from question_log')).toEqual([]); // the refused question was not counted
    expect(await rows(bot, 'select * from feedback')).toEqual([]);
    // Logged with the reason and the tenant; never what was asked.
    const refusals = logLines.map((l) => JSON.parse(l)).filter((l) => l.event === 'tenant-refused');
    expect(refusals.map((l) => [l.reason, l.tenant, l.activityType])).toEqual([
      ['unknown', 'tenant-x', 'message'],
      ['unknown', 'tenant-x', 'invoke'],
      ['unknown', 'tenant-x', 'invoke'],
      ['unknown', 'tenant-x', 'conversationUpdate'],
    ]);
    expect(logLines.join('\n')).not.toContain('huiselijk geweld');
  });

  it('refuses a turn whose conversation and channelData name different tenants; local mode keys a turn without a tenant as local', async () => {
    const bot = await newBot({ env: { COORDINATORS: ALICE.aadObjectId! } });
    const mixed = { ...message(bot.connector.serviceUrl, 'onbeantwoord', { from: ALICE }), channelData: { tenant: { id: 'tenant-x' } } };
    await bot.post(mixed);
    expect((await bot.connector.waitFor(mixed.conversation.id, 1)).at(-1)!.text).toBe(ERRORS.TENANT_REFUSED.text);

    // The Playground and tests without a tenant: local mode, this computer only, its own local world.
    const local = inTenant(personalChat(BOB), undefined);
    expect((await say(bot, 'hoe laat gaat de kantine open?', BOB, local)).attachments).toBeDefined();
    expect(await rows(bot, 'select tenant_id from unanswered_questions')).toEqual([{ tenant_id: LOCAL_TENANT }]);
    expect((await bot.runtime.deps.store.conversation(local.id))?.tenantId).toBe(LOCAL_TENANT);
    // The first install is still open: a turn without a tenant does not decide it.
    expect(await rows(bot, 'select tenant_id from first_install_tenant')).toEqual([]);
  });

  it('records the first tenant that talks to the bot as the only one served, across a restart', async () => {
    const logLines: string[] = [];
    const env = { COORDINATORS: ALICE.aadObjectId! };
    const postgresSchema = newSchema();
    const first = await newBot({ env, logLines, postgresSchema, persistent: true });
    expect((await first.runtime.deps.tenants.startLine()).message).toContain('de eerste organisatie die Meldwijzer installeert of aanspreekt wordt de enige toegestane');

    const team = inTenant(channel('eerste-team'), 'tenant-2');
    await first.post(botAdded(first.connector.serviceUrl, team, ALICE));
    expect(cardOf((await first.connector.waitFor(team.id, 1))[0])).toBeDefined(); // the werkgroep's welcome card
    expect(await rows(first, 'select tenant_id, source from first_install_tenant')).toEqual([{ tenant_id: 'tenant-2', source: 'eerste installatie' }]);
    expect(logLines.map((l) => JSON.parse(l)).find((l) => l.event === 'first-tenant')).toMatchObject({ tenant: 'tenant-2' });
    expect((await say(first, 'help', ALICE, personalChat(ALICE))).text).toBe(ERRORS.TENANT_REFUSED.text); // tenant-1 came second
    expect(await first.runtime.deps.tenants.startLine()).toEqual({ allowed: ['tenant-2'], message: 'Toegestane tenant (eerste installatie): tenant-2' });

    // A restart on the same data: still tenant-2 only.
    await first.stop();
    bots = bots.filter((b) => b !== first);
    const again = await newBot({ env, dataDir: first.dataDir, connector: first.connector, postgresSchema });
    expect((await say(again, 'help', ALICE, personalChat(ALICE))).text).toBe(ERRORS.TENANT_REFUSED.text);
    expect((await say(again, 'help', ALICE, personalIn('tenant-2', ALICE))).attachments).toBeDefined();
  });

  it('with ALLOWED_TENANTS set, serves exactly those and records nothing', async () => {
    const bot = await newBot({ env: TWO_TENANTS });
    expect(await bot.runtime.deps.tenants.startLine()).toEqual({ allowed: ['tenant-1', 'tenant-2'], message: 'Toegestane tenants (ALLOWED_TENANTS): tenant-1, tenant-2' });
    expect((await say(bot, 'help', BOB, personalIn('tenant-2', BOB))).attachments).toBeDefined();
    expect((await say(bot, 'help', BOB, personalIn('tenant-3', BOB))).text).toBe(ERRORS.TENANT_REFUSED.text);
    expect(await rows(bot, 'select * from first_install_tenant')).toEqual([]);
  });
});

describe('the tenant of an activity', () => {
  const activity = (conversationTenant?: unknown, channelDataTenant?: unknown) => ({
    conversation: { id: 'a:1', tenantId: conversationTenant } as never,
    channelData: channelDataTenant === undefined ? {} : { tenant: { id: channelDataTenant } },
  });

  it('is the tenant Teams names, in conversation.tenantId or channelData.tenant.id', () => {
    expect(tenantOfActivity(activity('t-1', 't-1'), { localMode: false })).toEqual({ ok: true, tenantKey: 't-1' });
    expect(tenantOfActivity(activity(undefined, 't-1'), { localMode: false })).toEqual({ ok: true, tenantKey: 't-1' });
    expect(tenantOfActivity(activity('t-1'), { localMode: false })).toEqual({ ok: true, tenantKey: 't-1' });
    expect(tenantOfActivity(activity('ABCDEF00-0000-0000-0000-000000000001', 'abcdef00-0000-0000-0000-000000000001'), { localMode: false })).toEqual({ ok: true, tenantKey: 'abcdef00-0000-0000-0000-000000000001' });
    expect(tenantKeyOf(activity(undefined, 't-1'))).toBe('t-1');
  });

  it('refuses two different tenants, a malformed one, and none at all with Bot Framework authentication', () => {
    expect(tenantOfActivity(activity('t-1', 't-2'), { localMode: true })).toMatchObject({ ok: false, reason: 'conflicting' });
    expect(tenantOfActivity(activity('t 1; drop table'), { localMode: true })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(tenantOfActivity(activity({ id: 't-1' }), { localMode: true })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(tenantOfActivity(activity(), { localMode: false })).toEqual({ ok: false, reason: 'missing', tenantId: null });
    expect(tenantOfActivity(activity(), { localMode: true })).toEqual({ ok: true, tenantKey: LOCAL_TENANT });
  });
});

describe('ALLOWED_TENANTS', () => {
  it('is a comma-separated list of tenant ids, compared in lower case; unset, the first install decides', () => {
    expect(loadConfig({}).ALLOWED_TENANTS).toEqual([]);
    expect(loadConfig({ ALLOWED_TENANTS: ' ABCDEF00-0000-0000-0000-000000000001 , tenant-2,, tenant-2' }).ALLOWED_TENANTS).toEqual(['abcdef00-0000-0000-0000-000000000001', 'tenant-2']);
  });

  it.each(['tenant een, tenant twee', 'tenant-1;tenant-2', '<script>', 'x'.repeat(101)])('refuses %j, naming the key', (value) => {
    expect(() => loadConfig({ ALLOWED_TENANTS: value })).toThrow(/Ongeldige configuratie — ALLOWED_TENANTS\.\d+: verwacht tenant-id’s/);
  });
});
