// The exact-term scorer must answer as lunr.Index.query does: same documents, bit-identical scores,
// same order of ties, same matched terms and fields. Compared on the real content's index with
// thousands of generated queries (repeated terms, unknown terms, rare and common words, many boosts).
import { describe, expect, it } from 'vitest';
import { lunr } from '../../knowledge/dutch-lunr';
import { ExactTermScorer, type TermClause } from '../../knowledge/term-scorer';
import { realKnowledgeBase } from '../helpers/knowledge-fixture';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const viaLunr = (index: lunr.Index, clauses: TermClause[]) =>
  index.query((query) => {
    for (const { term, boost } of clauses) query.term(term, { boost, usePipeline: false });
  });

describe('ExactTermScorer', async () => {
  const kb = await realKnowledgeBase();
  const index = lunr.Index.load(kb.serialized().index);
  const scorer = new ExactTermScorer(index);
  const vocabulary = Object.keys((index as unknown as { invertedIndex: object }).invertedIndex);
  const boosts = [10, 5, 3, 6, 1.5, 6 / Math.sqrt(3), 3 / Math.sqrt(7)];

  it('gives lunr.Index.query’s results for 3,000 generated queries', () => {
    const next = random(20261123);
    const pick = <T>(list: ReadonlyArray<T>) => list[Math.floor(next() * list.length)]!;
    for (let n = 0; n < 3_000; n++) {
      const clauses: TermClause[] = Array.from({ length: 1 + Math.floor(next() * 25) }, () => ({
        term: next() < 0.1 ? `onbekendwoord${Math.floor(next() * 5)}` : pick(vocabulary),
        boost: pick(boosts),
      }));
      // A term asked twice (a word and its synonym): lunr adds the boosts.
      if (next() < 0.5) clauses.push({ ...pick(clauses), boost: pick(boosts) });
      const expected = viaLunr(index, clauses).map((r) => ({ ref: r.ref, score: r.score, metadata: r.matchData.metadata }));
      const actual = scorer.query(clauses).map((r) => ({ ref: r.ref, score: r.score, metadata: r.matchData.metadata }));
      expect(actual, JSON.stringify(clauses)).toEqual(expected);
    }
  });

  it('knows exactly the index’s terms, and answers nothing for a query of unknown ones', () => {
    expect(vocabulary.every((term) => scorer.has(term))).toBe(true);
    expect(scorer.has('onbekendwoord')).toBe(false);
    expect(scorer.query([{ term: 'onbekendwoord', boost: 10 }])).toEqual([]);
  });
});
