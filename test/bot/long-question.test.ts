// A colleague pastes a whole case file into the chat. Meldwijzer asks for a shorter question (with 112
// first: a long message may describe danger) before masking or searching anything, keeps nothing of
// it, and nobody else waits for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS } from '../../knowledge/index';
import { ALICE, BOB, message, type Who } from '../helpers/activities';
import { ask as askBot, cardOf, cardTexts, startBot, type BotHarness } from '../helpers/bot-harness';

let bot: BotHarness;
const logLines: string[] = [];
beforeAll(async () => {
  bot = await startBot({ logLines });
});
afterAll(async () => {
  await bot.destroy();
});

const ask = (text: string, from: Who = ALICE) => askBot(bot, text, from);

async function storedQuestions(): Promise<string> {
  const rows = await bot.runtime.deps.store.sql.query<{ dump: string }>(`select coalesce(string_agg(masked_question, ' '), '') as dump from unanswered_questions`);
  return rows[0]!.dump;
}

describe('a question longer than Meldwijzer reads', () => {
  it('gets a friendly Dutch reply with 112 first, and nothing of it is stored or logged', async () => {
    const question = `Kantinenotitie Zwartewaal, bsn 111222333: ${'de buurvrouw zegt dat het weer mis is en de kinderen huilen. '.repeat(40)}`.trim();
    expect(question.length).toBeGreaterThan(MAX_QUESTION_CHARS);

    const reply = await ask(question);
    expect(reply.attachments ?? []).toEqual([]);
    expect(reply.text).toMatch(/^Is er acuut gevaar\? Bel 112\. Je vraag is te lang/);
    expect(reply.text).toContain(`ik lees er hoogstens 2.000`);
    expect(reply.text).toContain(`${question.length.toLocaleString('nl-NL')} tekens`);

    expect(await storedQuestions()).not.toMatch(/Zwartewaal|111222333|buurvrouw/);
    const logged = logLines.join('\n');
    expect(logged).toContain('"event":"question-too-long"');
    expect(logged).toContain(`"chars":${question.length}`);
    expect(logged).not.toMatch(/Zwartewaal|111222333|buurvrouw/);
  });

  it('still answers a question of exactly the limit', async () => {
    const start = 'waar meld ik een vermoeden van huiselijk geweld?';
    const question = `${start}${' '.repeat(MAX_QUESTION_CHARS - start.length - 1)}.`;
    expect(question.length).toBe(MAX_QUESTION_CHARS);
    expect(cardTexts(cardOf(await ask(question)))).toContain('Vermoeden van huiselijk geweld of kindermishandeling melden');
  });

  it('refuses 100,000 digits at once, while another user and /healthz get their answer', async () => {
    const flood = message(bot.connector.serviceUrl, '1'.repeat(100_000), { from: BOB });
    const started = performance.now();
    const [refused, other, health] = await Promise.all([
      bot.post(flood).then(() => performance.now() - started),
      ask('iemand bedreigt mijn collega nu met een mes').then((reply) => ({ reply, ms: performance.now() - started })),
      fetch(`${bot.url}/healthz`).then((response) => ({ status: response.status, ms: performance.now() - started })),
    ]);
    // Was 33.6 s before the limit (issue 13); generous for a busy test machine.
    expect(refused).toBeLessThan(3_000);
    expect(other.ms).toBeLessThan(3_000);
    expect(cardTexts(cardOf(other.reply))).toContain('Acuut gevaar? Bel 112');
    expect(health).toMatchObject({ status: 200 });
    expect(health.ms).toBeLessThan(3_000);
    const sent = await bot.connector.waitFor(flood.conversation.id, 1);
    expect(sent[sent.length - 1]!.text).toContain('Je vraag is te lang');
  });
});
