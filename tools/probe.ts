// npm run probe [-- --database postgres]: repeats the attacks and faults of issue 13 against a started
// bot, so what was closed stays closed. The bot runs as `npm start` runs it (the compiled dist/bot.mjs
// through tools/start.mjs, with its Node flags) in local mode on a free loopback port, with a fresh
// PGlite folder — or, with --database postgres, in a database of its own on the server in DATABASE_URL
// or TEST_DATABASE_URL (created here, dropped afterwards; the outage attempts end only its backends).
// A local connector takes the bot's replies. Every attempt is one row: what was tried, what must
// happen, what happened, ✓/✗ and how long it took. Exit code 1 when any row is ✗.
// An operator's tool: `npm test` does not run it (test/bot/*.test.ts cover the same ground in-process).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildBot } from './build.mjs';
import { ALICE, BOB, cardAction, channel, inTenant, message, personalChat, type Conversation, type Who } from '../test/helpers/activities';
import { freePort } from '../test/helpers/free-port';
import {
  BotProcess,
  cardActions,
  cardOf,
  cardTexts,
  getStatus,
  invokeAnswer,
  killChildren,
  postTo,
  ProbeConnector,
  quote,
  renderRows,
  seconds,
  sleep,
  startBot,
  statusLine,
  type Outcome,
  type Row,
} from './probe-harness';

// What the bot says, as a user reads it (the wording may move between modules; these words may not).
const SAYS = {
  tooLong: /te lang voor mij/,
  tenantRefused: /niet ingesteld voor jouw organisatie/,
  notCoordinator: /alleen een coördinator/i,
  channelOnly: /werkt in het kanaal van de werkgroep/,
  cannotStore: 'Meldwijzer kan dit nu niet opslaan, probeer het zo opnieuw.',
  noAnswer: /Geen antwoord gevonden/,
};

// Alice is a coordinator (COORDINATORS); Bob and the others are not.
const CAROL: Who = { id: '29:carol', aadObjectId: '00000000-0000-0000-0000-0000000ca201', name: 'Carol Smit' };
const DAVE: Who = { id: '29:dave', aadObjectId: '00000000-0000-0000-0000-0000000da4e0', name: 'Dave Bos' };
const ERIK: Who = { id: '29:erik', aadObjectId: '00000000-0000-0000-0000-0000000e41c0', name: 'Erik Visser' };
/** Each SIGTERM attempt has a conversation of its own, so "the reply reached the connector" is about this turn. */
const FRANK: Who = { id: '29:frank', aadObjectId: '00000000-0000-0000-0000-0000000f4a2c', name: 'Frank de Boer' };
const GERDA: Who = { id: '29:gerda', aadObjectId: '00000000-0000-0000-0000-00000009e4da', name: 'Gerda Smit' };
/** tenant-1 and tenant-2 are served (ALLOWED_TENANTS); tenant-3 is not. */
const TENANTS = 'tenant-1,tenant-2';
const APP_ID = '11111111-2222-3333-4444-555555555555';
const SHUTDOWN_DEADLINE_MS = 3_000;
/** Teams refuses a message of more than about 28 KB. */
const TEAMS_MAX_BYTES = 28_000;
/** How long a turn may take while the bot is busy with a hostile one (it was 32.5 s). */
const BUSY_BOUND_MS = 3_000;

const personalIn = (tenantId: string, who: Who): Conversation => ({ ...inTenant(personalChat(who), tenantId), id: `a:personal-${who.id}-${tenantId}` });
const mention = (who: Who) => ({ entities: [{ type: 'mention', mentioned: { id: who.id, name: who.name }, text: `<at>${who.name}</at>` }] });

// ---------------------------------------------------------------------------------------------------
// Rows

const rows: Row[] = [];

async function attempt(finding: number, tried: string, must: string, run: () => Promise<{ ok: boolean; happened: string; ms?: number }>): Promise<void> {
  const started = performance.now();
  let row: Row;
  try {
    const result = await run();
    row = { finding, tried, must, happened: result.happened, outcome: result.ok ? 'pass' : 'fail', ms: result.ms ?? performance.now() - started };
  } catch (error) {
    row = { finding, tried, must, happened: `failed: ${(error as Error).message}`, outcome: 'fail', ms: performance.now() - started };
  }
  rows.push(row);
  progress(row.outcome, `${finding}. ${tried}`);
}

/** Runs a group of attempts; if it cannot run at all (a start fails), that is one ✗ row and the probe goes on. */
async function phase(finding: number, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    rows.push({ finding, tried: name, must: 'runs', happened: `could not run: ${(error as Error).message}`, outcome: 'fail', ms: 0 });
    progress('fail', `${finding}. ${name}`);
  }
}

function skip(finding: number, tried: string, must: string, why: string): void {
  rows.push({ finding, tried, must, happened: why, outcome: 'skipped', ms: 0 });
  progress('skipped', `${finding}. ${tried}`);
}

function progress(outcome: Outcome, text: string): void {
  process.stderr.write(`  ${{ pass: '✓', fail: '✗', skipped: '–' }[outcome]} ${text.slice(0, 110)}\n`);
}

// ---------------------------------------------------------------------------------------------------
// Talking to one started bot

class Session {
  constructor(
    readonly bot: BotProcess,
    readonly connector: ProbeConnector,
  ) {}

  post(body: unknown, headers?: Record<string, string>) {
    return postTo(this.bot.url, body, headers);
  }

  /** Sends a message and waits for the bot's reply in that conversation. */
  async say(text: string, from: Who, conversation: Conversation = personalChat(from), extra: Record<string, unknown> = {}) {
    const activity = { ...message(this.connector.serviceUrl, text, { from, conversation }), ...extra };
    const before = this.connector.sentTo(conversation.id).length;
    const started = performance.now();
    const response = await this.post(activity);
    if (response.status !== 200) throw new Error(`/api/messages answered ${response.status}: ${response.text.slice(0, 150)}`);
    const sent = await this.connector.waitFor(conversation.id, before + 1);
    return { reply: sent.at(-1)!, ms: performance.now() - started, activity };
  }

  /** Presses a card button (Action.Execute); the invoke response as text. */
  async press(verb: string, data: Record<string, unknown>, from: Who, conversation: Conversation, extra: Record<string, unknown> = {}) {
    const response = await this.post({ ...cardAction(this.connector.serviceUrl, verb, data, { from, conversation }), ...extra });
    return { ...response, said: JSON.stringify(response.body ?? '') };
  }

  /** The data of a card button by its title. */
  static button(card: Record<string, any> | undefined, title: string): Record<string, unknown> {
    const action = cardActions(card, (a) => a.title === title)[0];
    if (!action) throw new Error(`no button "${title}" on the card`);
    return action.data as Record<string, unknown>;
  }

  /** Plans a one-off meeting in a werkgroep channel (as Alice, confirmed with the card's button). */
  async planMeeting(conversation: Conversation, when: string): Promise<void> {
    const { reply } = await this.say(`overleg plannen ${when}`, ALICE, conversation);
    const confirmed = await this.press('overlegPlannen', Session.button(cardOf(reply), 'Bevestigen'), ALICE, conversation);
    if (confirmed.status !== 200 || !/Gepland door/.test(confirmed.said)) throw new Error(`planning ${when}: ${confirmed.said.slice(0, 150)}`);
  }
}

/** A date `days` from today in Amsterdam, as the bot's commands take it: 9-12-2026. */
function dayFromToday(days: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date()).map((p) => [p.type, p.value]),
  );
  const date = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), 12));
  date.setUTCDate(date.getUTCDate() + days);
  return `${date.getUTCDate()}-${date.getUTCMonth() + 1}-${date.getUTCFullYear()}`;
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

// ---------------------------------------------------------------------------------------------------
// Finding 1: bounded work per message

async function boundedWork(s: Session): Promise<void> {
  const floods: Array<[string, string, Who]> = [
    ['100,000 digits', '1'.repeat(100_000), BOB],
    ["'a' × 50,000", 'a'.repeat(50_000), CAROL],
  ];
  for (const [label, text, from] of floods) {
    await attempt(
      1,
      `${label} in one message, while another user asks a question and /healthz is asked`,
      `a friendly "te lang" reply, the other user's answer and /healthz 200 each within ${seconds(BUSY_BOUND_MS)} (it was 33.6 s / 9.1 s)`,
      async () => {
        const started = performance.now();
        const [flood, other, health] = await Promise.all([
          s.say(text, from),
          sleep(50).then(() => s.say('iemand bedreigt mijn collega nu met een mes', ALICE)),
          sleep(50).then(() => getStatus(`${s.bot.url}/healthz`)),
        ]);
        const otherCard = cardTexts(cardOf(other.reply));
        const ok = SAYS.tooLong.test(String(flood.reply.text)) && flood.ms < BUSY_BOUND_MS && other.ms < BUSY_BOUND_MS && otherCard.length > 0 && health.status === 200 && health.ms < BUSY_BOUND_MS;
        return {
          ok,
          ms: performance.now() - started,
          happened: `${quote(flood.reply.text, 70)} after ${seconds(flood.ms)}; other user's card (${quote(otherCard[0], 30)}) after ${seconds(other.ms)}; /healthz ${health.status} after ${seconds(health.ms)}`,
        };
      },
    );
  }

  const marker = 'zwartewaalmarker';
  await attempt(1, 'a 200,000-character question (under the 256 KB body limit)', 'the "te lang" reply; nothing of it stored (checked in the onbeantwoord queue below)', async () => {
    const { reply, ms } = await s.say(`${marker} ${'kantine rooster '.repeat(12_500)}`.slice(0, 200_000), BOB, personalIn('tenant-2', BOB));
    return { ok: SAYS.tooLong.test(String(reply.text)), ms, happened: `${quote(reply.text, 80)} after ${seconds(ms)}` };
  });

  await attempt(1, 'a body of 300 KB', '413 at once, before the bot reads it', async () => {
    const response = await s.post(message(s.connector.serviceUrl, 'x'.repeat(300 * 1024), { from: BOB }));
    return { ok: response.status === 413, ms: response.ms, happened: `${statusLine(response)} after ${seconds(response.ms)}` };
  });

  // Twenty long questions without an answer, in tenant-2's queue: the onbeantwoord card shows 20.
  const words = 'kantine rooster vrijdag koffie lunch parkeren fiets printer toner sleutel lift trap raam gordijn plant stoel bureau lamp koelkast magnetron'.split(' ');
  await attempt(
    1,
    '20 questions of 1,990 characters without an answer, then onbeantwoord as a coordinator',
    `the onbeantwoord card, and the message carrying it, under 28 KB (three such questions made 421,613 bytes); nothing of the 200,000-character question`,
    async () => {
      const conversation = personalIn('tenant-2', BOB);
      let unanswered = 0;
      const started = performance.now();
      for (let i = 0; i < 20; i++) {
        const text = Array.from({ length: 400 }, (_, j) => words[(i * 7 + j * (i + 3)) % words.length]).join(' ').slice(0, 1_990);
        const { reply } = await s.say(text, BOB, conversation);
        if (SAYS.noAnswer.test(cardTexts(cardOf(reply)).join(' '))) unanswered++;
      }
      const asked = performance.now() - started;
      const { reply } = await s.say('onbeantwoord', ALICE, personalIn('tenant-2', ALICE));
      const card = cardOf(reply);
      const shown = cardTexts(card).filter((t) => words.some((w) => t.startsWith(w)));
      const longest = Math.max(0, ...shown.map((t) => t.length));
      const cut = shown.filter((t) => t.endsWith('…')).length;
      const ok = unanswered === 20 && !!card && bytes(card) < TEAMS_MAX_BYTES && bytes(reply) < TEAMS_MAX_BYTES && !JSON.stringify(card).includes(marker);
      return {
        ok,
        happened: `${unanswered} of 20 without an answer (${seconds(asked)} for the 20); card ${bytes(card).toLocaleString('en')} bytes, message ${bytes(reply).toLocaleString('en')} bytes; ${shown.length} questions shown, ${cut} cut with "…" (longest ${longest} characters); marker ${JSON.stringify(card).includes(marker) ? 'FOUND' : 'absent'}`,
      };
    },
  );
}

// ---------------------------------------------------------------------------------------------------
// Finding 3: the HTTP edge in local mode

async function localModeEdge(s: Session, lanAddress: string | undefined): Promise<void> {
  await attempt(3, 'npm start without any Bot Framework setting', 'local mode, listening on 127.0.0.1 only, saying so at start', async () => {
    const line = s.bot.event('local-mode');
    const listening = s.bot.event('listening');
    return { ok: listening?.host === '127.0.0.1' && /alleen van deze computer/.test(String(line?.msg)), ms: s.bot.listeningAfterMs ?? 0, happened: `listening on ${String(listening?.host)} after ${seconds(s.bot.listeningAfterMs ?? 0)}; ${quote(line?.msg, 100)}` };
  });

  if (lanAddress) {
    await attempt(3, `another computer (from ${lanAddress}) calls the bot started with default settings`, 'no answer: the port is not open on that address', async () => {
      const started = performance.now();
      const result = await fetch(`http://${lanAddress}:${s.bot.port}/healthz`).then(
        (r) => `answered ${r.status}`,
        (error: Error & { cause?: { code?: string } }) => `connection ${error.cause?.code ?? error.message}`,
      );
      return { ok: result.startsWith('connection'), happened: result, ms: performance.now() - started };
    });
  }

  const activity = message(s.connector.serviceUrl, 'waar meld ik kindermishandeling', { from: DAVE });
  const bodies: Array<[string, string, string]> = [
    ['an application/x-www-form-urlencoded body (what a web page posts without a CORS preflight)', 'application/x-www-form-urlencoded', `type=message&text=hallo&serviceUrl=${encodeURIComponent(s.connector.serviceUrl)}`],
    ['a text/plain body carrying a valid activity as JSON', 'text/plain', JSON.stringify(activity)],
  ];
  for (const [label, contentType, body] of bodies) {
    await attempt(3, `${label} on /api/messages`, '415, and nothing reaches the bot or the connector', async () => {
      const calls = s.connector.calls.length;
      const response = await s.post(body, { 'content-type': contentType });
      await sleep(200);
      return { ok: response.status === 415 && s.connector.calls.length === calls, ms: response.ms, happened: `${statusLine(response)}; connector calls +${s.connector.calls.length - calls}` };
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Finding 8: malformed activities

async function malformed(s: Session): Promise<void> {
  const base = () => message(s.connector.serviceUrl, 'hallo', { from: ERIK }) as Record<string, unknown>;
  const cases: Array<[string, Record<string, unknown>]> = [
    ['a message without from', { ...base(), from: undefined }],
    ['text as a number', { ...base(), text: 42 }],
    ['text as an object', { ...base(), text: { $ne: '' } }],
    ['serviceUrl javascript:alert(1)', { ...base(), serviceUrl: 'javascript:alert(1)' }],
    ['serviceUrl file:///etc/passwd', { ...base(), serviceUrl: 'file:///etc/passwd' }],
  ];
  for (const [label, body] of cases) {
    await attempt(8, `an activity with ${label}`, '400 before the adapter (no "Er ging iets mis" reply, nothing sent)', async () => {
      const calls = s.connector.calls.length;
      const response = await s.post(body);
      await sleep(200);
      const ok = response.status === 400 && s.connector.calls.length === calls && !/at .*\.(ts|js|mjs)/.test(response.text);
      return { ok, ms: response.ms, happened: `${statusLine(response)}; connector calls +${s.connector.calls.length - calls}` };
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Finding 4: personal data in questions and agenda items

async function personalData(s: Session): Promise<void> {
  // Each question finds no answer, so it is stored (masked) in the queue a coordinator reads.
  const notations: Array<[string, string, string, RegExp, RegExp]> = [
    ['BSN written 111 222 333', 'maandag', 'kantine open op maandag, klant 111 222 333 vraagt het', /\[BSN\]/, /111 222 333/],
    ['BSN written 111-222-333', 'dinsdag', 'kantine open op dinsdag, klant 111-222-333 vraagt het', /\[BSN\]/, /111-222-333/],
    ['BSN written BSN111222333', 'woensdag', 'kantine open op woensdag, klant BSN111222333 vraagt het', /\[BSN\]/, /111222333/],
    ['phone (030) 123 45 67', 'donderdag', 'kantine open op donderdag, bel (030) 123 45 67 voor de sleutel', /\[telefoonnummer\]/, /123 45 67/],
    ['lower-case street dorpsstraat 12', 'vrijdag', 'kantine open op vrijdag, sleutel ligt dorpsstraat 12', /\[adres\]/, /dorpsstraat/i],
    ['a street without "straat": Neude 11 Utrecht', 'zaterdag', 'kantine open op zaterdag, sleutel ligt Neude 11 Utrecht', /\[adres\]/, /Neude/],
    ['short date 12-3-85', 'zondag', 'kantine open op zondag, klant geboren 12-3-85 vraagt het', /\[(geboorte)?datum\]/, /12-3-85/],
  ];
  const asked: Array<{ ms: number; answered: boolean }> = [];
  for (const [, , text] of notations) {
    const { reply, ms } = await s.say(text, BOB);
    asked.push({ ms, answered: !SAYS.noAnswer.test(cardTexts(cardOf(reply)).join(' ')) });
  }
  const { reply } = await s.say('onbeantwoord', ALICE);
  const queue = cardTexts(cardOf(reply));
  notations.forEach(([label, day, , masked, raw], i) => {
    const shown = queue.find((t) => t.includes(`op ${day},`));
    rows.push({
      finding: 4,
      tried: `a question with ${label} (no answer, so it is stored), read back with onbeantwoord as a coordinator`,
      must: `stored masked: ${masked.source.replace(/\\/g, '')}, no ${raw.source.replace(/\\/g, '')}`,
      happened: asked[i]!.answered ? 'the question got an answer, so nothing was stored: choose another wording' : shown ? quote(shown, 100) : 'not in the onbeantwoord card',
      outcome: !asked[i]!.answered && shown && masked.test(shown) && !raw.test(shown) ? 'pass' : 'fail',
      ms: asked[i]!.ms,
    });
    progress(rows.at(-1)!.outcome, `4. ${label}`);
  });

  const werkgroep = channel('probe-agenda');
  const raw = /dorpsstraat|123 45 67|111 222 333|12-3-85|Neude/i;
  await attempt(
    4,
    'agenda toevoegen "Huisbezoek dorpsstraat 12, bel (030) 123 45 67 (15 min) — bsn 111 222 333, geboren 12-3-85, Neude 11 Utrecht", read back with agenda',
    'topic and toelichting stored masked: no street, phone, BSN or date on the agenda card',
    async () => {
      await s.planMeeting(werkgroep, `${dayFromToday(14)} 10:00`);
      const added = await s.say('agenda toevoegen Huisbezoek dorpsstraat 12, bel (030) 123 45 67 (15 min) — bsn 111 222 333, geboren 12-3-85, Neude 11 Utrecht', ALICE, werkgroep);
      const { reply } = await s.say('agenda', ALICE, werkgroep);
      const texts = cardTexts(cardOf(reply));
      const item = texts.find((t) => t.includes('Huisbezoek')) ?? '(no item)';
      const rest = texts.filter((t) => /BSN|adres|telefoon|datum/.test(t)).filter((t) => t !== item);
      return { ok: texts.length > 0 && !raw.test(JSON.stringify(cardOf(reply))) && !raw.test(String(added.reply.text ?? '')), ms: added.ms, happened: `added: ${quote(added.reply.text, 60)}; agenda: ${quote([item, ...rest].join(' / '), 140)}` };
    },
  );
  await attempt(4, 'the same item read back with agenda geschiedenis (the audit trail)', 'masked there too', async () => {
    const { reply, ms } = await s.say('agenda geschiedenis', ALICE, werkgroep);
    const line = cardTexts(cardOf(reply)).find((t) => t.includes('Huisbezoek')) ?? '(no line)';
    return { ok: line !== '(no line)' && !raw.test(JSON.stringify(cardOf(reply))), ms, happened: quote(line, 120) };
  });
}

// ---------------------------------------------------------------------------------------------------
// Finding 5: one tenant, one world

async function tenants(s: Session): Promise<void> {
  await attempt(
    5,
    "Carol, made coordinator in chat in tenant-1, switches reminders on in tenant-2's channel",
    'refused as not a coordinator there; tenant-2’s channel keeps reminders off (in her own tenant it works)',
    async () => {
      const home = channel('probe-tenant-1');
      const other = inTenant(channel('probe-tenant-2'), 'tenant-2');
      const added = await s.say(`coordinator toevoegen <at>${CAROL.name}</at>`, ALICE, home, mention(CAROL));
      const own = await s.say('herinneringen aan Baarn', CAROL, home);
      const there = await s.say('herinneringen aan Baarn', CAROL, other);
      const setting = await s.say('herinneringen', BOB, other);
      const ok = /is nu coördinator/.test(String(added.reply.text)) && /staan aan/.test(String(own.reply.text)) && SAYS.notCoordinator.test(String(there.reply.text)) && !/staan aan/.test(String(setting.reply.text));
      await s.say('herinneringen uit', CAROL, home);
      return { ok, ms: there.ms, happened: `in tenant-1: ${quote(own.reply.text, 45)}; in tenant-2: ${quote(there.reply.text, 60)}; tenant-2's setting: ${quote(setting.reply.text, 60)}` };
    },
  );

  await attempt(5, 'Alice, a configured coordinator, asks onbeantwoord from tenant-3 (not served)', 'the polite refusal, no card: no queue of any tenant', async () => {
    const { reply, ms } = await s.say('onbeantwoord', ALICE, personalIn('tenant-3', ALICE));
    return { ok: SAYS.tenantRefused.test(String(reply.text)) && !reply.attachments, ms, happened: `${quote(reply.text, 80)}; attachments: ${reply.attachments ? 'yes' : 'none'}` };
  });

  await attempt(
    5,
    "a forged mijlpaalStatus 'gereed' for a Baarn milestone, from a personal chat in an unknown tenant (tenant-x)",
    "refused; Baarn's milestone in tenant-1 unchanged, nothing sent to tenant-x",
    async () => {
      const werkgroep = channel('probe-mijlpalen');
      const { reply } = await s.say('mijlpalen Baarn Q1 2024', ALICE, werkgroep);
      const action = cardActions(cardOf(reply), (a) => a.verb === 'mijlpaalStatus' && a.data?.status === 'gereed')[0];
      if (!action) throw new Error('no status button on the mijlpalen card');
      const stranger = personalIn('tenant-x', ALICE);
      const forged = await s.press('mijlpaalStatus', action.data, ALICE, stranger);
      await sleep(200);
      const after = await s.say('mijlpalen Baarn Q1 2024', ALICE, werkgroep);
      const gereed = cardTexts(cardOf(after.reply)).filter((t) => t.startsWith('Status: Gereed'));
      const ok = forged.status === 200 && SAYS.tenantRefused.test(forged.said) && gereed.length === 0 && s.connector.sentTo(stranger.id).length === 0;
      return { ok, ms: forged.ms, happened: `invoke ${forged.status} ${invokeAnswer(forged)}; milestones 'Gereed' afterwards: ${gereed.length}; sent to tenant-x: ${s.connector.sentTo(stranger.id).length}` };
    },
  );
}

// ---------------------------------------------------------------------------------------------------
// Finding 6: right outcomes

async function outcomes(s: Session): Promise<void> {
  const first = dayFromToday(14);
  const second = dayFromToday(21);

  await attempt(
    6,
    `a coordinator accepts Bob's agenda proposal after the next meeting (${first}) was cancelled`,
    'told the proposal stays open (not "geaccepteerd"); it stays a proposal: accepted later, it lands on the next planned meeting',
    async () => {
      const werkgroep = channel('probe-voorstel');
      await s.planMeeting(werkgroep, `${first} 10:00`);
      const proposal = await s.say('agenda voorstel Websites zorgmeldingen', BOB, werkgroep);
      const accept = Session.button(cardOf(proposal.reply), 'Accepteren');
      const cancelled = await s.say(`overleg annuleren ${first}`, ALICE, werkgroep);
      const before = s.connector.sentTo(werkgroep.id).length;
      const refused = await s.press('agendaVoorstel', accept, ALICE, werkgroep);
      await sleep(300);
      const told = s.connector.sentTo(werkgroep.id).slice(before).map((a) => String(a.text ?? ''));
      await s.planMeeting(werkgroep, `${second} 10:00`);
      await s.press('agendaVoorstel', accept, ALICE, werkgroep);
      const later = await s.connector.waitForText(werkgroep.id, /geaccepteerd/).catch(() => undefined);
      const agenda = cardTexts(cardOf((await s.say('agenda', ALICE, werkgroep)).reply)).join(' ');
      const ok = /geannuleerd/.test(String(cancelled.reply.text)) && /blijft open/.test(refused.said) && !told.some((t) => /geaccepteerd/.test(t)) && !!later && agenda.includes('Websites zorgmeldingen');
      return { ok, ms: refused.ms, happened: `first press: ${invokeAnswer(refused)}, sent to the channel: ${told.length ? told.map((t) => quote(t, 40)).join(', ') : 'nothing'}; after planning ${second}: ${quote(later, 80)}` };
    },
  );

  await attempt(6, 'accepting a proposal with a forged replyToId ("iemand-anders-bericht")', 'the bot updates only the proposal card it posted itself, never the forged id', async () => {
    const werkgroep = channel('probe-reply');
    await s.planMeeting(werkgroep, `${first} 10:00`);
    const proposal = await s.say('agenda voorstel Websites', BOB, werkgroep);
    const proposalId = s.connector.idOf(proposal.reply);
    const before = s.connector.calls.length;
    const pressed = await s.press('agendaVoorstel', Session.button(cardOf(proposal.reply), 'Accepteren'), ALICE, werkgroep, { replyToId: 'iemand-anders-bericht' });
    await sleep(300);
    const updates = s.connector.calls.slice(before).filter((c) => c.method === 'PUT').map((c) => c.activityId);
    const ok = !updates.includes('iemand-anders-bericht') && updates.every((id) => s.connector.postedIds().has(id!));
    return { ok, ms: pressed.ms, happened: `updates (PUT) to: ${updates.length ? updates.join(', ') : 'none'}; the proposal card the bot posted is ${proposalId}` };
  });

  await attempt(6, "a milestone status button with a forged replyToId, in the channel where the bot sent the mijlpalen card", 'only that card is updated, never the forged id', async () => {
    const werkgroep = channel('probe-mijlpalen');
    const sent = await s.say('mijlpalen Baarn Q1 2024', ALICE, werkgroep);
    const cardId = s.connector.idOf(sent.reply);
    const action = cardActions(cardOf(sent.reply), (a) => a.verb === 'mijlpaalStatus' && a.data?.status === 'gereed')[0];
    if (!action) throw new Error('no status button on the mijlpalen card');
    const before = s.connector.calls.length;
    const pressed = await s.press('mijlpaalStatus', action.data, ALICE, werkgroep, { replyToId: 'iemand-anders-bericht' });
    await sleep(300);
    const updates = s.connector.calls.slice(before).filter((c) => c.method === 'PUT').map((c) => c.activityId);
    const ok = !updates.includes('iemand-anders-bericht') && updates.every((id) => s.connector.postedIds().has(id!));
    return { ok, ms: pressed.ms, happened: `updates (PUT) to: ${updates.length ? updates.join(', ') : 'none'}; the card the bot posted is ${cardId}` };
  });

  await attempt(
    6,
    "a coordinator presses a channel's 'Bevestigen' (overleg plannen) from her personal chat",
    'refused with "werkt in het kanaal"; nothing stored there; the same plan still confirms in the channel',
    async () => {
      const werkgroep = channel('probe-prive');
      const { reply } = await s.say(`overleg plannen ${second} 14:00`, ALICE, werkgroep);
      const confirm = Session.button(cardOf(reply), 'Bevestigen');
      const fromPersonal = await s.press('overlegPlannen', confirm, ALICE, personalChat(ALICE));
      const inChannel = await s.press('overlegPlannen', confirm, ALICE, werkgroep);
      const listed = await s.say('overleg', ALICE, werkgroep);
      const ok = SAYS.channelOnly.test(fromPersonal.said) && cardTexts(cardOf(listed.reply)).join(' ').includes('14:00');
      return { ok, ms: fromPersonal.ms, happened: `personal chat: ${invokeAnswer(fromPersonal)}; in the channel afterwards: ${invokeAnswer(inChannel)}` };
    },
  );

  await attempt(6, "a coordinator accepts a channel's agenda proposal from her personal chat", 'refused; the proposal stays open and can still be decided in the channel', async () => {
    const werkgroep = channel('probe-prive-voorstel');
    await s.planMeeting(werkgroep, `${first} 10:00`);
    const proposal = await s.say('agenda voorstel Kantine', BOB, werkgroep);
    const accept = Session.button(cardOf(proposal.reply), 'Accepteren');
    const fromPersonal = await s.press('agendaVoorstel', accept, ALICE, personalChat(ALICE));
    const agendaBefore = cardTexts(cardOf((await s.say('agenda', ALICE, werkgroep)).reply)).join(' ');
    const inChannel = await s.press('agendaVoorstel', accept, ALICE, werkgroep);
    const ok = SAYS.channelOnly.test(fromPersonal.said) && !agendaBefore.includes('Kantine') && inChannel.status === 200 && !/al (geaccepteerd|besloten|afgewezen)/.test(inChannel.said);
    return { ok, ms: fromPersonal.ms, happened: `personal chat: ${invokeAnswer(fromPersonal)}; on the agenda before the channel decided: ${agendaBefore.includes('Kantine') ? 'yes' : 'no'}` };
  });

  await attempt(6, 'Markdown in a command: overleg annuleren [klik hier](https://example.org/x)', 'the reply quotes it as plain text (textFormat plain), no live link', async () => {
    const { reply, ms } = await s.say('overleg annuleren [klik hier](https://example.org/x)', ALICE, channel('probe-markdown'));
    return { ok: reply.textFormat === 'plain' && String(reply.text).includes('[klik hier](https://example.org/x)'), ms, happened: `textFormat ${String(reply.textFormat)}: ${quote(reply.text, 90)}` };
  });
}

// ---------------------------------------------------------------------------------------------------
// Finding 2: PostgreSQL connections dropped and the database away (on a database of the probe's own)

async function outages(s: Session, admin: (sql: string, values?: unknown[]) => Promise<unknown>, database: string): Promise<void> {
  const terminate = () => admin('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
  const readyz = async () => (await getStatus(`${s.bot.url}/readyz`)).status;
  const until = async (test: () => Promise<boolean>, timeoutMs: number) => {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (await test().catch(() => false)) return true;
      await sleep(200);
    }
    return false;
  };

  await attempt(2, "pg_terminate_backend on all of the bot's connections, three times", 'the process lives; /readyz back to 200 by itself; the next turn stores again', async () => {
    const started = performance.now();
    for (let i = 0; i < 3; i++) {
      await terminate();
      await sleep(300);
    }
    const health = await getStatus(`${s.bot.url}/healthz`);
    const back = await until(async () => (await readyz()) === 200, 15_000);
    const { reply } = await s.say('gemeente Eemnes', DAVE);
    return { ok: s.bot.running && health.status === 200 && back && /Eemnes/.test(String(reply.text)) && !/niet opslaan/.test(String(reply.text)), ms: performance.now() - started, happened: `alive: ${s.bot.running}; /healthz ${health.status}; /readyz 200 again: ${back}; then ${quote(reply.text, 60)}` };
  });

  await attempt(
    2,
    'the database goes away (allow_connections false, backends terminated)',
    `the process lives; /readyz 503, /healthz 200; a question still answered; storing says "${SAYS.cannotStore}"`,
    async () => {
      const started = performance.now();
      await admin(`alter database ${database} with allow_connections false`);
      await terminate();
      const notReady = await until(async () => (await readyz()) === 503, 15_000);
      const health = await getStatus(`${s.bot.url}/healthz`);
      const question = await s.say('waar meld ik een vermoeden van huiselijk geweld', ERIK);
      const card = cardTexts(cardOf(question.reply));
      const stored = await s.say('gemeente Baarn', DAVE);
      const feedback = await s.press('feedback', { itemId: 'meldroutes/huiselijk-geweld', useful: true }, DAVE, personalChat(DAVE));
      const ok = s.bot.running && notReady && health.status === 200 && card.length > 0 && stored.reply.text === SAYS.cannotStore && feedback.said.includes(SAYS.cannotStore);
      return {
        ok,
        ms: performance.now() - started,
        happened: `alive: ${s.bot.running}; /readyz 503: ${notReady}; /healthz ${health.status}; question: card ${quote(card[0], 40)} in ${seconds(question.ms)}; gemeente: ${quote(stored.reply.text, 70)}; feedback button: ${feedback.said.includes(SAYS.cannotStore) ? 'the same sentence' : quote(feedback.said, 60)}`,
      };
    },
  );
  await attempt(2, 'the database comes back (allow_connections true)', '/readyz 200 again without a restart; storing works', async () => {
    const started = performance.now();
    await admin(`alter database ${database} with allow_connections true`);
    const back = await until(async () => (await readyz()) === 200, 20_000);
    const readyMs = performance.now() - started;
    const { reply } = await s.say('gemeente Baarn', DAVE);
    return { ok: back && /Baarn/.test(String(reply.text)) && !/niet opslaan/.test(String(reply.text)), ms: performance.now() - started, happened: `/readyz 200 after ${seconds(readyMs)}: ${back}; then ${quote(reply.text, 70)}` };
  });
}

// ---------------------------------------------------------------------------------------------------
// Starts that must be refused

async function refusedStarts(postgres: { url: string } | null, tmp: string): Promise<void> {
  const refused = async (finding: number, tried: string, must: string, env: Record<string, string>, expect: (line: string) => boolean, secret?: string) => {
    await attempt(finding, tried, must, async () => {
      const bot = new BotProcess({ DATA_DIR: path.join(tmp, 'nooit'), ...env }, await freePort());
      // A start that is not refused listens: then it is stopped at once (and the row fails).
      const started = await Promise.race([bot.until('listening', 90_000), bot.exited.then(() => false)]);
      if (started) bot.signal('SIGKILL');
      const exit = await bot.exited;
      if (started) return { ok: false, ms: (bot.listeningAfterMs ?? 0), happened: `started and listened after ${seconds(bot.listeningAfterMs ?? 0)}: ${quote(bot.events().find((e) => e.event === 'local-mode' || e.event === 'bot-framework-auth')?.msg ?? 'no mode line', 90)}` };
      const lines = bot.stderrLines();
      const line = lines.find((l) => /^(Ongeldige configuratie|Meldwijzer start niet)/.test(l)) ?? lines[0] ?? '(nothing on stderr)';
      const stack = /^\s+at /m.test(bot.stderr);
      const ok = exit.code === 1 && lines.length === 1 && expect(line) && !stack && !bot.stdout.includes('"event":"listening"') && !(secret && (bot.stderr + bot.stdout).includes(secret));
      return { ok, ms: exit.at - bot.startedAt, happened: `exit ${exit.code}; ${lines.length} line${lines.length === 1 ? '' : 's'} on stderr${stack ? ' with a stack' : ''}: ${quote(line, 150)}` };
    });
  };
  const names = (key: string) => (line: string) => line.includes(`${key}:`);

  await refused(3, 'start with MicrosoftAppId="  " (whitespace) and a password', 'refused: exit 1, one line naming MicrosoftAppId', { MicrosoftAppId: '  ', MicrosoftAppPassword: 'probe-geheim' }, names('MicrosoftAppId'));
  await refused(3, 'start with MicrosoftAppId="" (blank) and a password', 'refused: exit 1, one line naming MicrosoftAppId', { MicrosoftAppId: '', MicrosoftAppPassword: 'probe-geheim' }, names('MicrosoftAppId'));
  await refused(
    3,
    'start with MICROSOFT_APP_ID (misspelled) plus MicrosoftAppPassword and MicrosoftAppTenantId',
    'refused: exit 1, one line naming MICROSOFT_APP_ID',
    { MICROSOFT_APP_ID: APP_ID, MicrosoftAppPassword: 'probe-geheim', MicrosoftAppTenantId: APP_ID },
    names('MICROSOFT_APP_ID'),
  );
  await refused(3, 'start with microsoftappid (lower case) plus MicrosoftAppPassword', 'refused: exit 1, one line naming microsoftappid', { microsoftappid: APP_ID, MicrosoftAppPassword: 'probe-geheim' }, names('microsoftappid'));

  const closedPort = await freePort();
  await refused(
    2,
    `start with DATABASE_URL on a closed port (127.0.0.1:${closedPort}, with a password in it)`,
    'exit 1 with one Dutch line naming DATABASE_URL and where it points, no stack, no password',
    { DATABASE_URL: `postgres://meldwijzer:probe-wachtwoord@127.0.0.1:${closedPort}/meldwijzer` },
    (line) => line.startsWith('Meldwijzer start niet') && line.includes('DATABASE_URL'),
    'probe-wachtwoord',
  );
  if (postgres) {
    const missing = new URL(postgres.url);
    missing.pathname = `/meldwijzer_probe_bestaat_niet_${Date.now().toString(36)}`;
    await refused(2, 'start with DATABASE_URL naming a database that does not exist', 'exit 1 with one Dutch line naming DATABASE_URL', { DATABASE_URL: missing.toString() }, (line) => line.startsWith('Meldwijzer start niet') && line.includes('DATABASE_URL'));
  }
  const aFile = path.join(tmp, 'een-bestand');
  await writeFile(aFile, 'geen map');
  await refused(
    2,
    'start with an unwritable DATA_DIR (a path through a regular file)',
    'exit 1 with one Dutch line naming DATA_DIR, no stack',
    { DATA_DIR: path.join(aFile, 'data') },
    (line) => line.startsWith('Meldwijzer start niet') && line.includes('DATA_DIR'),
  );
}

// ---------------------------------------------------------------------------------------------------
// Finding 7: stopping, and starting with reminders to catch up

/** Until a cron run of the reminder job (every 5 minutes, on the clock) is neither about to start nor running. */
async function awayFromReminderRun(): Promise<number> {
  const inCycle = (Date.now() / 1000) % 300; // seconds since the last 5-minute mark
  const wait = inCycle > 275 ? 300 - inCycle + 50 : inCycle < 50 ? 50 - inCycle : 0;
  if (wait > 0) {
    process.stderr.write(`  … waiting ${Math.round(wait)} s until the bot's 5-minute reminder run is over (it would send what the restart must catch up)\n`);
    await sleep(wait * 1000);
  }
  return wait;
}

async function stopWithTurnInFlight(s: Session): Promise<void> {
  await attempt(7, 'SIGTERM while a turn is in flight (the connector takes 800 ms to accept the reply)', `the turn finishes (200, reply delivered) and the process exits 0 within the deadline (${seconds(SHUTDOWN_DEADLINE_MS)})`, async () => {
    const conversation = personalChat(FRANK);
    s.connector.delayMs.set(conversation.id, 800);
    const before = s.connector.calls.filter((c) => c.conversationId === conversation.id).length;
    const turn = s.say('waar meld ik kindermishandeling', FRANK, conversation).then(
      () => 'delivered',
      (error: Error) => error.message,
    );
    // SIGTERM once the bot is sending this turn's reply (the connector holds it 800 ms).
    for (let i = 0; i < 500 && s.connector.calls.filter((c) => c.conversationId === conversation.id).length === before; i++) await sleep(20);
    if (s.connector.calls.filter((c) => c.conversationId === conversation.id).length === before) throw new Error('the turn never reached the connector');
    const signalled = performance.now();
    s.bot.signal('SIGTERM');
    const exit = await Promise.race([s.bot.exited, sleep(SHUTDOWN_DEADLINE_MS + 15_000).then(() => null)]);
    if (!exit) {
      s.bot.signal('SIGKILL');
      return { ok: false, ms: performance.now() - signalled, happened: `still running ${seconds(performance.now() - signalled)} after SIGTERM (killed); the turn: ${await turn}` };
    }
    const outcome = await turn;
    const took = exit.at - signalled;
    return { ok: exit.code === 0 && outcome === 'delivered' && took < SHUTDOWN_DEADLINE_MS + 1_000, ms: took, happened: `turn: ${outcome}; exit ${exit.code} after ${seconds(took)}; log: ${s.bot.event('stopped') ? 'stopped' : 'no "stopped" line'}` };
  });
}

async function catchUpAndStop(settings: Record<string, string>, connector: ProbeConnector, channels: Conversation[], lanAddress: string | undefined): Promise<void> {
  // Answered by the connector (a held post has arrived but has no id yet).
  const agendaPosts = () => connector.calls.filter((c) => channels.some((ch) => ch.channelId === c.conversationId) && c.method === 'POST' && c.returnedId);
  const sentBefore = agendaPosts().length;
  connector.hold(channels.map((c) => c.channelId!));
  const port = await freePort();
  // HOST=0.0.0.0: the operator's mistake of opening local mode to the network; other computers must still get 403.
  const bot = await startBot({ ...settings, HOST: '0.0.0.0' }, port);
  const s = new Session(bot, connector);

  await attempt(
    7,
    `restart with ${channels.length} agenda posts due (meetings tomorrow, submissions closed), the connector holding every one of them`,
    '/healthz and /readyz 200 and a question answered while the catch-up is still sending (it held readiness for 108 s); afterwards every post delivered',
    async () => {
      // The catch-up is under way once the first agenda post waits at the connector.
      const started = performance.now();
      while (connector.heldNow === 0 && performance.now() - started < 60_000) await sleep(50);
      const heldAfter = performance.now() - started;
      const health = await getStatus(`${bot.url}/healthz`);
      const ready = await getStatus(`${bot.url}/readyz`);
      const question = await s.say('klant wordt agressief aan de balie', DAVE, personalChat(DAVE));
      const stillHeld = connector.heldNow;
      connector.release();
      const deadline = performance.now() + 30_000;
      while (agendaPosts().length - sentBefore < channels.length && performance.now() < deadline) await sleep(100);
      const delivered = agendaPosts().length - sentBefore;
      const ok = stillHeld >= 1 && health.status === 200 && ready.status === 200 && cardTexts(cardOf(question.reply)).length > 0 && delivered >= channels.length;
      return {
        ok,
        ms: performance.now() - started,
        happened: `first agenda post held ${seconds(heldAfter)} after listening (${sentBefore} sent before the restart); meanwhile /healthz ${health.status} in ${seconds(health.ms)}, /readyz ${ready.status} in ${seconds(ready.ms)}, a question answered in ${seconds(question.ms)}, ${stillHeld} post still held; after release ${delivered} of ${channels.length} delivered`,
      };
    },
  );

  if (lanAddress) {
    await attempt(3, `another computer (from ${lanAddress}) calls a local-mode bot started with HOST=0.0.0.0`, '403 on /api/messages and /healthz, and nothing reaches the bot', async () => {
      const calls = connector.calls.length;
      const started = performance.now();
      const response = await postTo(`http://${lanAddress}:${port}`, message(connector.serviceUrl, 'waar meld ik kindermishandeling', { from: ERIK }));
      const health = await getStatus(`http://${lanAddress}:${port}/healthz`);
      await sleep(200);
      return { ok: response.status === 403 && health.status === 403 && connector.calls.length === calls, ms: performance.now() - started, happened: `/api/messages ${statusLine(response)}; /healthz ${health.status}; connector calls +${connector.calls.length - calls}` };
    });
  } else {
    skip(3, 'another computer calls a local-mode bot', '403', 'this machine has no non-loopback IPv4 address to call from');
  }

  // SIGTERM with a kept-alive client and a turn whose reply the connector never answers.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const keptAlive = () =>
    new Promise<{ status?: number; connection?: string }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/healthz', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
        })
        .on('error', reject);
    });
  const hanging = personalChat(GERDA);
  connector.hanging.add(hanging.id);
  const beforeStop = await keptAlive();
  const turn = postTo(bot.url, message(connector.serviceUrl, 'waar meld ik kindermishandeling', { from: GERDA, conversation: hanging })).then(
    (r) => String(r.status),
    () => 'verbroken',
  );
  // SIGTERM once the bot is sending this turn's reply, which the connector never answers.
  for (let i = 0; i < 500 && !connector.calls.some((c) => c.conversationId === hanging.id); i++) await sleep(20);
  const replyArrived = connector.calls.some((c) => c.conversationId === hanging.id);
  const signalled = performance.now();
  bot.signal('SIGTERM');
  await bot.until('stopping', 5_000);
  const afterStop = await keptAlive().catch((error: Error) => ({ error: error.message }));
  const exit = await Promise.race([bot.exited, sleep(SHUTDOWN_DEADLINE_MS + 10_000).then(() => null)]);
  const took = (exit?.at ?? performance.now()) - signalled;
  agent.destroy();

  rows.push({
    finding: 7,
    tried: 'a kept-alive client asks /healthz again after SIGTERM',
    must: 'not served another request: the connection is closed, or answered 503 with connection: close',
    happened: `before: ${beforeStop.status}; after SIGTERM: ${'error' in afterStop ? `connection closed (${afterStop.error})` : `${afterStop.status}, connection: ${afterStop.connection}`}`,
    outcome: beforeStop.status === 200 && ('error' in afterStop || (afterStop.status === 503 && afterStop.connection === 'close')) ? 'pass' : 'fail',
    ms: took,
  });
  progress(rows.at(-1)!.outcome, '7. kept-alive client after SIGTERM');
  const abandoned = bot.events().find((e) => e.event === 'turns-abandoned');
  rows.push({
    finding: 7,
    tried: 'SIGTERM while the connector never answers a reply (a hanging Teams)',
    must: `exits within the deadline (SHUTDOWN_DEADLINE_MS=${SHUTDOWN_DEADLINE_MS}, + 1.5 s), exit 1, the abandoned turn logged`,
    happened: !replyArrived
      ? 'the turn never reached the connector: nothing was in flight at SIGTERM'
      : exit
        ? `exit ${exit.code} after ${seconds(took)}; the turn: ${await turn}; log: ${abandoned ? `turns-abandoned count ${String(abandoned.count)}` : 'no turns-abandoned line'}`
        : `still running ${seconds(took)} after SIGTERM (killed)`,
    outcome: replyArrived && exit && exit.code === 1 && took < SHUTDOWN_DEADLINE_MS + 1_500 && abandoned ? 'pass' : 'fail',
    ms: took,
  });
  progress(rows.at(-1)!.outcome, '7. SIGTERM with a hanging connector');
  if (!exit) bot.signal('SIGKILL');
}

async function refusedAuthentication(settings: Record<string, string>): Promise<void> {
  const bot = await startBot({ ...settings, HOST: '127.0.0.1', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'probe-geheim' }, await freePort());
  try {
    const forged = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJwcm9iZSJ9.';
    await attempt(8, 'with Bot Framework authentication on: a request with a forged token (alg none)', '401 with a fixed body; the refusal logged with its reason, never the token', async () => {
      const response = await postTo(bot.url, message('https://smba.trafficmanager.net/emea/', 'hallo', { from: ERIK }), { authorization: `Bearer ${forged}` });
      await sleep(200);
      const logged = bot.events().find((e) => e.event === 'auth-refused');
      const leaked = (bot.stdout + bot.stderr).includes(forged);
      return { ok: response.status === 401 && !!logged && !leaked, ms: response.ms, happened: `${statusLine(response)}; log: ${logged ? `auth-refused, reason ${quote(logged.reason, 50)}` : 'nothing'}; token in the log: ${leaked ? 'YES' : 'no'}` };
    });
    await attempt(8, 'with Bot Framework authentication on: a request without a token', '401 with a fixed body, nothing sent', async () => {
      const response = await postTo(bot.url, message('https://smba.trafficmanager.net/emea/', 'hallo', { from: ERIK }));
      return { ok: response.status === 401, ms: response.ms, happened: statusLine(response) };
    });
  } finally {
    await bot.stop();
  }
}

// ---------------------------------------------------------------------------------------------------

function lanAddressOfThisMachine(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

function parseArgs(argv: string[]): { database: 'pglite' | 'postgres' } {
  const at = argv.indexOf('--database');
  const value = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--database='))?.slice('--database='.length);
  if (value === undefined || value === 'pglite') return { database: 'pglite' };
  if (value === 'postgres' || value === 'postgresql') return { database: 'postgres' };
  throw new Error(`--database ${value}: pglite or postgres`);
}

async function main(): Promise<number> {
  const { database } = parseArgs(process.argv.slice(2));
  const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (database === 'postgres' && !serverUrl) {
    process.stderr.write('npm run probe -- --database postgres: set DATABASE_URL or TEST_DATABASE_URL (a server where the probe may create a database)\n');
    return 2;
  }
  const startedAt = performance.now();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-probe-'));
  const connector = await new ProbeConnector().start();
  const lanAddress = lanAddressOfThisMachine();
  const databaseName = `meldwijzer_probe_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = async (sql: string, values?: unknown[]) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return await client.query(sql, values);
    } finally {
      await client.end();
    }
  };
  let createdDatabase = false;
  let cleanedUp = false;
  const cleanup = async () => {
    if (cleanedUp) return;
    cleanedUp = true;
    killChildren();
    await connector.stop();
    await rm(tmp, { recursive: true, force: true });
    if (createdDatabase) {
      await admin(`alter database ${databaseName} with allow_connections true`).catch(() => undefined);
      await admin(`drop database if exists ${databaseName} with (force)`).catch((error: Error) => process.stderr.write(`could not drop ${databaseName}: ${error.message}\n`));
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`${signal}: stopping the bots this probe started and removing what it made\n`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  let where: string;
  const storage: Record<string, string> = { DATA_DIR: path.join(tmp, 'data') };
  if (database === 'postgres') {
    await admin(`create database ${databaseName}`);
    createdDatabase = true;
    const url = new URL(serverUrl!);
    url.pathname = `/${databaseName}`;
    storage.DATABASE_URL = url.toString();
    where = `PostgreSQL database ${databaseName} on ${url.host} (created for this run)`;
  } else {
    where = `PGlite in ${storage.DATA_DIR}`;
  }
  process.stderr.write(`npm run probe — ${where}; connector ${connector.serviceUrl}\n`);

  try {
    await buildBot(); // what npm start would do with a stale dist/bot.mjs, once instead of in every start
    await refusedStarts(database === 'postgres' ? { url: serverUrl! } : null, tmp);

    const settings = { ...storage, COORDINATORS: ALICE.aadObjectId!, ALLOWED_TENANTS: TENANTS, SHUTDOWN_DEADLINE_MS: String(SHUTDOWN_DEADLINE_MS) };
    process.stderr.write('  … starting the bot (npm start: tools/start.mjs → dist/bot.mjs)\n');
    const first = new Session(await startBot(settings, await freePort()), connector);
    await localModeEdge(first, lanAddress);
    await malformed(first);
    await boundedWork(first);
    await personalData(first);
    await tenants(first);
    await outcomes(first);
    if (database === 'postgres') {
      await outages(first, admin, databaseName);
    } else {
      for (const tried of ["pg_terminate_backend on the bot's connections", 'the database goes away and comes back']) {
        skip(2, tried, 'the process lives; /readyz 503 while away; storing says "kan dit nu niet opslaan"; back to 200', 'PostgreSQL only: run npm run probe -- --database postgres');
      }
    }
    skip(2, 'PGlite on a full disk', '/readyz 503; a start on a full disk names DATA_DIR', 'needs a file system filled on purpose (a small tmpfs mount, which takes privileges the probe does not ask for); test/bot/outages.test.ts covers it with a stubbed statfs');
    skip(8, 'heap per distinct conversation (~0.37 KB each before)', 'RSS after 10,000 conversations within 50 MB of the start', 'a benchmark, not a probe: npm run bench:start measures it');

    // Meetings tomorrow: their agenda's submissions are closed, so it is due at once; a restart must catch up.
    await awayFromReminderRun();
    const channels = [1, 2, 3].map((n) => channel(`probe-catch-up-${n}`));
    for (const conversation of channels) await first.planMeeting(conversation, `${dayFromToday(1)} 10:00`);
    await stopWithTurnInFlight(first);
    await phase(7, 'restart on the same data (catch-up, remote peer, SIGTERM)', () => catchUpAndStop(settings, connector, channels, lanAddress));
    await phase(8, 'a start with Bot Framework authentication', () => refusedAuthentication(settings));
  } catch (error) {
    rows.push({ finding: 7, tried: 'the probe itself', must: 'runs to the end', happened: `stopped: ${(error as Error).message}`, outcome: 'fail', ms: 0 });
  } finally {
    await cleanup();
  }

  const failed = rows.filter((r) => r.outcome === 'fail').length;
  const skipped = rows.filter((r) => r.outcome === 'skipped').length;
  process.stdout.write(
    [
      `npm run probe — issue 13's attempts against a started bot (npm start: the compiled dist/bot.mjs, local mode, 127.0.0.1)`,
      `storage: ${where}; ${new Date().toISOString()}`,
      renderRows(rows),
      '',
      `${rows.length} attempts: ${rows.length - failed - skipped} ✓, ${failed} ✗, ${skipped} skipped — ${seconds(performance.now() - startedAt)}`,
      '',
    ].join('\n'),
  );
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
