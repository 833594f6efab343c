// Masks name-like sequences before an unanswered question is stored: names are personal data too.
// A name is a run of capitalised words ("Jan Jansen", "mevrouw De Vries", "Fatima el Amrani"), with
// Dutch tussenvoegsels inside or before it ("van der Berg"), that is not a known place, gemeente,
// organisation or term. A single capitalised word at the start of a sentence is taken as an ordinary
// word ("Gisteren", "Buurvrouw"); two or more there are a name. Linear in the text: one pass over words.
import { foldText } from './text';

export const NAME_LABEL = '[naam]';

const TUSSENVOEGSELS = new Set(['van', 'de', 'der', 'den', 'het', "'t", 'ter', 'ten', 'te', 'in', 'op', 'la', 'le', 'el', 'al', 'da', 'di', 'du', 'des', 'vanden', 'vander', "d'"]);

// Words that are capitalised in Dutch writing without being a person's name. The knowledge base adds
// every capitalised word of its own content (organisations, laws, routes) and the gemeenten.
const ALWAYS_KNOWN = [
  'ik', 'mevrouw', 'meneer', 'mw', 'mevr', 'dhr', 'heer', 'familie', 'fam', 'dokter', 'dr', 'juf', 'meester', 'oma', 'opa', 'moeder', 'vader',
  'tante', 'oom', 'zoon', 'dochter', 'broer', 'zus', 'klant', 'client', 'cliente', 'huurder', 'huurster', 'buurman', 'buurvrouw', 'collega', 'inwoner',
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
  'nederland', 'nederlands', 'nederlandse', 'utrecht', 'amersfoort', 'hilversum', 'soest', 'zeist', 'amsterdam', 'rotterdam', 'den', 'haag', 'europa',
  'whatsapp', 'instagram', 'facebook', 'tiktok', 'snapchat', 'teams', 'outlook', 'google', 'signal', 'telegram', 'x',
  'meldwijzer', 'politie', 'gemeente', 'ggd', 'ggz', 'bsn', 'avg', 'wmo', 'uwv', 'svb', 'cjib', 'duo', 'ind', 'coa', 'kvk',
  'veilig', 'thuis', 'zorg', 'veiligheid', 'veiligheidshuis', 'wet', 'jeugdwet', 'opiumwet', 'participatiewet', 'sociaal', 'team', 'wijkteam',
  'buurtteam', 'jeugd', 'gezin', 'cjg', 'woningcorporatie', 'corporatie', 'kerst', 'pasen', 'pinksteren', 'koningsdag', 'ramadan', 'suriname', 'marokko', 'turkije', 'syrie', 'polen',
];

/** The words a text may capitalise without naming a person, folded. */
export function knownWordsFrom(texts: Iterable<string>): Set<string> {
  const known = new Set(ALWAYS_KNOWN);
  for (const text of texts) {
    for (const word of text.match(/\p{Lu}[\p{L}'-]*/gu) ?? []) for (const part of foldText(word).split(' ')) if (part) known.add(part);
  }
  return known;
}

const SENTENCE_END = /[.!?:;]["')\]]*$/;
// Abbreviations before a name that end in a full stop without ending the sentence ("fam. Öztürk").
const TITLE_ABBREVIATIONS = new Set(['fam.', 'mw.', 'mevr.', 'dhr.', 'hr.', 'dr.', 'mr.', 'ir.', 'drs.', 'ing.', 'st.', 'mej.']);
// Tussenvoegsels that start a surname ("mevrouw van Dijk", "de Jong"); "in" and "op" rarely do.
const LEADING_TUSSENVOEGSELS = new Set(['van', 'de', 'der', 'den', "'t", 'ter', 'ten', 'te', 'el', 'al', 'da', 'di', 'du', 'le', 'la']);

interface Word {
  text: string;
  start: number;
  end: number;
}

const OPENING = new Set(['(', '"', "'", '‘', '“', '[']);
const CLOSING = new Set([')', '"', "'", '’', '”', ',', '.', '!', '?', ':', ';', ']']);

// Where a word's leading quotes and brackets end and its trailing punctuation starts. A loop, not a
// regex: one ending in `+$` rescans a long run of dots from every position (quadratic).
function coreBounds(word: string): [number, number] {
  let start = 0;
  let end = word.length;
  while (start < end && OPENING.has(word[start]!)) start++;
  while (end > start && CLOSING.has(word[end - 1]!)) end--;
  return [start, end];
}

function core(word: string): string {
  const [start, end] = coreBounds(word);
  return word.slice(start, end);
}

export function maskNames(text: string, known: ReadonlySet<string>): string {
  const words: Word[] = [];
  for (const m of text.matchAll(/\S+/g)) words.push({ text: m[0], start: m.index!, end: m.index! + m[0].length });
  const isCapitalised = (w: Word | undefined): boolean => {
    if (!w) return false;
    const c = core(w.text);
    // Capitalised with lower case after (acronyms like GGZ are not names), or O'Brien; no digits or labels.
    return /^\p{Lu}[\p{Ll}'’-][\p{L}'’-]*$/u.test(c) || /^\p{Lu}'\p{Lu}\p{Ll}+$/u.test(c);
  };
  const isTussenvoegsel = (w: Word | undefined) => !!w && TUSSENVOEGSELS.has(core(w.text).toLowerCase());
  const isKnown = (w: Word) => foldText(core(w.text)).split(' ').every((part) => part === '' || known.has(part));
  const endsSentence = (w: Word) => SENTENCE_END.test(w.text) && !TITLE_ABBREVIATIONS.has(w.text.toLowerCase());
  const sentenceStart = (i: number) => i === 0 || endsSentence(words[i - 1]!);

  const spans: Array<[number, number]> = [];
  let i = 0;
  while (i < words.length) {
    if (!isCapitalised(words[i]) || isTussenvoegsel(words[i]) && !isCapitalised(words[i + 1])) {
      i++;
      continue;
    }
    // The run: capitalised words, with tussenvoegsels between them, within one sentence.
    let last = i;
    for (let j = i + 1; j < words.length && !endsSentence(words[j - 1]!); ) {
      let k = j;
      while (k < words.length && isTussenvoegsel(words[k]) && k - j < 3 && !endsSentence(words[k]!)) k++;
      if (!isCapitalised(words[k])) break;
      last = k;
      j = k + 1;
    }
    const unknownName = (w: Word) => isCapitalised(w) && !isTussenvoegsel(w) && !isKnown(w);
    // Found once per run, not per trimmed word: a long run of known words is one pass, not a square.
    let lastUnknown = -1;
    for (let j = i; j <= last; j++) if (unknownName(words[j]!)) lastUnknown = j;
    let first = i;
    let end = last;
    // Known words at either end are not part of the name ("Mevrouw De Vries", "Jansen uit Baarn");
    // a leading tussenvoegsel goes when no unknown name follows it.
    while (first <= end && (isTussenvoegsel(words[first]!) ? lastUnknown < first : isKnown(words[first]!))) first++;
    while (end >= first && (isKnown(words[end]!) || isTussenvoegsel(words[end]!))) end--;
    // Trimming the end removes only known words and tussenvoegsels: the unknown names stay inside.
    const hasUnknownName = lastUnknown >= first;
    if (hasUnknownName && !(first === end && sentenceStart(first))) {
      // Lower-case tussenvoegsels right before a surname belong to it ("mevrouw van Dijk"), but not
      // before a first and last name ("de dochter van Sanne Bakker").
      if (first === end) {
        while (first > 0 && !sentenceStart(first) && LEADING_TUSSENVOEGSELS.has(words[first - 1]!.text) && end - first < 3) first--;
      }
      spans.push([first, end]);
    }
    i = last + 1;
  }
  if (spans.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const [a, b] of spans) {
    const trailing = words[b]!.text.slice(coreBounds(words[b]!.text)[1]);
    const leading = words[a]!.text.slice(0, coreBounds(words[a]!.text)[0]);
    out += text.slice(cursor, words[a]!.start) + leading + NAME_LABEL + trailing;
    cursor = words[b]!.end;
  }
  return out + text.slice(cursor);
}
