// Combines the two rankings of a question: lunr's (words, synonyms, typos: precise on what the content
// and search terms name) and the phrasing model's (labelled phrasings: generalises to wordings nobody
// wrote down). Pure; the weights and thresholds come from 5-fold cross-validation (npm run bench:cv).
import type { PhrasingVerdict } from './phrasing-model';

export interface LunrCandidate {
  id: string;
  score: number;
  /** Strong enough on its own to present as the answer (see knowledge-base.ts). */
  confident: boolean;
  /** Matches one of the question's topic words (not only general words like "balie", "telefoon"). */
  topical: boolean;
}

export interface BlendSettings {
  /** Share of the model's vote in an item's blended score; the rest is lunr's score relative to the best. 0: lunr only. */
  modelWeight: number;
  /** lunr scores are divided by the best one, but never by less than this (a weak best hit is no 1.0). */
  lunrScale: number;
  /** The model answers without a confident lunr hit when its best item has at least this vote share … */
  answerVote: number;
  /** … and a phrasing at least this similar (0–1) … */
  answerSimilarity: number;
  /** … and lunr finds a topic word of the question in that item, or a phrasing is at least this similar. */
  answerAloneSimilarity: number;
  /** The neighbours' vote for "no answer" that withholds an answer, when lunr's best score is below `keepLunrScore`. */
  noAnswerVote: number;
  keepLunrScore: number;
  /** A model item is listed beside lunr's confident ones from this vote share. */
  listVote: number;
  /** Safety net, "when in doubt, show 112": the danger neighbours' vote share and similarity that give an alert. */
  alertVote: number;
  alertSimilarity: number;
}

/** Chosen by npm run bench:cv (5-fold cross-validation on the tuning data; see its output). */
export const DEFAULT_BLEND: BlendSettings = {
  modelWeight: 0.45,
  lunrScale: 20,
  answerVote: 0.4,
  answerSimilarity: 0.35,
  // Not chosen by the CV: the bot's tests ("aan de balie", a passport appointment) want no answer there.
  answerAloneSimilarity: 0.6,
  noAnswerVote: 0.5,
  keepLunrScore: 15,
  listVote: 0.25,
  // The safety net is kept strict: on the CV it adds the alert to 0.7 % more alert-kind questions for
  // 0.1 % more alerts on ordinary ones; looser settings cost more than they find.
  alertVote: 0.8,
  alertSimilarity: 0.4,
};

/** lunr's ranking alone: what findRoute did before the model (for the bench's comparison). */
export const LUNR_ONLY: BlendSettings = { ...DEFAULT_BLEND, modelWeight: 0, answerVote: 2, noAnswerVote: 2, listVote: 2, alertVote: 2 };

export interface BlendedRoute {
  id: string;
  score: number;
}

/**
 * The items to present, best first; empty when neither ranking is confident enough (or the model says
 * "no answer"). `alsoList`: items listed whatever the rankings say (a second need beside acute danger).
 */
export function blendRoutes(lunr: ReadonlyArray<LunrCandidate>, verdict: PhrasingVerdict, settings: BlendSettings, alsoList: ReadonlyArray<string> = []): BlendedRoute[] {
  const best = verdict.items[0];
  const topical = best !== undefined && lunr.some((c) => c.id === best.id && c.topical);
  const modelAnswers =
    best !== undefined &&
    best.vote >= settings.answerVote &&
    best.vote > verdict.noAnswer &&
    best.nearest >= settings.answerSimilarity &&
    (topical || best.nearest >= settings.answerAloneSimilarity);
  const lunrTop = lunr[0]?.score ?? 0;
  const lunrAnswers = lunr.some((c) => c.confident) && (verdict.noAnswer < settings.noAnswerVote || lunrTop >= settings.keepLunrScore);
  if (!modelAnswers && !lunrAnswers && alsoList.length === 0) return [];

  const scale = Math.max(lunrTop, settings.lunrScale);
  const votes = new Map(verdict.items.map((v) => [v.id, v.vote]));
  const lunrScores = new Map(lunr.map((c) => [c.id, c.score]));
  const listed = new Set<string>(alsoList);
  // Listed: what lunr is confident about, and what enough neighbours vote for (the model's own answer always).
  if (lunrAnswers) for (const c of lunr) if (c.confident) listed.add(c.id);
  if (lunrAnswers || modelAnswers) for (const v of verdict.items) if (v.vote >= settings.listVote || (modelAnswers && v === best)) listed.add(v.id);
  const blended = (id: string) => (1 - settings.modelWeight) * ((lunrScores.get(id) ?? 0) / scale) + settings.modelWeight * (votes.get(id) ?? 0);
  return [...listed].map((id) => ({ id, score: blended(id) })).sort((a, b) => b.score - a.score);
}

/** The model's safety net: its nearest neighbours are questions about danger, and near enough to trust. */
export function modelSuggestsDanger(verdict: PhrasingVerdict, settings: BlendSettings): boolean {
  return verdict.danger >= settings.alertVote && verdict.nearest >= settings.alertSimilarity;
}
