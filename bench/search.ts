// npm run bench:search — answer quality on the evaluation set and query speed, beside a plain-lunr
// baseline (default English pipeline, no synonyms, no urgency rules) over the same content, in one run.
//
// bench/eval/evaluation-set-2.yaml (written independently of the content, from the issue and FACTS.md)
// is split once into `tuning` and `sealed`. Only the tuning part (and the extra tuning files) may be looked
// at: its misses are listed. The sealed part prints aggregates only, so nobody tunes on it. While tuning:
// `-- --tuning` leaves the sealed part out, `-- --quality` skips speed.
// The first edition (evaluation-set.yaml) is tuning data now: helpers had seen part of its sealed split.
import { existsSync } from 'node:fs';
import lunr from 'lunr';
import { KnowledgeBase, loadKnowledgeFiles, type KnowledgeItem } from '../knowledge/index';
import type { KnowledgeFiles } from '../knowledge/load-content';
// Which files are tuning data (EXTRA_TUNING_FILES) is shared with bench:cv and tools/build-phrasings.ts.
import { EVALUATION_SET, EXTRA_TUNING_FILES, readQuestions, type LabelledQuestion } from './tuning-data';

interface Reply {
  /** Ids best first; empty = no answer. */
  ids: string[];
  urgent: boolean;
  /** Undefined when the searcher has no alert level. */
  alert?: boolean;
}

interface Searcher {
  ask(question: string): Reply;
}

function meldwijzer(kb: KnowledgeBase): Searcher {
  return {
    ask(question) {
      const answer = kb.findRoute(question);
      // `alert` is read loosely so the bench runs before and after the knowledge base has it.
      const alert = (answer as { alert?: unknown }).alert;
      return { ids: answer.results.map((r) => r.item.id), urgent: answer.urgent, alert: typeof alert === 'boolean' ? alert : undefined };
    },
  };
}

// lunr's query syntax characters: a plain search box would not pass them on, so the baseline strips them.
const LUNR_SYNTAX = /[:~^+\-*]/g;

function plainLunr(items: ReadonlyArray<KnowledgeItem>): Searcher {
  const index = lunr(function () {
    this.ref('id');
    for (const field of ['title', 'questions', 'keywords', 'summary', 'body']) this.field(field);
    for (const item of items) {
      this.add({ ...item, questions: item.questions.join(' '), keywords: item.keywords.join(' ') });
    }
  });
  const urgentIds = new Set(items.filter((i) => i.urgent).map((i) => i.id));
  return {
    ask(question) {
      let ids: string[] = [];
      try {
        ids = index.search(question.replace(LUNR_SYNTAX, ' ')).map((r) => r.ref);
      } catch {
        ids = [];
      }
      // Plain lunr has no urgency rules: a question counts as flagged when its best hit is an urgent item.
      return { ids, urgent: ids[0] !== undefined && urgentIds.has(ids[0]) };
    },
  };
}

interface Miss {
  question: LabelledQuestion;
  reply: Reply;
  what: 'top-3' | 'top-1' | 'urgent missed' | 'false alarm' | 'answered' | 'no alert';
}

class Quality {
  answerable = 0;
  top1 = 0;
  top3 = 0;
  silent = 0;
  urgent = 0;
  urgentFound = 0;
  /** Urgent questions that got at least the alert line (112/113 at the top of the card). */
  urgentWithNumber = 0;
  nonUrgent = 0;
  falseAlarms = 0;
  outOfScope = 0;
  noAnswer = 0;
  alertKind = 0;
  alertShown = 0;
  ordinary = 0;
  ordinaryAlerts = 0;
  hasAlert = false;
  readonly misses: Miss[] = [];

  add(question: LabelledQuestion, reply: Reply): void {
    const { expect, urgent, kind } = question;
    const miss = (what: Miss['what']) => this.misses.push({ question, reply, what });
    if (expect === null) {
      this.outOfScope++;
      if (reply.ids.length === 0) this.noAnswer++;
      else miss('answered');
    } else {
      this.answerable++;
      if (reply.ids.length === 0) this.silent++;
      if (reply.ids[0] === expect) this.top1++;
      if (reply.ids.slice(0, 3).includes(expect)) this.top3++;
      if (reply.ids[0] !== expect) miss(reply.ids.slice(0, 3).includes(expect) ? 'top-1' : 'top-3');
    }
    if (urgent) {
      this.urgent++;
      if (reply.urgent) this.urgentFound++;
      else miss('urgent missed');
      if (reply.urgent || reply.alert) this.urgentWithNumber++;
    } else {
      this.nonUrgent++;
      if (reply.urgent) {
        this.falseAlarms++;
        miss('false alarm');
      }
    }
    if (reply.alert === undefined) return;
    this.hasAlert = true;
    if (kind === 'alert') {
      this.alertKind++;
      if (reply.alert || reply.urgent) this.alertShown++;
      else miss('no alert');
    } else if (!urgent && expect !== null) {
      this.ordinary++;
      if (reply.alert) this.ordinaryAlerts++;
    }
  }
}

function measureQuality(searcher: Searcher, questions: ReadonlyArray<LabelledQuestion>): Quality {
  const quality = new Quality();
  for (const question of questions) quality.add(question, searcher.ask(question.q));
  return quality;
}

const share = (a: number, b: number) => (b === 0 ? 0 : (100 * a) / b);
const pct = (a: number, b: number) => (b === 0 ? '–' : `${share(a, b).toFixed(1)} %`);
const ms = (v: number) => `${v.toFixed(2)} ms`;

interface Metric {
  label: string;
  value: (q: Quality) => string;
  /** Target on the sealed part: text and whether Meldwijzer meets it. */
  target?: { text: string; met: (q: Quality) => boolean };
  /** Only shown when the knowledge base exposes an alert level. */
  alertOnly?: boolean;
}

const METRICS: Metric[] = [
  { label: 'top-1 (of answerable)', value: (q) => pct(q.top1, q.answerable), target: { text: '≥ 95 %', met: (q) => share(q.top1, q.answerable) >= 95 } },
  { label: 'top-3', value: (q) => pct(q.top3, q.answerable), target: { text: '≥ 99 %', met: (q) => share(q.top3, q.answerable) >= 99 } },
  { label: 'answerable, no answer', value: (q) => pct(q.silent, q.answerable) },
  { label: 'urgent recall', value: (q) => `${q.urgentFound}/${q.urgent}`, target: { text: '100 %', met: (q) => q.urgentFound === q.urgent } },
  { label: 'urgent false alarms', value: (q) => pct(q.falseAlarms, q.nonUrgent), target: { text: '≤ 1 %', met: (q) => share(q.falseAlarms, q.nonUrgent) <= 1 } },
  { label: 'no-answer (out of scope)', value: (q) => pct(q.noAnswer, q.outOfScope), target: { text: '≥ 90 %', met: (q) => share(q.noAnswer, q.outOfScope) >= 90 } },
  { label: 'urgent: 112/113 on top', value: (q) => (q.hasAlert ? `${q.urgentWithNumber}/${q.urgent}` : '–'), alertOnly: true },
  { label: 'alert or urgent (kind alert)', value: (q) => (q.hasAlert ? `${q.alertShown}/${q.alertKind}` : '–'), alertOnly: true },
  { label: 'alert on ordinary questions', value: (q) => (q.hasAlert ? pct(q.ordinaryAlerts, q.ordinary) : '–'), alertOnly: true },
];

const DEFINITIONS = [
  'top-1/top-3: the expected item is the first / among the first three results (questions with an expected item).',
  'urgent false alarms: questions not labelled urgent that were flagged urgent, as a share of all of them.',
  'urgent: 112/113 on top: urgent questions whose card opens with the number, as the acute card or as the alert line.',
  'no-answer: share of expect:null questions where Meldwijzer shows no route at all (no result, not urgent).',
  'plain lunr: default English pipeline, no synonyms, no cut-off; "urgent" when its first hit is an urgent item.',
];

function qualityTable(columns: Array<{ title: string; ours: Quality; base: Quality }>): string[] {
  const label = 30;
  const cell = 11;
  const pad = (s: string, n: number) => s.padEnd(n);
  const showAlert = columns.some((c) => c.ours.hasAlert);
  const sealed = columns.find((c) => c.title.startsWith('sealed'));
  const head1 = pad('', label) + columns.map((c) => pad(c.title, cell * 2 + 2)).join('') + (sealed ? 'target (sealed)' : '');
  const head2 = pad('', label) + columns.map(() => pad('Meldwijzer', cell) + pad('lunr', cell + 2)).join('');
  const lines = [head1, head2];
  for (const metric of METRICS) {
    if (metric.alertOnly && !showAlert) continue;
    let line = pad(metric.label, label);
    for (const c of columns) line += pad(metric.value(c.ours), cell) + pad(metric.alertOnly ? '' : metric.value(c.base), cell + 2);
    if (metric.target && sealed) line += `${metric.target.text} ${metric.target.met(sealed.ours) ? '✓' : '✗'}`;
    lines.push(line.trimEnd());
  }
  return lines;
}

/** One line per missed question: what went wrong, the question, what it should get and what it got. */
function missLines(title: string, misses: ReadonlyArray<Miss>): string[] {
  const byQuestion = new Map<LabelledQuestion, Miss[]>();
  for (const miss of misses) byQuestion.set(miss.question, [...(byQuestion.get(miss.question) ?? []), miss]);
  if (byQuestion.size === 0) return [`${title}: none`];
  const lines = [`${title} (${byQuestion.size}):`];
  for (const [question, list] of byQuestion) {
    const { reply } = list[0]!;
    const got = reply.ids.length === 0 ? 'no answer' : reply.ids.slice(0, 3).join(', ');
    const flags = `${reply.urgent ? ' [urgent]' : ''}${reply.alert ? ' [alert]' : ''}`;
    lines.push(`  ✗ ${list.map((m) => m.what).join(', ')}: "${question.q}"`);
    lines.push(`      want ${question.expect ?? 'no answer'}${question.urgent ? ' [urgent]' : ''} · got ${got}${flags}`);
  }
  return lines;
}

function percentile(sorted: ReadonlyArray<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Speed {
  p50: number;
  p99: number;
}

/** How many labelled questions the speed part times. */
const SPEED_SAMPLE = 2_000;

/**
 * Query times of two searchers, measured interleaved (question by question, the order swapped every
 * round) so that load from other processes falls on both alike. The machine is shared, so this runs
 * in several passes and keeps each searcher's best pass (as bench:turn keeps its best run).
 */
function measureSpeed(a: Searcher, b: Searcher, questions: ReadonlyArray<string>, passes: number, rounds: number): [Speed, Speed] {
  for (let r = 0; r < 3; r++) for (const q of questions) (a.ask(q), b.ask(q)); // warm-up: let the JIT settle
  const time = (searcher: Searcher, q: string, into: number[]) => {
    const start = process.hrtime.bigint();
    searcher.ask(q);
    into.push(Number(process.hrtime.bigint() - start) / 1e6);
  };
  const best: [Speed, Speed] = [{ p50: Infinity, p99: Infinity }, { p50: Infinity, p99: Infinity }];
  for (let pass = 0; pass < passes; pass++) {
    // Start from a clean heap so garbage left by building the index does not land in one query's time.
    (globalThis as { gc?: () => void }).gc?.();
    const times: [number[], number[]] = [[], []];
    for (let r = 0; r < rounds; r++) {
      for (const q of questions) {
        if (r % 2 === 0) (time(a, q, times[0]), time(b, q, times[1]));
        else (time(b, q, times[1]), time(a, q, times[0]));
      }
    }
    times.forEach((t, i) => {
      t.sort((x, y) => x - y);
      if (percentile(t, 99) < best[i]!.p99) best[i] = { p50: percentile(t, 50), p99: percentile(t, 99) };
    });
  }
  return best;
}

/**
 * 10,000 generated items whose words follow Zipf's law, as natural text does: a vocabulary of 40,000
 * word forms (the real content's words among invented Dutch-looking ones) drawn with frequency ∝ 1/rank.
 * A few words are in nearly every item, most are rare: the shape a real 10,000-item knowledge base has.
 */
function generatedCorpus(real: ReadonlyArray<KnowledgeItem>, size: number): KnowledgeItem[] {
  // mulberry32: a small seeded generator, so every run measures the same corpus.
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const realWords = [...new Set(real.flatMap((i) => `${i.title} ${i.summary} ${i.body}`.toLowerCase().split(/[^a-zà-ÿ]+/)))].filter((w) => w.length > 3);
  const syllables = ['ver', 'be', 'ont', 'meld', 'zorg', 'wijk', 'huis', 'raad', 'plan', 'werk', 'stad', 'dienst', 'team', 'punt', 'lijn', 'kaart', 'rie', 'kos', 'tel', 'bos', 'gra', 'mo', 'lan', 'del', 'fin', 'sta', 'pro', 'ka', 'ne', 'tor'];
  const endings = ['ing', 'en', 'er', 'heid', 'schap', 'loket', 'aar', 'isme', 'tie', 'baar'];
  const vocabulary = new Set<string>();
  while (vocabulary.size < 40_000 - realWords.length) {
    const parts = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < parts; i++) word += syllables[Math.floor(random() * syllables.length)];
    vocabulary.add(word + endings[Math.floor(random() * endings.length)]);
  }
  const ranked = [...vocabulary];
  for (const word of realWords) ranked.splice(Math.floor(random() * ranked.length), 0, word);
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= ranked.length; rank++) cumulative.push((total += 1 / rank));
  const zipfWord = () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return ranked[low]!;
  };
  const sentence = (n: number) => Array.from({ length: n }, zipfWord).join(' ');
  return Array.from({ length: size }, (_, i) => ({
    ...real[i % real.length]!,
    id: `gegenereerd/item-${i}`,
    title: sentence(6),
    summary: sentence(25),
    questions: [sentence(8), sentence(8), sentence(8)],
    keywords: [sentence(1), sentence(1), sentence(1), sentence(1)],
    body: sentence(150),
    urgent: false,
  }));
}

async function main(): Promise<void> {
  const files = await loadKnowledgeFiles();
  const evaluation = readQuestions(EVALUATION_SET);
  const tuning = evaluation.filter((q) => q.split === 'tuning');
  const sealed = evaluation.filter((q) => q.split === 'sealed');
  const extra = EXTRA_TUNING_FILES.filter((f) => existsSync(f)).flatMap(readQuestions);
  const ours = meldwijzer(new KnowledgeBase(files));
  const baseline = plainLunr(files.items);

  const measure = (set: LabelledQuestion[]) => ({ ours: measureQuality(ours, set), base: measureQuality(baseline, set) });
  const tuned = measure(tuning);
  // `--tuning` shows only the tuning side: while tuning, the sealed figures are not even looked at.
  const tuningOnly = process.argv.includes('--tuning');
  const held = measure(tuningOnly ? [] : sealed);
  const extraQuality = measure(extra);

  const lines: string[] = [
    `Search quality · ${files.items.length} items · bench/eval/evaluation-set-2.yaml: ${tuning.length} tuning, ${sealed.length} sealed · extra tuning: ${extra.length}`,
    ...qualityTable([
      { title: `tuning (${tuning.length})`, ...tuned },
      ...(tuningOnly ? [] : [{ title: `sealed (${sealed.length})`, ...held }]),
      { title: `extra tuning (${extra.length})`, ...extraQuality },
    ]),
    ...DEFINITIONS.map((d) => `  · ${d}`),
  ];
  const misses = [
    '',
    ...missLines('Tuning misses (sealed misses are never listed)', tuned.ours.misses),
    ...missLines('Extra tuning misses', extraQuality.ours.misses),
  ];

  // `--quality` skips the speed part (about a minute).
  if (process.argv.includes('--quality')) {
    process.stdout.write(`${[...lines, ...misses].join('\n')}\n`);
    return;
  }
  // Speed: a fixed, evenly spread sample of the labelled questions (every one of them took some 25 minutes
  // and gave the same percentiles), on the real content and on 10,000 generated items besides it.
  const allQuestions = [...evaluation, ...extra].map((q) => q.q);
  const step = Math.max(1, allQuestions.length / SPEED_SAMPLE);
  const questions = Array.from({ length: Math.min(SPEED_SAMPLE, allQuestions.length) }, (_, i) => allQuestions[Math.floor(i * step)]!);
  const generatedItems = generatedCorpus(files.items, 10_000);
  const bigFiles: KnowledgeFiles = { ...files, items: [...files.items, ...generatedItems] };
  const buildStart = performance.now();
  const big = meldwijzer(new KnowledgeBase(bigFiles));
  const buildMs = performance.now() - buildStart;
  const bigBaseline = plainLunr(bigFiles.items);
  const [passes, rounds] = [3, 4];
  const speed = [
    ['real content', ...measureSpeed(ours, baseline, questions, passes, rounds)],
    [`${bigFiles.items.length} items (generated)`, ...measureSpeed(big, bigBaseline, questions, passes, rounds)],
  ] as const;
  lines.push('', `Query time p50 / p99 (${questions.length} of the ${allQuestions.length} questions, evenly spread, × ${rounds} rounds interleaved with the baseline, best of ${passes} passes)`);
  lines.push(`${''.padEnd(30)}${'Meldwijzer'.padEnd(22)}plain lunr`);
  for (const [label, a, b] of speed) lines.push(`${label.padEnd(30)}${`${ms(a.p50)} / ${ms(a.p99)}`.padEnd(22)}${ms(b.p50)} / ${ms(b.p99)}`);
  const bigP99 = speed[1][1].p99;
  lines.push(`target: p99 < 5 ms at 10,000 items ${bigP99 < 5 ? '✓' : '✗'} · index build for ${bigFiles.items.length} items: ${(buildMs / 1000).toFixed(1)} s (once, at start)`);
  process.stdout.write(`${[...lines, ...misses].join('\n')}\n`);
}

await main();
