// npm run bench:urgency — how well the urgency rules generalise, measured on phrasings nobody tuned for.
//
// bench/eval/tuning-3.yaml and bench/eval/tuning-5.yaml are each split once, by a hash of the question
// text (`half()`, the same rule for both), into half A (tuned on: its misses may be listed) and half B
// (the estimate: aggregates only, checked a few times, never listed). The other tuning files (the older
// sets and only the `tuning` entries of evaluation-set-2.yaml) are a column whose misses may be listed
// too, and bench/eval/tuning-4.yaml (an independent writer's phrasings, tuned on) a column of its own,
// listed as well. Sealed entries are never read here.
//
// Two views per column: the reply (`findRoute`, as the card shows it) and the rules alone (what
// urgency-rules.yaml says, without the phrasing model's alert net). The phrasing model may be trained on
// all of tuning-3.yaml and tuning-5.yaml, both halves, so only the rules' figures are an honest
// estimate on the B halves.
//
//   npm run bench:urgency                 figures only
//   npm run bench:urgency -- --misses     also the misses of both A halves, of tuning-4 and of the other tuning files
//                                         (the reply's, and urgent questions the rules alone miss)
//   npm run bench:urgency -- --tuning     leaves both B halves out (while tuning: each look at B is counted)
//   npm run bench:urgency -- --file eval/tuning-15.yaml
//                                         that tuning file as a column of its own (a rules round on the newest set)
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKnowledgeBase } from '../knowledge/index';
import { EXTRA_TUNING_FILES, readEvaluationTuning, readQuestions, withoutSealed, type LabelledQuestion } from './tuning-data';

const here = path.dirname(fileURLToPath(import.meta.url));
const TUNING_3 = path.join(here, 'eval', 'tuning-3.yaml');
const TUNING_4 = path.join(here, 'eval', 'tuning-4.yaml');
const TUNING_5 = path.join(here, 'eval', 'tuning-5.yaml');

/** Half A or B, fixed by the question's text: even first byte of its SHA-1 → A. */
function half(question: LabelledQuestion): 'A' | 'B' {
  return createHash('sha1').update(question.q).digest()[0]! % 2 === 0 ? 'A' : 'B';
}

interface Verdict {
  urgent: boolean;
  alert: boolean;
}
interface Judged {
  question: LabelledQuestion;
  reply: Verdict;
  rules: Verdict & { fired: string[] };
}

class Tally {
  urgent = 0;
  alertKind = 0;
  nonUrgent = 0;
  ordinary = 0;
  readonly reply = { urgentFound: 0, onTop: 0, alertShown: 0, falseAlarms: 0, ordinaryAlerts: 0 };
  readonly rules = { urgentFound: 0, onTop: 0, alertShown: 0, falseAlarms: 0, ordinaryAlerts: 0 };

  add({ question, reply, rules }: Judged): void {
    const isOrdinary = !question.urgent && question.kind !== 'alert' && question.expect !== null;
    if (question.urgent) this.urgent++;
    else this.nonUrgent++;
    if (question.kind === 'alert') this.alertKind++;
    if (isOrdinary) this.ordinary++;
    for (const [verdict, into] of [[reply, this.reply], [rules, this.rules]] as const) {
      if (question.urgent && verdict.urgent) into.urgentFound++;
      if (question.urgent && (verdict.urgent || verdict.alert)) into.onTop++;
      if (question.kind === 'alert' && (verdict.urgent || verdict.alert)) into.alertShown++;
      if (!question.urgent && verdict.urgent) into.falseAlarms++;
      if (isOrdinary && verdict.alert) into.ordinaryAlerts++;
    }
  }
}

const kb = await createKnowledgeBase();
function judge(question: LabelledQuestion): Judged {
  const answer = kb.findRoute(question.q);
  const { danger } = kb.evidence(question.q);
  return {
    question,
    reply: { urgent: answer.urgent, alert: answer.alert },
    rules: { urgent: danger.level === 'urgent', alert: danger.level === 'alert', fired: danger.fired.map((f) => `${f.id}:${f.level}`) },
  };
}

const tuning3 = readQuestions(TUNING_3);
// tuning-5.yaml (another independent writer's phrasings, without any sealed phrasing) is split like
// tuning-3.yaml, by the same `half()`: A tuned on, B held out.
const tuning5 = withoutSealed(readQuestions(TUNING_5)).kept;
// tuning-4.yaml (an independent writer's phrasings) is a column of its own, tuned on: its misses may be listed.
const tuning4 = withoutSealed(readQuestions(TUNING_4)).kept;
// The other tuning files, without any phrasing that is also a sealed question (compared, never printed).
const ownColumn = process.argv.includes('--file') ? path.resolve(here, process.argv[process.argv.indexOf('--file') + 1]!) : null;
if (ownColumn && !EXTRA_TUNING_FILES.includes(ownColumn)) throw new Error(`--file: not a tuning file (${ownColumn})`);
if (ownColumn && [TUNING_3, TUNING_4, TUNING_5].includes(ownColumn)) throw new Error(`--file: ${path.basename(ownColumn)} has columns of its own already`);
const own = ownColumn ? withoutSealed(readQuestions(ownColumn)).kept : [];
const otherFiles = EXTRA_TUNING_FILES.filter((f) => f !== TUNING_3 && f !== TUNING_4 && f !== TUNING_5 && f !== ownColumn).flatMap(readQuestions);
const other = withoutSealed([...readEvaluationTuning(), ...otherFiles]).kept;

const columns = [
  { title: `tuning-3 A (${tuning3.filter((q) => half(q) === 'A').length})`, questions: tuning3.filter((q) => half(q) === 'A'), listable: true },
  { title: `tuning-3 B (${tuning3.filter((q) => half(q) === 'B').length})`, questions: tuning3.filter((q) => half(q) === 'B'), listable: false },
  { title: `tuning-5 A (${tuning5.filter((q) => half(q) === 'A').length})`, questions: tuning5.filter((q) => half(q) === 'A'), listable: true },
  { title: `tuning-5 B (${tuning5.filter((q) => half(q) === 'B').length})`, questions: tuning5.filter((q) => half(q) === 'B'), listable: false },
  { title: `tuning-4 (${tuning4.length})`, questions: tuning4, listable: true },
  { title: `other tuning (${other.length})`, questions: other, listable: true },
  ...(ownColumn ? [{ title: `${path.basename(ownColumn, '.yaml')} (${own.length})`, questions: own, listable: true }] : []),
].filter((c) => c.listable || !process.argv.includes('--tuning')).map((c) => {
  const judged = c.questions.map(judge);
  const tally = new Tally();
  for (const j of judged) tally.add(j);
  return { ...c, judged, tally };
});

const pct = (a: number, b: number) => (b === 0 ? '–' : `${a}/${b} ${((100 * a) / b).toFixed(1)} %`);
const LABEL = 34;
const CELL = 24;
const rows: Array<[string, (t: Tally, v: 'reply' | 'rules') => string]> = [
  ['urgent recall', (t, v) => pct(t[v].urgentFound, t.urgent)],
  ['112/113 on top (urgent or alert)', (t, v) => pct(t[v].onTop, t.urgent)],
  ['alert on kind: alert', (t, v) => pct(t[v].alertShown, t.alertKind)],
  ['urgent false alarms', (t, v) => pct(t[v].falseAlarms, t.nonUrgent)],
  ['alert on ordinary questions', (t, v) => pct(t[v].ordinaryAlerts, t.ordinary)],
];
const lines: string[] = [];
for (const view of ['reply', 'rules'] as const) {
  lines.push('', view === 'reply' ? 'Reply (findRoute: rules + phrasing-model alert net)' : 'Rules alone (urgency-rules.yaml)');
  lines.push(''.padEnd(LABEL) + columns.map((c) => c.title.padEnd(CELL)).join(''));
  for (const [label, value] of rows) lines.push(label.padEnd(LABEL) + columns.map((c) => value(c.tally, view).padEnd(CELL)).join('').trimEnd());
}

if (process.argv.includes('--misses')) {
  for (const c of columns.filter((col) => col.listable)) {
    const missLines: string[] = [];
    for (const { question, reply, rules } of c.judged) {
      const isOrdinary = !question.urgent && question.kind !== 'alert' && question.expect !== null;
      let what: string | undefined;
      if (question.urgent && !reply.urgent) what = reply.alert ? 'urgent missed (alert)' : 'urgent missed';
      else if (!question.urgent && reply.urgent) what = 'false alarm';
      else if (question.urgent && !rules.urgent) what = rules.alert ? 'urgent missed by the rules alone (alert; reply urgent)' : 'urgent missed by the rules alone (reply urgent)';
      else if (question.kind === 'alert' && !reply.urgent && !reply.alert) what = 'no alert';
      else if (isOrdinary && rules.alert) what = 'rule alert on ordinary';
      if (what) missLines.push(`  ✗ ${what}: "${question.q}" · ${question.kind ?? ''} · fired ${rules.fired.join(' ') || '–'}`);
    }
    lines.push('', `Misses, ${c.title} (${missLines.length}):`, ...missLines);
  }
}
console.log(lines.join('\n'));
