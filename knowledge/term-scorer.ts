// lunr's scoring for a query of exact terms, without lunr's query machinery. lunr.Index.query builds a
// token automaton per clause and intersects it with the whole vocabulary, then walks sparse vectors per
// field; for exact terms (no wildcards, no edit distance, no pipeline) that is all lookup work, and it was
// more than half of every answer's search time. This scorer reads the same index and gives the same
// results: the same documents, the same scores to the last bit (sums run in lunr's order) and the same
// order of ties. test/knowledge/term-scorer.test.ts compares the two on every labelled question.
import type lunr from 'lunr';

export interface TermClause {
  term: string;
  boost: number;
}

/** Shaped like lunr.Index.Result: `matchData.metadata` is term → field → {} (no metadata is indexed). */
export interface ScoredRef {
  ref: string;
  score: number;
  matchData: { metadata: Record<string, Record<string, object>> };
}

interface Posting {
  /** The field vector's key in lunr's order of discovery (field order, then the posting's document order). */
  fieldRef: FieldRef;
  /** The term's weight in that field vector (BM25 with boosts, as lunr stored it). */
  weight: number;
}

interface FieldRef {
  docRef: string;
  field: string;
}

interface TermPostings {
  termIndex: number;
  postings: Posting[];
}

// lunr keeps these public on the index at run time; its type definitions leave them out.
interface LunrIndexInternals {
  invertedIndex: Record<string, Record<string, Record<string, object>> & { _index: number }>;
  fieldVectors: Record<string, { elements: number[] }>;
  fields: string[];
}

export class ExactTermScorer {
  private readonly terms = new Map<string, TermPostings>();

  constructor(index: lunr.Index) {
    const { invertedIndex, fieldVectors, fields } = index as unknown as LunrIndexInternals;
    const fieldRefs = new Map<string, FieldRef>();
    const weightsOf = new Map<string, Map<number, number>>();
    const weightIn = (key: string, termIndex: number): number => {
      let weights = weightsOf.get(key);
      if (!weights) {
        const elements = fieldVectors[key]?.elements ?? [];
        weights = new Map();
        for (let i = 0; i < elements.length; i += 2) weights.set(elements[i]!, elements[i + 1]!);
        weightsOf.set(key, weights);
      }
      return weights.get(termIndex) ?? 0;
    };
    for (const [term, posting] of Object.entries(invertedIndex)) {
      const termIndex = posting._index;
      const postings: Posting[] = [];
      for (const field of fields) {
        for (const docRef of Object.keys(posting[field] ?? {})) {
          const key = `${field}/${docRef}`;
          let fieldRef = fieldRefs.get(key);
          if (!fieldRef) fieldRefs.set(key, (fieldRef = { docRef, field }));
          postings.push({ fieldRef, weight: weightIn(key, termIndex) });
        }
      }
      this.terms.set(term, { termIndex, postings });
    }
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  /** What lunr.Index.query returns for these clauses as `query.term(term, { boost, usePipeline: false })`. */
  query(clauses: ReadonlyArray<TermClause>): ScoredRef[] {
    // The query vector: one weight per term the index knows, boosts of repeated terms added up.
    const queryWeights = new Map<string, number>();
    for (const { term, boost } of clauses) {
      if (!this.terms.has(term)) continue;
      const sum = queryWeights.get(term);
      queryWeights.set(term, sum === undefined ? boost : sum + boost);
    }
    // lunr meets field vectors in clause order, then field order, then document order.
    const seen = new Map<FieldRef, number>();
    for (const term of queryWeights.keys()) {
      for (const { fieldRef } of this.terms.get(term)!.postings) if (!seen.has(fieldRef)) seen.set(fieldRef, 0);
    }
    // Dot products and the magnitude are summed in ascending term index, as lunr's sparse vectors are.
    const byIndex = [...queryWeights].map(([term, weight]) => ({ weight, ...this.terms.get(term)! })).sort((a, b) => a.termIndex - b.termIndex);
    let sumOfSquares = 0;
    for (const { weight, postings } of byIndex) {
      sumOfSquares += weight * weight;
      for (const { fieldRef, weight: fieldWeight } of postings) seen.set(fieldRef, seen.get(fieldRef)! + weight * fieldWeight);
    }
    const magnitude = Math.sqrt(sumOfSquares);

    const matches = new Map<string, ScoredRef>();
    const results: ScoredRef[] = [];
    for (const [fieldRef, dot] of seen) {
      const score = dot / magnitude || 0;
      const match = matches.get(fieldRef.docRef);
      if (match) {
        match.score += score;
      } else {
        const created: ScoredRef = { ref: fieldRef.docRef, score, matchData: { metadata: {} } };
        matches.set(fieldRef.docRef, created);
        results.push(created);
      }
    }
    for (const term of queryWeights.keys()) {
      for (const { fieldRef } of this.terms.get(term)!.postings) ((matches.get(fieldRef.docRef)!.matchData.metadata[term] ??= {})[fieldRef.field] = {});
    }
    return results.sort((a, b) => b.score - a.score);
  }
}
