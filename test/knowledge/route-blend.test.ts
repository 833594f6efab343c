// blendRoutes, modelSuggestsDanger and modelSuggestsUrgency: when lunr, the phrasing model, or both answer, how they rank, and when the model raises danger.
import { describe, expect, it } from 'vitest';
import type { PhrasingVerdict } from '../../knowledge/phrasing-model';
import { blendRoutes, DEFAULT_BLEND, KNN_BLEND, LINEAR_ANSWER_WORDS, LUNR_ONLY, modelSuggestsDanger, modelSuggestsUrgency, withLinear, type BlendSettings, type LunrCandidate } from '../../knowledge/route-blend';

const verdict = (changes: Partial<PhrasingVerdict> = {}): PhrasingVerdict => ({ items: [], noAnswer: 0, danger: 0, dangerKind: null, urgent: 0, urgentKind: null, nearest: 0, words: 5, ...changes });
const hit = (id: string, score: number, confident = true, topical = true): LunrCandidate => ({ id, score, confident, topical });
const ids = (routes: Array<{ id: string }>) => routes.map((r) => r.id);

/** Round numbers that make the arithmetic easy to follow. */
const SETTINGS: BlendSettings = {
  modelWeight: 0.5,
  lunrScale: 10,
  answerVote: 0.4,
  answerSimilarity: 0.3,
  answerAloneSimilarity: 0.6,
  noAnswerVote: 0.5,
  keepLunrScore: 15,
  listVote: 0.25,
  alertVote: 0.8,
  alertSimilarity: 0.4,
};

describe('blendRoutes: who answers', () => {
  it('answers nothing when neither lunr is confident nor the model answers', () => {
    expect(blendRoutes([hit('a', 5, false)], verdict({ items: [{ id: 'a', vote: 0.3, nearest: 0.9 }] }), SETTINGS)).toEqual([]);
    expect(blendRoutes([], verdict(), SETTINGS)).toEqual([]);
  });

  it('lists every confident lunr hit, and not the unconfident ones', () => {
    const routes = blendRoutes([hit('a', 12), hit('b', 8), hit('c', 6, false)], verdict(), SETTINGS);
    expect(ids(routes)).toEqual(['a', 'b']);
  });

  it('lets the model answer alone with enough vote and similarity and a topic word lunr found in the item', () => {
    const lunr = [hit('a', 3, false, true)];
    const model = verdict({ items: [{ id: 'a', vote: 0.5, nearest: 0.4 }] });
    expect(ids(blendRoutes(lunr, model, SETTINGS))).toEqual(['a']);
  });

  it('without a topic word, the model answers alone only from answerAloneSimilarity', () => {
    const lunr = [hit('a', 3, false, false)];
    expect(blendRoutes(lunr, verdict({ items: [{ id: 'a', vote: 0.5, nearest: 0.59 }] }), SETTINGS)).toEqual([]);
    expect(ids(blendRoutes(lunr, verdict({ items: [{ id: 'a', vote: 0.5, nearest: 0.6 }] }), SETTINGS))).toEqual(['a']);
  });

  it('does not let the model answer below answerVote, below answerSimilarity, or when "no answer" outvotes it', () => {
    const lunr = [hit('a', 3, false, true)];
    expect(blendRoutes(lunr, verdict({ items: [{ id: 'a', vote: 0.39, nearest: 0.9 }] }), SETTINGS)).toEqual([]);
    expect(blendRoutes(lunr, verdict({ items: [{ id: 'a', vote: 0.5, nearest: 0.29 }] }), SETTINGS)).toEqual([]);
    expect(blendRoutes(lunr, verdict({ items: [{ id: 'a', vote: 0.45, nearest: 0.9 }], noAnswer: 0.45 }), SETTINGS)).toEqual([]);
  });

  it('withholds lunr\'s answer when the neighbours vote "no answer", unless lunr\'s best score reaches keepLunrScore', () => {
    const noAnswer = verdict({ noAnswer: 0.5 });
    expect(blendRoutes([hit('a', 14.9)], noAnswer, SETTINGS)).toEqual([]);
    expect(ids(blendRoutes([hit('a', 15)], noAnswer, SETTINGS))).toEqual(['a']);
    expect(ids(blendRoutes([hit('a', 14.9)], verdict({ noAnswer: 0.49 }), SETTINGS))).toEqual(['a']);
  });

  it('turns away even a strong lunr hit when both models are at least noAnswerSure sure there is no answer', () => {
    const sure = { ...SETTINGS, noAnswerSure: 0.2 };
    const both = (knn: number, lin: number) => verdict({ noAnswer: knn, linear: { items: [], noAnswer: lin, words: 5 } });
    expect(blendRoutes([hit('a', 40)], both(0.2, 0.9), sure)).toEqual([]);
    // One model alone is not enough, nor is it without the setting, nor without a linear classifier.
    expect(ids(blendRoutes([hit('a', 40)], both(0.19, 0.9), sure))).toEqual(['a']);
    expect(ids(blendRoutes([hit('a', 40)], both(0.9, 0.19), sure))).toEqual(['a']);
    expect(ids(blendRoutes([hit('a', 40)], both(0.9, 0.9), SETTINGS))).toEqual(['a']);
    expect(ids(blendRoutes([hit('a', 40)], verdict({ noAnswer: 0.9 }), sure))).toEqual(['a']);
    // What the caller must list (a second need beside acute danger) stays listed.
    expect(ids(blendRoutes([hit('a', 40)], both(0.9, 0.9), sure, ['x']))).toEqual(['x']);
  });

  it('never answers on the neighbours alone for one or two word stems without a topic word lunr finds', () => {
    const near = (words: number) => verdict({ items: [{ id: 'a', vote: 0.9, nearest: 0.9 }], words });
    expect(blendRoutes([], near(LINEAR_ANSWER_WORDS - 1), SETTINGS)).toEqual([]);
    expect(ids(blendRoutes([], near(LINEAR_ANSWER_WORDS), SETTINGS))).toEqual(['a']);
    // With the topic word in lunr's hit, a short question is answered.
    expect(ids(blendRoutes([hit('a', 5, false)], near(1), SETTINGS))).toEqual(['a']);
  });

  it('always lists alsoList, even when nothing else answers', () => {
    expect(blendRoutes([], verdict(), SETTINGS, ['x'])).toEqual([{ id: 'x', score: 0 }]);
  });
});

describe('blendRoutes: what is listed beside the answer', () => {
  it('adds model items from listVote once someone answers, and never on its own', () => {
    const model = verdict({ items: [{ id: 'm', vote: 0.25, nearest: 0.2 }, { id: 'n', vote: 0.24, nearest: 0.2 }] });
    expect(ids(blendRoutes([hit('a', 12)], model, SETTINGS))).toEqual(['a', 'm']);
    expect(blendRoutes([hit('a', 12, false)], model, SETTINGS)).toEqual([]);
  });

  it('lists the model\'s own answer even below listVote', () => {
    const settings = { ...SETTINGS, answerVote: 0.2, listVote: 0.9 };
    const model = verdict({ items: [{ id: 'm', vote: 0.3, nearest: 0.7 }] });
    expect(ids(blendRoutes([], model, settings))).toEqual(['m']);
  });
});

describe('blendRoutes: scores', () => {
  it('blends lunr relative to its best score (at least lunrScale) with the model vote, best first', () => {
    const lunr = [hit('a', 20), hit('b', 10)];
    const model = verdict({ items: [{ id: 'b', vote: 0.8, nearest: 0.9 }] });
    const routes = blendRoutes(lunr, model, SETTINGS);
    // a: 0.5 × 20/20 + 0.5 × 0 = 0.5; b: 0.5 × 10/20 + 0.5 × 0.8 = 0.65
    expect(routes.map((r) => r.id)).toEqual(['b', 'a']);
    expect(routes[0]!.score).toBeCloseTo(0.65);
    expect(routes[1]!.score).toBeCloseTo(0.5);
  });

  it('divides a weak best lunr score by lunrScale, so it is no 1.0', () => {
    const [route] = blendRoutes([hit('a', 4)], verdict(), SETTINGS);
    expect(route!.score).toBeCloseTo(0.5 * (4 / 10));
  });

  it('with LUNR_ONLY, ranks by lunr alone and never lets the model answer or list', () => {
    const model = verdict({ items: [{ id: 'm', vote: 1, nearest: 1 }, { id: 'b', vote: 0.99, nearest: 1 }] });
    expect(blendRoutes([hit('a', 3, false)], model, LUNR_ONLY)).toEqual([]);
    const routes = blendRoutes([hit('a', 30), hit('b', 20)], model, LUNR_ONLY);
    expect(ids(routes)).toEqual(['a', 'b']);
    expect(routes[0]!.score).toBeCloseTo(1);
    expect(routes[1]!.score).toBeCloseTo(20 / 30);
  });
});

describe('the linear classifier in the blend', () => {
  const LINEAR: BlendSettings = { ...SETTINGS, linearWeight: 0.5, linearNoAnswer: 0.5 };
  const linear = (items: Record<string, number>, noAnswer = 0, words = 5) => ({ items: Object.entries(items).map(([id, probability]) => ({ id, probability })), noAnswer, words });

  it('mixes each item\'s vote with its probability, and "no answer" likewise; similarity and danger stay the neighbours\'', () => {
    const knn = verdict({ items: [{ id: 'a', vote: 0.8, nearest: 0.5 }, { id: 'b', vote: 0.2, nearest: 0.4 }], noAnswer: 0.4, danger: 0.3, nearest: 0.5, linear: linear({ b: 0.9, c: 0.1, d: 0.001 }, 0) });
    const mixed = withLinear(knn, LINEAR);
    expect(mixed.items.map((i) => [i.id, i.vote, i.nearest])).toEqual([
      ['b', 0.55, 0.4],
      ['a', 0.4, 0.5],
      ['c', 0.05, 0], // only the linear classifier has it: no similarity known
    ]);
    expect(mixed.noAnswer).toBeCloseTo(0.2);
    expect(mixed.danger).toBe(0.3);
    expect(mixed.nearest).toBe(0.5);
  });

  it('takes an item\'s similarity from nearestOf when the neighbours gave it no vote', () => {
    const knn = verdict({ items: [], nearestOf: new Map([['c', 0.33]]), linear: linear({ c: 1 }) });
    expect(withLinear(knn, LINEAR).items).toEqual([{ id: 'c', vote: 0.5, nearest: 0.33 }]);
  });

  it('changes nothing without linearWeight or without a linear verdict', () => {
    const knn = verdict({ items: [{ id: 'a', vote: 0.8, nearest: 0.5 }], linear: linear({ b: 1 }) });
    expect(withLinear(knn, SETTINGS)).toBe(knn);
    const without = verdict({ items: [{ id: 'a', vote: 0.8, nearest: 0.5 }] });
    expect(withLinear(without, LINEAR)).toBe(without);
  });

  it('ranks by the mixed vote: the linear classifier can turn the neighbours\' order around', () => {
    const lunr = [hit('a', 10), hit('b', 10)];
    const knn = verdict({ items: [{ id: 'a', vote: 0.6, nearest: 0.5 }, { id: 'b', vote: 0.4, nearest: 0.5 }] });
    expect(ids(blendRoutes(lunr, knn, LINEAR))).toEqual(['a', 'b']);
    expect(ids(blendRoutes(lunr, { ...knn, linear: linear({ a: 0.1, b: 0.9 }) }, LINEAR))).toEqual(['b', 'a']);
  });

  it('answers alone from linearAnswer when the linear classifier is that sure of the best item, even with little similarity', () => {
    const lunr = [hit('a', 3, false, false)];
    const knn = verdict({ items: [{ id: 'a', vote: 0.6, nearest: 0.2 }], linear: linear({ a: 0.8 }, 0.1) });
    expect(blendRoutes(lunr, knn, LINEAR)).toEqual([]);
    expect(ids(blendRoutes(lunr, knn, { ...LINEAR, linearAnswer: 0.7 }))).toEqual(['a']);
    expect(blendRoutes(lunr, knn, { ...LINEAR, linearAnswer: 0.9 })).toEqual([]);
    // Not when "no answer" is likelier, nor below linearAnswerSimilarity, nor for a question of one or two words.
    expect(blendRoutes(lunr, { ...knn, linear: linear({ a: 0.45 }, 0.55) }, { ...LINEAR, linearAnswer: 0.4 })).toEqual([]);
    expect(blendRoutes(lunr, knn, { ...LINEAR, linearAnswer: 0.7, linearAnswerSimilarity: 0.21 })).toEqual([]);
    expect(ids(blendRoutes(lunr, knn, { ...LINEAR, linearAnswer: 0.7, linearAnswerSimilarity: 0.2 }))).toEqual(['a']);
    expect(ids(blendRoutes(lunr, { ...knn, linear: linear({ a: 0.8 }, 0.1, LINEAR_ANSWER_WORDS) }, { ...LINEAR, linearAnswer: 0.7 }))).toEqual(['a']);
    expect(blendRoutes(lunr, { ...knn, linear: linear({ a: 0.8 }, 0.1, LINEAR_ANSWER_WORDS - 1) }, { ...LINEAR, linearAnswer: 0.7 })).toEqual([]);
  });

  it('answers a question of one or two words when both models name the same item and a phrasing is that near (shortAnswerSimilarity)', () => {
    // "radicaliseringsadviseur gemeente": lunr finds only a part of a compound, which is no topic word.
    const lunr = [hit('a', 3, false, false)];
    const short = verdict({ items: [{ id: 'a', vote: 0.9, nearest: 0.85 }], words: 2, linear: linear({ a: 0.9 }, 0.05, 2) });
    expect(blendRoutes(lunr, short, LINEAR)).toEqual([]);
    expect(ids(blendRoutes(lunr, short, { ...LINEAR, shortAnswerSimilarity: 0.8 }))).toEqual(['a']);
    expect(blendRoutes(lunr, short, { ...LINEAR, shortAnswerSimilarity: 0.9 })).toEqual([]);
    // Not when the linear classifier names another item, nor when "no answer" outweighs the item in the mixed vote.
    expect(blendRoutes(lunr, { ...short, linear: linear({ b: 0.6, a: 0.3 }, 0.05, 2) }, { ...LINEAR, shortAnswerSimilarity: 0.8 })).toEqual([]);
    expect(blendRoutes(lunr, { ...short, items: [{ id: 'a', vote: 0.45, nearest: 0.85 }], noAnswer: 0.55, linear: linear({ a: 0.35 }, 0.6, 2) }, { ...LINEAR, shortAnswerSimilarity: 0.8 })).toEqual([]);
  });
});

describe('modelSuggestsDanger', () => {
  it('needs both the danger vote and the similarity', () => {
    expect(modelSuggestsDanger(verdict({ danger: 0.8, nearest: 0.4 }), SETTINGS)).toBe(true);
    expect(modelSuggestsDanger(verdict({ danger: 0.79, nearest: 0.9 }), SETTINGS)).toBe(false);
    expect(modelSuggestsDanger(verdict({ danger: 1, nearest: 0.39 }), SETTINGS)).toBe(false);
  });

  it('is off with LUNR_ONLY (no share can reach 2)', () => {
    expect(modelSuggestsDanger(verdict({ danger: 1, nearest: 1 }), LUNR_ONLY)).toBe(false);
  });
});

describe('modelSuggestsUrgency', () => {
  const URGENT = { ...SETTINGS, urgentVote: 0.7, urgentSimilarity: 0.4 };
  it('needs both the vote of phrasings about acute danger now and the similarity', () => {
    expect(modelSuggestsUrgency(verdict({ urgent: 0.7, urgentKind: 'acute-suicide', nearest: 0.4 }), URGENT)).toBe(true);
    expect(modelSuggestsUrgency(verdict({ urgent: 0.69, nearest: 0.9 }), URGENT)).toBe(false);
    expect(modelSuggestsUrgency(verdict({ urgent: 1, nearest: 0.39 }), URGENT)).toBe(false);
  });

  it('needs a question of more than where it happens: one or two word stems never make it urgent', () => {
    expect(modelSuggestsUrgency(verdict({ urgent: 1, nearest: 1, words: LINEAR_ANSWER_WORDS - 1 }), URGENT)).toBe(false);
    expect(modelSuggestsUrgency(verdict({ urgent: 1, nearest: 1, words: LINEAR_ANSWER_WORDS }), URGENT)).toBe(true);
  });

  it('is off when the settings leave it unset (the rules alone decide)', () => {
    expect(modelSuggestsUrgency(verdict({ urgent: 1, nearest: 1 }), KNN_BLEND)).toBe(false);
    expect(DEFAULT_BLEND.urgentVote).toBeDefined();
  });
});

describe('the settings', () => {
  it('LUNR_ONLY differs from KNN_BLEND only in switching the model off', () => {
    expect(LUNR_ONLY).toEqual({ ...KNN_BLEND, modelWeight: 0, answerVote: 2, noAnswerVote: 2, listVote: 2, alertVote: 2 });
    expect(LUNR_ONLY.linearWeight ?? 0).toBe(0);
    expect(LUNR_ONLY.linearAnswer).toBeUndefined();
  });

  it('DEFAULT_BLEND is KNN_BLEND with the linear classifier mixed in, the model as a net for urgency and a sure "no answer"', () => {
    const { modelWeight: _m, linearWeight: _w, linearNoAnswer: _n, linearAnswer: _a, linearAnswerSimilarity: _s, urgentVote: _u, urgentSimilarity: _us, urgentOverHoldBack: _uh, noAnswerSure: _ns, shortAnswerSimilarity: _sa, ...rest } = DEFAULT_BLEND;
    const { modelWeight: _km, ...knn } = KNN_BLEND;
    expect(rest).toEqual(knn);
    expect(DEFAULT_BLEND.linearAnswerSimilarity).toBeLessThan(DEFAULT_BLEND.answerAloneSimilarity);
    expect(DEFAULT_BLEND.linearWeight).toBeGreaterThan(0);
    expect(DEFAULT_BLEND.linearWeight).toBeLessThanOrEqual(1);
  });

  it('DEFAULT_BLEND keeps the safety net stricter than listing, and answering alone stricter than answering', () => {
    expect(DEFAULT_BLEND.alertVote).toBeGreaterThan(DEFAULT_BLEND.listVote);
    expect(DEFAULT_BLEND.answerAloneSimilarity).toBeGreaterThan(DEFAULT_BLEND.answerSimilarity);
    expect(DEFAULT_BLEND.modelWeight).toBeGreaterThan(0);
    expect(DEFAULT_BLEND.modelWeight).toBeLessThan(1);
  });
});
