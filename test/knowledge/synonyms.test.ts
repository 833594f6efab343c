// SynonymExpander: which groups a question's stems trigger, with small hand-made groups.
import { describe, expect, it } from 'vitest';
import { isDutchStopWord, stemDutch } from '../../knowledge/dutch-lunr';
import { NEGATION_REACH, NEGATION_WORDS, SynonymExpander, type SynonymHit } from '../../knowledge/synonyms';
import { foldedWords } from '../../knowledge/text';

const stems = (question: string) => foldedWords(question).map(stemDutch);

/** The hits for a question, with light words as the search index passes them (stop words). */
function expand(expander: SynonymExpander, question: string, light: (word: string) => boolean = isDutchStopWord): SynonymHit[] {
  const words = foldedWords(question);
  return expander.expand(words.map(stemDutch), (i) => light(words[i]!));
}

const groups = [
  ['huiselijk geweld', 'partnergeweld', 'HG'],
  ['in de war', 'verward gedrag'],
  ['komt niet meer buiten', 'zorgmijder'],
  ['zijn huis uit', 'uitzetting'],
  ['geen spoed', 'niet dringend', '0900 8844'],
];
const expander = new SynonymExpander(groups, (stem) => stem === 'huis');

describe('SynonymExpander.expand', () => {
  it('finds a phrasing of several words and offers the group\'s other phrasings\' stems', () => {
    const [hit, ...rest] = expand(expander, 'vermoeden van huiselijk geweld');
    expect(rest).toEqual([]);
    expect(hit!.positions.sort()).toEqual([2, 3]);
    expect(hit!.alternatives).toEqual([stemDutch('partnergeweld'), 'hg']);
  });

  it('matches by stem, so inflections count', () => {
    expect(expand(expander, 'huiselijke geweld')).toHaveLength(1);
    // "zijn" and "uit" are stop words: only "huis" is searched for the other phrasing.
    expect(expand(expander, 'twee uitzettingen')[0]!.alternatives).toEqual(['huis']);
  });

  it('a one-word phrasing expands to the words of the other phrasings', () => {
    const [hit] = expand(expander, 'partnergeweld');
    expect(hit!.positions).toEqual([0]);
    expect(hit!.alternatives).toEqual(['huiselijk', 'geweld', 'hg']);
  });

  it('anchors a phrasing at its meaningful words, not its stop words ("war" in "in de war")', () => {
    const [hit] = expand(expander, 'de man is in de war');
    expect(hit!.positions.sort()).toEqual([3, 4, 5]);
    expect(hit!.anchors).toEqual([5]);
  });

  it('after a stop word of the phrasing only light words may come between: "in de schuld, waar" is no "in de war"', () => {
    expect(expand(expander, 'in de schuld waar')).toEqual([]);
  });

  it('allows a small gap between a phrasing\'s words, not a large one', () => {
    expect(expand(expander, 'huiselijk en ernstig geweld')).toHaveLength(1);
    expect(expand(expander, 'huiselijk lang lang lang geweld', () => false)).toEqual([]);
    // Light words do not count towards the gap …
    expect(expand(expander, 'huiselijk x y geweld', (w) => w === 'x' || w === 'y')).toHaveLength(1);
    // … but the whole phrasing still spans at most a few words.
    expect(expand(expander, 'huiselijk a b c d e geweld', () => true)).toEqual([]);
  });

  it('matches "komt niet meer buiten" in "komt al maanden niet meer buiten"', () => {
    const [hit] = expand(expander, 'hij komt al maanden niet meer buiten');
    expect(hit!.alternatives).toEqual(['zorgmijder']);
  });

  it('marks the words a negation inside the phrasing denies, with the negation\'s position', () => {
    const [hit] = expand(expander, 'het is geen spoed');
    expect([...hit!.denied]).toEqual([[3, 2]]);
    // Only what is neither a stop word nor denied is searched: "dringend" (denied by "niet") is not.
    expect(hit!.alternatives).toEqual(['0900', '8844']);
  });

  it('marks a phrasing whose anchors are all general words as phrasal ("zijn huis uit" is no general "huis")', () => {
    const [hit] = expand(expander, 'moet zijn huis uit');
    expect(hit!.phrasal).toEqual([2]);
    expect(expand(expander, 'partnergeweld')[0]!.phrasal).toEqual([]);
  });

  it('reports every group a question triggers, once each, in group order', () => {
    const hits = expand(expander, 'verward gedrag en partnergeweld en HG');
    expect(hits).toHaveLength(2);
    expect(hits[0]!.alternatives).toEqual(['huiselijk', 'geweld']);
    expect(hits[1]!.alternatives).toEqual(['war']);
    expect(hits[0]!.positions.sort()).toEqual([3, 5]);
  });

  it('finds nothing in a question without any phrasing, nor in an empty one', () => {
    expect(expand(expander, 'parkeervergunning aanvragen')).toEqual([]);
    expect(expander.expand([])).toEqual([]);
  });

  it('survives groups with a phrasing that folds to nothing', () => {
    const odd = new SynonymExpander([['?!', 'partnergeweld', 'relatiegeweld']]);
    expect(odd.expand(stems('relatiegeweld'))[0]!.alternatives).toEqual([stemDutch('partnergeweld')]);
  });
});

describe('negation constants', () => {
  it('"niet" and "geen" deny at most two words', () => {
    expect([...NEGATION_WORDS].sort()).toEqual(['geen', 'niet']);
    expect(NEGATION_REACH).toBe(2);
    const [hit] = new SynonymExpander([['niet a b c', 'x']]).expand(['niet', 'a', 'b', 'c']);
    expect([...hit!.denied.keys()].sort()).toEqual([1, 2]);
  });
});
