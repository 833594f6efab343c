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

export const dutch = (lunr as unknown as { nl: DutchLunr }).nl;

/** The Dutch stem of one folded word, as the index stores it. */
export function stemDutch(word: string): string {
  const token = new lunr.Token(word, {});
  const stemmed = dutch.stemmer(token, 0, [token]) as lunr.Token;
  return stemmed.toString();
}

/** True when lunr-languages counts the word as a Dutch stop word. */
export function isDutchStopWord(word: string): boolean {
  const token = new lunr.Token(word, {});
  return dutch.stopWordFilter(token, 0, [token]) === undefined;
}

export { lunr };
