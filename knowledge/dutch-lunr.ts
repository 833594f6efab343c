// lunr with the Dutch trimmer, stop words and stemmer from lunr-languages, registered once.
import lunr from 'lunr';
import registerStemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import registerDutch from 'lunr-languages/lunr.nl.js';

registerStemmerSupport(lunr);
registerDutch(lunr);

interface DutchLunr {
  (this: lunr.Builder): void;
  stemmer: lunr.PipelineFunction;
  stopWordFilter: lunr.PipelineFunction;
}

const lunrNl = (lunr as unknown as { nl: DutchLunr }).nl;

// Words the Dutch stemmer would merge with a word of another meaning: "oudere" and "ouderen" (elderly
// people) would become "ouder", the stem of "ouders" (parents).
const STEM_EXCEPTIONS = new Map([
  ['oudere', 'oudere'],
  ['ouderen', 'oudere'],
]);

const stemmer: lunr.PipelineFunction = (token, i, tokens) => {
  const exception = STEM_EXCEPTIONS.get(token.toString());
  return exception === undefined ? lunrNl.stemmer(token, i, tokens) : token.update(() => exception);
};
lunr.Pipeline.registerFunction(stemmer, 'stemmer-nl-meldwijzer');

/** The lunr plugin: lunr-languages' Dutch pipeline with the stemmer exceptions above. */
export function dutch(this: lunr.Builder): void {
  this.use(lunrNl);
  for (const pipeline of [this.pipeline, this.searchPipeline]) {
    pipeline.after(lunrNl.stemmer, stemmer);
    pipeline.remove(lunrNl.stemmer);
  }
}

/**
 * Longer than any Dutch word the content uses (the longest compounds are about 30 letters). The Snowball
 * stemmer's work grows with the square of a word's length: a 2,000-letter "word" took half a second.
 */
const MAX_STEMMED_LENGTH = 40;

/**
 * Stems already worked out. A question's words are stemmed by the index, the phrasing model and the
 * urgency rules alike, and staff use the same few thousand words: the Snowball stemmer was a tenth of a
 * search. Bounded: emptied when full, so odd words in pasted texts cannot make it grow.
 */
const STEM_CACHE_MAX = 20_000;
const stems = new Map<string, string>();

/** The Dutch stem of one folded word, as the index stores it; a longer "word" is not a word and stays as it is. */
export function stemDutch(word: string): string {
  if (word.length > MAX_STEMMED_LENGTH) return word;
  let stem = stems.get(word);
  if (stem === undefined) {
    const token = new lunr.Token(word, {});
    stem = (stemmer(token, 0, [token]) as lunr.Token).toString();
    if (stems.size >= STEM_CACHE_MAX) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/** True when lunr-languages counts the word as a Dutch stop word. */
export function isDutchStopWord(word: string): boolean {
  const token = new lunr.Token(word, {});
  return lunrNl.stopWordFilter(token, 0, [token]) === undefined;
}

export { lunr };
