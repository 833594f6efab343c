// The machine-readable answer of `npm run ask -- --json`, also used by the benchmark.
import type { Answer } from './knowledge-base';

export interface JsonAnswer {
  question: string;
  /** Acute danger now: the acute route is first. */
  urgent: boolean;
  /** A danger word without a clear "now": the card opens with "Is er nu direct gevaar? Bel 112". */
  alert: boolean;
  results: Array<{ id: string; title: string; type: string; score: number }>;
}

export function toJsonAnswer(question: string, answer: Answer): JsonAnswer {
  return {
    question,
    urgent: answer.urgent,
    alert: answer.alert,
    results: answer.results.map(({ item, score }) => ({ id: item.id, title: item.title, type: item.type, score })),
  };
}
