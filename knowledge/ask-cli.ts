// npm run ask -- "vraag" [--json] [--gemeente NAAM]
// Lets a content editor check which item answers a question. Without a question it reads stdin,
// one question per line, and prints one JSON object per line.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod/v4';
import { toJsonAnswer } from './answer-json';
import { ContentError, openKnowledgeBase, type Answer, type KnowledgeBase } from './index';

const USAGE = `Gebruik: npm run ask -- "vraag" [--json] [--gemeente NAAM]
Zonder vraag leest ask vragen van standaardinvoer (één per regel) en schrijft per vraag één JSON-regel.`;

const argsSchema = z.object({
  json: z.boolean().default(false),
  gemeente: z.string().trim().min(1, '--gemeente heeft een naam nodig').optional(),
  help: z.boolean().default(false),
  questions: z.array(z.string()),
});

function formatForEditor(kb: KnowledgeBase, question: string, answer: Answer, gemeente: string | undefined): string {
  const lines = [`Vraag: ${question}`];
  if (answer.urgent) lines.push(`ACUUT (${answer.urgency}): de acute route staat bovenaan.`);
  if (answer.alert) lines.push(`ALERT (${answer.alertKind}): de kaart begint met "Is er nu direct gevaar? Bel ${answer.alertKind === 'suicide' ? '113' : '112'}".`);
  if (answer.urgencyRules.length > 0) lines.push(`Urgentieregels: ${answer.urgencyRules.join(', ')}`);
  const best = answer.results[0];
  if (!best) {
    lines.push('Geen antwoord gevonden (geen item past goed genoeg).');
    if (answer.closest.length > 0) lines.push(`Dichtstbij: ${answer.closest.map((c) => `${c.item.id} (${c.score})`).join(', ')}`);
    return lines.join('\n');
  }
  const item = kb.localize(best.item, gemeente);
  lines.push(`Antwoord: ${item.title}  [${item.id}, score ${best.score}]`, `  ${item.summary}`);
  if (item.localNotice) lines.push(`  Let op: ${item.localNotice}`);
  if (item.contacts.length > 0) {
    lines.push('Contacten:');
    for (const c of item.contacts) {
      const parts = [c.phone, c.url, c.email, c.hours].filter(Boolean).join(' · ');
      lines.push(`  - ${c.name}: ${parts}${c.note ? ` (${c.note})` : ''}`);
    }
  }
  lines.push(`Bron: ${item.source.map((s) => `${s.publisher} — ${s.url ?? s.title} (${s.mark})`).join('; ')}`);
  lines.push(`Gecontroleerd: ${item.reviewed} door ${item.reviewedBy}; opnieuw controleren vóór ${item.reviewBefore}`);
  lines.push(`Eigenaar: ${item.owner.role} (${item.owner.channel})`);
  const runnersUp = answer.results.slice(1);
  if (runnersUp.length > 0) lines.push(`Ook mogelijk: ${runnersUp.map((r) => `${r.item.id} (${r.score})`).join(', ')}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  let parsed;
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { json: { type: 'boolean' }, gemeente: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    parsed = argsSchema.parse({ ...values, questions: positionals });
  } catch (error) {
    const message = error instanceof z.ZodError ? error.issues.map((i) => i.message).join('; ') : (error as Error).message;
    process.stderr.write(`${message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  // The prebuilt knowledge base when it matches the content (as npm start loads it); after an edit it is
  // built from the content, and written for the next question.
  const { kb } = await openKnowledgeBase();
  const gemeente = parsed.gemeente;
  if (gemeente && !kb.findGemeente(gemeente)) {
    process.stderr.write(`Gemeente '${gemeente}' staat niet in Meldwijzer. Bekend: ${kb.gemeenten.map((g) => g.naam).join(', ')}.\n`);
    return 2;
  }

  if (parsed.questions.length > 0) {
    const question = parsed.questions.join(' ');
    const answer = kb.findRoute(question, { gemeente });
    process.stdout.write(parsed.json ? `${JSON.stringify(toJsonAnswer(question, answer))}\n` : `${formatForEditor(kb, question, answer, gemeente)}\n`);
    return 0;
  }

  // Stdin mode: one JSON object per line, in input order, blank lines included so lines stay aligned.
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const question = line.trim();
    process.stdout.write(`${JSON.stringify(toJsonAnswer(question, kb.findRoute(question, { gemeente })))}\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(error instanceof ContentError ? `Ongeldige inhoud: ${error.message}\n` : `${String(error)}\n`);
    process.exitCode = 1;
  },
);
