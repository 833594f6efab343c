// npm run bench:cv — 5-fold cross-validation of the phrasing model and its blend with lunr, on the tuning
// data only (bench/tuning-data.ts; never the sealed part of evaluation-set-2.yaml).
//
// The tuning phrasings (as tools/build-phrasings.ts makes knowledge/phrasings.yaml of them) are shuffled
// once and cut in 5 folds. For each fold the knowledge base learns from the other 4 and the items' own
// questions, and answers the fold's questions it never saw. Printed per fold and as the mean:
//   current — lunr, synonyms, typos and rules as before the model (they were tuned by hand on all of
//             this data, so their figures here are optimistic: they have seen every question);
//   model   — the phrasing model (nearest neighbours) alone;
//   lin-model — the linear classifier (knowledge/linear-model.ts) alone;
//   knn-blend — KNN_BLEND: lunr with the neighbours' vote only (the default before the linear classifier);
//   knn-nest  — knn-blend with the settings that do best on the other 4 folds' held-out answers, measured on
//             this fold: what choosing the settings is worth on questions it did not choose them on;
//   blend   — DEFAULT_BLEND (knowledge/route-blend.ts): the neighbours' vote mixed with the linear classifier's;
//   lin-nest  — as knn-nest, over the grid of the blend with the linear classifier;
//   linear  — only with `-- --linear-blend '{…}'`: DEFAULT_BLEND with those changes.
// Settings are chosen on the held-out answers to tuning-3.yaml's questions only: the synonyms and rules
// were tuned by hand on the older files, which flatters lunr there (tuning-3 came after).
// `-- --grid` also prints the best settings over all folds (how KNN_BLEND and DEFAULT_BLEND were chosen),
// the alert net's grid and the grid of the model's urgency net (urgentVote, urgentSimilarity).
// `-- --linear '{"l2":1e-4}'` trains the linear classifier with other settings.
// `-- --holdout FILE` instead measures on a labelled file with its questions left out of the training:
// a new tuning file, before it is added, is a true test of what the hand tuning and the model generalise to.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KnowledgeBase, loadKnowledgeFiles } from '../knowledge/index';
import type { Answer, RouteEvidence } from '../knowledge/knowledge-base';
import type { Phrasing } from '../knowledge/phrasings';
import { phrasingKey } from '../knowledge/phrasings';
import type { LinearModelSettings } from '../knowledge/linear-model';
import { DEFAULT_BLEND, KNN_BLEND, LUNR_ONLY, type BlendSettings } from '../knowledge/route-blend';
import { phrasingsFrom, trainablePhrasings } from '../tools/build-phrasings';
import { readEvaluationTuning, readQuestions } from './tuning-data';

const FOLDS = 5;
/** Tuning data written after synonyms and rules were tuned by hand (see the `unseen` figures). */
const UNSEEN_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'eval', 'tuning-3.yaml');
const SEED = 20_260_501;

/** The phrasing model alone: lunr never answers, the model's vote ranks. */
const MODEL_ONLY: BlendSettings = { ...KNN_BLEND, modelWeight: 1, answerVote: 0.3, answerSimilarity: 0.3, noAnswerVote: 0, keepLunrScore: Number.POSITIVE_INFINITY };

/** The linear classifier (knowledge/linear-model.ts) trained in every fold; `-- --linear '{"l2":1e-4}'` changes its settings. */
const linearAt = process.argv.indexOf('--linear');
const LINEAR_SETTINGS: Partial<LinearModelSettings> = linearAt >= 0 ? (JSON.parse(process.argv[linearAt + 1] ?? '{}') as Partial<LinearModelSettings>) : {};
/** `-- --linear-blend '{"linearWeight":0.5}'`: DEFAULT_BLEND with changes, as an extra row. */
const linearBlendAt = process.argv.indexOf('--linear-blend');
const LINEAR_BLEND: BlendSettings = {
  ...DEFAULT_BLEND,
  ...(linearBlendAt >= 0 ? (JSON.parse(process.argv[linearBlendAt + 1] ?? '{}') as Partial<BlendSettings>) : {}),
};
/** The linear classifier alone ranks (as MODEL_ONLY for the neighbours). */
const LINEAR_ONLY: BlendSettings = { ...MODEL_ONLY, linearWeight: 1 };

interface Counts {
  answerable: number;
  top1: number;
  top3: number;
  outOfScope: number;
  noAnswer: number;
  urgent: number;
  urgentFound: number;
  nonUrgent: number;
  falseAlarms: number;
  alertKind: number;
  alertShown: number;
  ordinary: number;
  ordinaryAlerts: number;
}

const emptyCounts = (): Counts => ({ answerable: 0, top1: 0, top3: 0, outOfScope: 0, noAnswer: 0, urgent: 0, urgentFound: 0, nonUrgent: 0, falseAlarms: 0, alertKind: 0, alertShown: 0, ordinary: 0, ordinaryAlerts: 0 });

/** Counted as bench:search counts them. */
function count(into: Counts, phrasing: Phrasing, answer: Answer): void {
  const ids = answer.results.map((r) => r.item.id);
  if (phrasing.expect === null) {
    into.outOfScope++;
    if (ids.length === 0) into.noAnswer++;
  } else {
    into.answerable++;
    if (ids[0] === phrasing.expect) into.top1++;
    if (ids.slice(0, 3).includes(phrasing.expect)) into.top3++;
  }
  if (phrasing.urgent) {
    into.urgent++;
    if (answer.urgent) into.urgentFound++;
  } else {
    into.nonUrgent++;
    if (answer.urgent) into.falseAlarms++;
  }
  if (phrasing.kind === 'alert') {
    into.alertKind++;
    if (answer.alert || answer.urgent) into.alertShown++;
  } else if (!phrasing.urgent && phrasing.expect !== null) {
    into.ordinary++;
    if (answer.alert) into.ordinaryAlerts++;
  }
}

const share = (a: number, b: number) => (b === 0 ? 0 : (100 * a) / b);

interface Figures {
  top1: number;
  top3: number;
  noAnswer: number;
  urgentRecall: number;
  falseAlarms: number;
  alertShown: number;
  ordinaryAlerts: number;
}

const figures = (c: Counts): Figures => ({
  top1: share(c.top1, c.answerable),
  top3: share(c.top3, c.answerable),
  noAnswer: share(c.noAnswer, c.outOfScope),
  urgentRecall: share(c.urgentFound, c.urgent),
  falseAlarms: share(c.falseAlarms, c.nonUrgent),
  alertShown: share(c.alertShown, c.alertKind),
  ordinaryAlerts: share(c.ordinaryAlerts, c.ordinary),
});

/** What the settings are chosen for: top-1 first, then top-3, with no-answer kept at 90 % or more. */
function objective(c: Counts): number {
  const f = figures(c);
  return f.top1 + 0.5 * f.top3 - 3 * Math.max(0, 90 - f.noAnswer);
}

function add(a: Counts, b: Counts): Counts {
  const sum = emptyCounts();
  for (const key of Object.keys(sum) as Array<keyof Counts>) sum[key] = a[key] + b[key];
  return sum;
}

/** A seeded shuffle (mulberry32), so every run cuts the same folds. */
function shuffled<T>(list: ReadonlyArray<T>, seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function* grid(): Generator<BlendSettings> {
  for (const modelWeight of [0.3, 0.45, 0.6, 0.75])
    for (const lunrScale of [5, 10, 20])
      for (const answerVote of [0.4, 0.5, 0.6, 0.75])
        for (const answerSimilarity of [0.35, 0.5])
          for (const noAnswerVote of [0.5, 0.65, 0.8, 2])
            for (const keepLunrScore of [15, 30])
              for (const listVote of [0.25, 0.4]) yield { ...KNN_BLEND, modelWeight, lunrScale, answerVote, answerSimilarity, noAnswerVote, keepLunrScore, listVote };
}

function* linearGrid(): Generator<BlendSettings> {
  for (const linearWeight of [0.5, 0.75, 1])
    for (const linearNoAnswer of [0, 0.5, 1])
      for (const linearAnswer of [0.5, 0.7, 0.9, 2])
        for (const modelWeight of [0.45, 0.6, 0.75, 0.9])
          for (const lunrScale of [10, 20])
            for (const answerVote of [0.4, 0.5, 0.6])
              for (const noAnswerVote of [0.5, 0.65, 0.8])
                for (const listVote of [0.25, 0.4])
                  yield { ...DEFAULT_BLEND, linearWeight, linearNoAnswer, linearAnswer, modelWeight, lunrScale, answerVote, noAnswerVote, listVote };
}

function* alertGrid(base: BlendSettings): Generator<BlendSettings> {
  for (const alertVote of [0.5, 0.6, 0.7, 0.8, 0.9, 2]) for (const alertSimilarity of [0.4, 0.5, 0.6, 0.7]) yield { ...base, alertVote, alertSimilarity };
}

interface FoldRun {
  phrasings: Phrasing[];
  evidence: RouteEvidence[];
  /** From tuning-3.yaml: written after the hand tuning (synonyms, rules), so lunr's figures on it are honest too. */
  unseen: boolean[];
}

function measure(kb: KnowledgeBase, run: FoldRun, settings: BlendSettings, only?: boolean): Counts {
  const counts = emptyCounts();
  run.evidence.forEach((evidence, i) => {
    if (only === undefined || run.unseen[i] === only) count(counts, run.phrasings[i]!, kb.decide(evidence, settings));
  });
  return counts;
}

const pct = (v: number) => `${v.toFixed(1)}`.padStart(6);

function row(label: string, f: Figures): string {
  return `${label.padEnd(22)}${pct(f.top1)}${pct(f.top3)}${pct(f.noAnswer)}${pct(f.urgentRecall)}${pct(f.falseAlarms)}${pct(f.alertShown)}${pct(f.ordinaryAlerts)}`;
}

async function holdout(file: string): Promise<void> {
  const files = await loadKnowledgeFiles();
  const held = phrasingsFrom(readQuestions(file)).phrasings;
  const heldKeys = new Set(held.map((p) => phrasingKey(p.q)));
  const training = trainablePhrasings().phrasings.filter((p) => !heldKeys.has(phrasingKey(p.q)));
  const kb = new KnowledgeBase({ ...files, phrasings: training }, undefined, { linear: LINEAR_SETTINGS });
  const run: FoldRun = { phrasings: held, evidence: held.map((p) => kb.evidence(p.q)), unseen: held.map(() => true) };
  const header = `${''.padEnd(22)}${['top-1', 'top-3', 'no-ans', 'urgRec', 'falseA', 'alertK', 'alertO'].map((h) => h.padStart(6)).join('')}`;
  const lines = [`Holdout ${file}: ${held.length} questions, none in the training (${training.length} phrasings + the items' own questions)`, header];
  const configs = { current: LUNR_ONLY, model: MODEL_ONLY, 'lin-model': LINEAR_ONLY, 'knn-blend': KNN_BLEND, blend: DEFAULT_BLEND, ...(linearBlendAt >= 0 ? { linear: LINEAR_BLEND } : {}) };
  for (const [name, settings] of Object.entries(configs)) lines.push(row(name, figures(measure(kb, run, settings))));
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const files = await loadKnowledgeFiles();
  const unseenKeys = new Set(readQuestions(UNSEEN_FILE).map((q) => phrasingKey(q.q)));
  const { phrasings } = trainablePhrasings();
  const order = shuffled(phrasings, SEED);
  const folds = Array.from({ length: FOLDS }, (_, f) => order.filter((_, i) => i % FOLDS === f));

  const runs: Array<{ kb: KnowledgeBase; run: FoldRun }> = [];
  const started = performance.now();
  for (let f = 0; f < FOLDS; f++) {
    const training = folds.filter((_, g) => g !== f).flat();
    const kb = new KnowledgeBase({ ...files, phrasings: training }, undefined, { linear: LINEAR_SETTINGS });
    const test = folds[f]!;
    runs.push({ kb, run: { phrasings: test, evidence: test.map((p) => kb.evidence(p.q)), unseen: test.map((p) => unseenKeys.has(phrasingKey(p.q))) } });
  }
  const evidenceSeconds = (performance.now() - started) / 1000;

  // Every grid setting's counts per fold, once; the nested choice and the overall best read from them.
  const settingsList = [...grid()];
  // Chosen on the questions the hand tuning never saw: on the others lunr is flattered (it was tuned on them).
  const perSetting = settingsList.map((s) => runs.map(({ kb, run }) => measure(kb, run, s, true)));
  const linearList = [...linearGrid()];
  const perLinear = linearList.map((s) => runs.map(({ kb, run }) => measure(kb, run, s, true)));
  const bestIn = (list: BlendSettings[], counts: Counts[][], foldIndexes: number[]) => {
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    counts.forEach((perFold, s) => {
      const score = objective(foldIndexes.map((f) => perFold[f]!).reduce(add));
      if (score > bestScore) [best, bestScore] = [s, score];
    });
    return list[best]!;
  };
  const bestOn = (foldIndexes: number[]) => bestIn(settingsList, perSetting, foldIndexes);
  const bestLinearOn = (foldIndexes: number[]) => bestIn(linearList, perLinear, foldIndexes);

  const header = `${''.padEnd(22)}${['top-1', 'top-3', 'no-ans', 'urgRec', 'falseA', 'alertK', 'alertO'].map((h) => h.padStart(6)).join('')}`;
  const lines = [
    `Cross-validation · ${FOLDS} folds · ${phrasings.length} tuning phrasings (${unseenKeys.size} from tuning-3.yaml) + ${files.items.length} items' own questions · evidence in ${evidenceSeconds.toFixed(1)} s · grid ${settingsList.length} settings`,
    'top-1/top-3 of answerable · no-ans: out-of-scope without answer · urgRec: urgent recall · falseA: urgent false alarms',
    'alertK: kind alert with alert or urgent · alertO: alert on ordinary questions (all in %)',
  ];
  const names = ['current', 'model', 'lin-model', 'knn-blend', 'knn-nest', 'blend', 'lin-nest', ...(linearBlendAt >= 0 ? ['linear'] : [])];
  const variants = () => Object.fromEntries(names.map((name) => [name, emptyCounts()]));
  const totals = variants();
  const unseenTotals = variants();
  for (let f = 0; f < FOLDS; f++) {
    const { kb, run } = runs[f]!;
    const nested = bestOn([...Array(FOLDS).keys()].filter((g) => g !== f));
    const linearNested = bestLinearOn([...Array(FOLDS).keys()].filter((g) => g !== f));
    const configs: Record<string, BlendSettings> = {
      current: LUNR_ONLY,
      model: MODEL_ONLY,
      'lin-model': LINEAR_ONLY,
      'knn-blend': KNN_BLEND,
      'knn-nest': { ...nested, alertVote: KNN_BLEND.alertVote, alertSimilarity: KNN_BLEND.alertSimilarity },
      blend: DEFAULT_BLEND,
      'lin-nest': { ...linearNested, alertVote: DEFAULT_BLEND.alertVote, alertSimilarity: DEFAULT_BLEND.alertSimilarity },
      ...(linearBlendAt >= 0 ? { linear: LINEAR_BLEND } : {}),
    };
    lines.push('', `fold ${f + 1} (${run.phrasings.length} questions)`, header);
    for (const [name, settings] of Object.entries(configs)) {
      const counts = measure(kb, run, settings);
      totals[name] = add(totals[name]!, counts);
      unseenTotals[name] = add(unseenTotals[name]!, measure(kb, run, settings, true));
      lines.push(row(name, figures(counts)));
    }
  }
  lines.push('', `all folds (each question once, held out)`, header);
  for (const [name, counts] of Object.entries(totals)) lines.push(row(name, figures(counts)));
  lines.push('', `only tuning-3.yaml's questions (written after the hand tuning: the honest comparison)`, header);
  for (const [name, counts] of Object.entries(unseenTotals)) lines.push(row(name, figures(counts)));

  if (process.argv.includes('--grid')) {
    const all = [...Array(FOLDS).keys()];
    const best = bestOn(all);
    lines.push('', `best ranking settings over all folds: ${JSON.stringify(best)}`);
    lines.push(`best linear settings over all folds: ${JSON.stringify(bestLinearOn(all))}`);
    // One setting's figures over all folds' held-out answers, or over tuning-3's questions only.
    const overFolds = (s: BlendSettings, only?: boolean) => figures(runs.map(({ kb, run }) => measure(kb, run, s, only)).reduce(add));
    lines.push('', 'alert safety net (neighbours about danger → alert):', `${'vote sim'.padEnd(22)}alertK alertO`);
    for (const s of alertGrid(DEFAULT_BLEND)) {
      const f = overFolds(s);
      lines.push(`${`${s.alertVote} ${s.alertSimilarity}`.padEnd(22)}${pct(f.alertShown)}${pct(f.ordinaryAlerts)}`);
    }
    // One setting's ranking figures per row: over all folds, and over tuning-3's questions only.
    const rankingRows = (title: string, column: string, grid: Iterable<BlendSettings>, value: (s: BlendSettings) => number | undefined) => {
      lines.push('', title, `${column.padEnd(22)} top-1 top-3no-ans   (tuning-3 only: top-1 top-3 no-ans)`);
      for (const s of grid) {
        const [f, u] = [overFolds(s), overFolds(s, true)];
        lines.push(`${String(value(s) ?? 'off').padEnd(22)}${pct(f.top1)}${pct(f.top3)}${pct(f.noAnswer)}   ${pct(u.top1)}${pct(u.top3)}${pct(u.noAnswer)}`);
      }
    };
    rankingRows('no answer when both models are sure, whatever lunr finds (noAnswerSure):', 'share', noAnswerGrid(DEFAULT_BLEND), (s) => s.noAnswerSure);
    rankingRows("short questions answered on both models' word (shortAnswerSimilarity):", 'similarity', shortAnswerGrid(DEFAULT_BLEND), (s) => s.shortAnswerSimilarity);
    lines.push('', 'urgent from the neighbours where the rules see no acute danger (vote share of acute phrasings, nearest similarity;');
    lines.push("'not held': not where an urgent rule's hold-backs made it an alert):");
    lines.push(`${'vote sim'.padEnd(22)}urgRec falseA   (tuning-3 only: urgRec falseA)`);
    for (const s of urgentGrid(DEFAULT_BLEND)) {
      const [f, u] = [overFolds(s), overFolds(s, true)];
      const label = `${s.urgentVote ?? 'off'} ${s.urgentSimilarity ?? ''}${s.urgentVote !== undefined && s.urgentOverHoldBack === false ? ' not held' : ''}`;
      lines.push(`${label.padEnd(22)}${pct(f.urgentRecall)}${pct(f.falseAlarms)}   ${pct(u.urgentRecall)}${pct(u.falseAlarms)}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function* noAnswerGrid(base: BlendSettings): Generator<BlendSettings> {
  for (const noAnswerSure of [undefined, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) yield { ...base, noAnswerSure };
}

function* shortAnswerGrid(base: BlendSettings): Generator<BlendSettings> {
  for (const shortAnswerSimilarity of [undefined, 0.5, 0.6, 0.7, 0.8, 0.9]) yield { ...base, shortAnswerSimilarity };
}

function* urgentGrid(base: BlendSettings): Generator<BlendSettings> {
  yield { ...base, urgentVote: undefined, urgentSimilarity: undefined };
  for (const urgentOverHoldBack of [true, false]) {
    for (const urgentVote of [0.4, 0.5, 0.6, 0.7, 0.8]) for (const urgentSimilarity of [0.3, 0.4, 0.5, 0.6]) yield { ...base, urgentVote, urgentSimilarity, urgentOverHoldBack };
  }
}

const holdoutAt = process.argv.indexOf('--holdout');
if (holdoutAt >= 0) await holdout(process.argv[holdoutAt + 1] ?? '');
else await main();
