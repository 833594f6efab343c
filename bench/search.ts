// npm run bench:search — answer quality on labelled questions and query speed, beside a plain-lunr
// baseline (default English pipeline, no synonyms, no urgency rules) over the same content, in one run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lunr from 'lunr';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod/v4';
import { KnowledgeBase, loadKnowledgeFiles, type KnowledgeItem } from '../knowledge/index';
import type { KnowledgeFiles } from '../knowledge/load-content';

const here = path.dirname(fileURLToPath(import.meta.url));
const questionSchema = z.array(
  z.object({ q: z.string(), expect: z.string().nullable(), urgent: z.boolean().default(false) }).strict(),
);
type LabelledQuestion = z.infer<typeof questionSchema>[number];

interface Searcher {
  /** Ids best first (empty = no answer) and whether the question was flagged urgent. */
  ask(question: string): { ids: string[]; urgent: boolean };
}

function meldwijzer(kb: KnowledgeBase): Searcher {
  return {
    ask(question) {
      const answer = kb.findRoute(question);
      return { ids: answer.results.map((r) => r.item.id), urgent: answer.urgent };
    },
  };
}

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
        ids = index.search(question).map((r) => r.ref);
      } catch {
        ids = []; // lunr's query parser throws on syntax characters; count it as no answer
      }
      return { ids, urgent: ids[0] !== undefined && urgentIds.has(ids[0]) };
    },
  };
}

interface Quality {
  n: number;
  top1: number;
  top3: number;
  urgentFound: number;
  urgentTotal: number;
  falseAlarms: number;
}

function measureQuality(searcher: Searcher, questions: ReadonlyArray<LabelledQuestion>): Quality {
  const q: Quality = { n: questions.length, top1: 0, top3: 0, urgentFound: 0, urgentTotal: 0, falseAlarms: 0 };
  for (const { q: text, expect, urgent } of questions) {
    const result = searcher.ask(text);
    if (expect === null ? result.ids.length === 0 : result.ids[0] === expect) q.top1++;
    if (expect === null ? result.ids.length === 0 : result.ids.slice(0, 3).includes(expect)) q.top3++;
    if (urgent) {
      q.urgentTotal++;
      if (result.urgent) q.urgentFound++;
    } else if (result.urgent) q.falseAlarms++;
  }
  return q;
}

function percentile(sorted: ReadonlyArray<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function measureSpeed(searcher: Searcher, questions: ReadonlyArray<string>, rounds: number): { p50: number; p99: number } {
  for (let r = 0; r < 3; r++) for (const q of questions) searcher.ask(q); // warm-up: let the JIT settle
  // Start from a clean heap so garbage left by building the index does not land in one query's time.
  (globalThis as { gc?: () => void }).gc?.();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const start = process.hrtime.bigint();
      searcher.ask(q);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
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

const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;
const ms = (v: number) => `${v.toFixed(3)} ms`;

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
}

async function main(): Promise<void> {
  const files = await loadKnowledgeFiles();
  const tuning = questionSchema.parse(parseYaml(readFileSync(path.join(here, 'search-questions.yaml'), 'utf8')));
  const holdout = questionSchema.parse(parseYaml(readFileSync(path.join(here, 'search-questions-holdout.yaml'), 'utf8')));
  const ours = meldwijzer(new KnowledgeBase(files));
  const baseline = plainLunr(files.items);

  const widths = [34, 22, 22];
  const lines: string[] = [];
  for (const [label, set] of [['labelled set', tuning], ['held-out set', holdout]] as const) {
    const a = measureQuality(ours, set);
    const b = measureQuality(baseline, set);
    lines.push('', `Quality — ${label} (${set.length} questions)`, row(['', 'Meldwijzer', 'plain lunr baseline'], widths));
    lines.push(row(['top-1 accuracy (target ≥ 90 %)', pct(a.top1, a.n), pct(b.top1, b.n)], widths));
    lines.push(row(['top-3 accuracy (target ≥ 97 %)', pct(a.top3, a.n), pct(b.top3, b.n)], widths));
    lines.push(row(['urgent recall (target all)', `${a.urgentFound}/${a.urgentTotal}`, `${b.urgentFound}/${b.urgentTotal}`], widths));
    lines.push(row(['urgent false alarms (target 0)', String(a.falseAlarms), String(b.falseAlarms)], widths));
  }

  const questions = [...tuning, ...holdout].map((q) => q.q);
  const generatedItems = generatedCorpus(files.items, 10_000);
  const bigFiles: KnowledgeFiles = { ...files, items: [...files.items, ...generatedItems] };
  const buildStart = performance.now();
  const big = meldwijzer(new KnowledgeBase(bigFiles));
  const buildMs = performance.now() - buildStart;
  const bigBaseline = plainLunr(bigFiles.items);

  const speed = [
    ['real content', measureSpeed(ours, questions, 20), measureSpeed(baseline, questions, 20)],
    [`generated, ${bigFiles.items.length} items`, measureSpeed(big, questions, 20), measureSpeed(bigBaseline, questions, 20)],
  ] as const;
  lines.push('', 'Query time (p50 / p99)', row(['', 'Meldwijzer', 'plain lunr baseline'], widths));
  for (const [label, a, b] of speed) {
    lines.push(row([label, `${ms(a.p50)} / ${ms(a.p99)}`, `${ms(b.p50)} / ${ms(b.p99)}`], widths));
  }
  lines.push(`target: p99 < 5 ms at 10,000 items · index build for ${bigFiles.items.length} items: ${(buildMs / 1000).toFixed(1)} s (once, at start)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
