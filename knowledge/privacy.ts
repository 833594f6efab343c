// Finds personal data that staff paste into chat and replaces it with a label, so that only the
// masked text is ever searched, logged or stored. It runs on what users type (questions, answers to
// colleagues, agenda topics), never on our own content.
//
// Every pattern runs in time linear in the text: each may only start where a run of its characters
// starts (a lookbehind, tried after a lookahead for its first character: the cheap test first), every
// repetition is bounded, and no two parts of a pattern can take the same characters, so a failed attempt
// costs a few steps, not a rescan of the rest of the message.
// test/knowledge/privacy.test.ts masks 100,000 characters of each hostile shape and lists the false
// positives we accept.

export type PersonalDataKind = 'bsn' | 'telefoon' | 'email' | 'geboortedatum' | 'datum' | 'adres' | 'iban';

export interface MaskResult {
  /** The text with each piece of personal data replaced by a label such as [BSN]: safe to store. */
  masked: string;
  /** The text with personal data left out entirely: what search sees (a label's words would match routes). */
  searchable: string;
  found: PersonalDataKind[];
}

const LABELS: Record<PersonalDataKind, string> = {
  bsn: '[BSN]',
  telefoon: '[telefoonnummer]',
  email: '[e-mail]',
  geboortedatum: '[geboortedatum]',
  datum: '[datum]',
  adres: '[adres]',
  iban: '[IBAN]',
};

interface MaskPattern {
  kind: PersonalDataKind;
  pattern: RegExp;
  /** The first capture group is the words that announce the data ("bsn: "): it stays, the rest is masked. */
  keepPrefix?: boolean;
  /** Whether a match is personal data after all (the elfproef, a checksum, the words before it). */
  accept?: (match: RegExpExecArray, text: string) => boolean;
  /** A date is a birth date only when the words before it say so ("geboren 12-3-85"); otherwise [datum]. */
  birthDate?: true;
}

const LATIN = 'A-Za-z\\u00C0-\\u024F';
const MONTHS = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const MONTH = '(?:0?[1-9]|1[0-2])';
// Between the digits of a phone number: nothing, a space, a dot, or a dash with spaces around it.
// Each separator can be read one way only, so a number that does not fit fails at once.
const SEP = '(?:[ \\u00a0]?-[ \\u00a0]?|[ \\u00a0.])?';
/** A house number with its addition: 12, 12a, 12 A, 12-a, 12-1 (not 5.2.6, not 10:00, not 123456). */
const HOUSE_NUMBER = '\\d{1,5}(?:-\\d{1,3}|[ -]?[a-zA-Z](?![\\p{L}\\p{N}]))?(?!\\p{N}|[.,:-]\\p{N})';
const STREET_SUFFIXES = ['straat', 'laan', 'weg', 'plein', 'singel', 'gracht', 'kade', 'dijk', 'dreef', 'hof', 'pad', 'steeg', 'park', 'plantsoen', 'ring', 'baan', 'markt', 'wal', 'allee', 'boulevard', 'erf'];

// "Neude 11 Utrecht" is an address; "Artikel 5 Wmo", "Groep 7 Zeist" and "Ongeveer 20 Polen" are not.
const NOT_A_STREET = new Set(
  (
    'artikel art lid hoofdstuk paragraaf afdeling titel bijlage boek deel groep klas kamer lokaal zaal week weken dag dagen maand maanden jaar jaren ' +
    'stap stappen fase niveau versie pagina blz nummer nr bus lijn tram route team uur minuten kwartaal punt agendapunt vraag casus zaak dossier ' +
    'ronde tafel loket balie zone gebouw verdieping etage ingang spoor perron bed unit sprint editie seizoen wet wmo jeugdwet participatiewet ' +
    'ongeveer rond sinds vanaf tot na voor over om al nog met zo bijna ruim circa ca zeker maar dan ook van tussen binnen per elke alle nu op in aan bij uit ' +
    'de het een en of dat die dit er is was zijn heeft hebben wij zij ze hij ik je we u mijn onze hun hier daar toen wel niet geen meer minder'
  ).split(' '),
);
const NOT_A_PLACE = new Set(['sr', 'sv', 'bw', 'awb', 'wmo', 'wet', 'jeugdwet', 'participatiewet', 'wvggz', 'wzd', 'lid', 'sub', 'en', 'of', 'euro', 'uur', 'jaar', 'dagen', 'weken']);

const COMMON_TWO_LETTER_WORDS = new Set(['is', 'en', 'de', 'in', 'op', 'te', 'om', 'er', 'al', 'zo', 'nu', 'ze', 'we', 'je', 'of', 'na', 'af', 'ik', 'ja', 'het', 'an', 'at', 'to', 'tm', 'uw', 'wo', 'do', 'vr', 'za', 'zo', 'ma', 'di']);

/** Up to 40 characters before a match, lower case: the words that say what a date is. */
const wordsBefore = (m: RegExpExecArray, text: string) => text.slice(Math.max(0, m.index - 40), m.index).toLowerCase();

const isYear = (digits: string) => /^(?:19|20)\d{2}$/.test(digits);

// A date written out ("12 maart 1985") is masked unless the words before it say when something took
// effect ("per 1 maart 2025", "sinds 12 mei 2021"); "1 januari 2021" and "1 juli 2024" are kept too, as
// the government's fixed dates for new rules. After "geboren" or "geb." every date is masked.
const BIRTH_CONTEXT = /(?:geboren|geb\.?|geboortedatum|geb\.?datum|gebdat|dob)[\s:,(]*(?:op\s+|is\s+)?$/;
const EFFECT_CONTEXT = /(?:^|[^\p{L}])(?:per|sinds|vanaf|tot|t\/m|tot en met|m\.i\.v\.|met ingang van|uiterlijk|voor|vóór|na)\s+$/u;

// Order matters: e-mail, IBAN and "bsn: …" before the patterns that would take their digits; a date is
// never part of a longer run of digits (06-12-34-56-78 is a phone number); addresses before BSN and
// phone (house numbers), and the street without a suffix after the postcode ("Neude 11, [adres] Utrecht").
const PATTERNS: ReadonlyArray<MaskPattern> = [
  // E-mail in Latin letters (with accents): without the unicode flag this is ten times faster on text
  // full of emoji, and Dutch addresses are written so.
  {
    kind: 'email',
    pattern: new RegExp(`(?=[${LATIN}0-9._%+-])(?<![${LATIN}0-9._%+-])[${LATIN}0-9._%+-]{1,64}@[${LATIN}0-9-]{1,63}(?:\\.[${LATIN}0-9-]{1,63}){0,8}\\.[${LATIN}]{2,24}`, 'g'),
  },
  // IBAN: "NL91 ABNA 0417 1643 00", "nl91abna0417164300"; the checksum keeps other codes out.
  {
    kind: 'iban',
    pattern: /(?=[a-z])(?<![\p{L}\p{N}])[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?(?![\p{L}\p{N}])/giu,
    accept: (m) => isValidIban(m[0]),
  },
  // "BSN 123456789", "bsn: 111.222.333", "BSN111222333": after the word, any eight or nine digits
  // (a mistyped BSN is still one); the word itself stays.
  {
    kind: 'bsn',
    pattern: /(?=[bs])(?<![\p{L}])((?:bsn|burgerservicenummer|sofi)(?:-?nummer|-?nr\.?)?\s{0,3}(?::|=|is)?\s{0,3})(\d(?:[ .-]?\d){7,8})(?!\p{N}|[.-]\p{N})/giu,
    keepPrefix: true,
  },
  // Dates: 12-3-85, 3/4/1980, 03.04.1980, 1985-03-12 (always masked) and 12 maart 1985; not 5.2.6, 30-100, 24/7.
  {
    kind: 'datum',
    birthDate: true,
    pattern: new RegExp(`(?=\\d)(?<![\\p{N}./-])${DAY}(?:-${MONTH}-|/${MONTH}/)(?:(?:19|20)\\d{2}|\\d{2})(?!\\p{N}|[-/.]\\p{N})`, 'gu'),
  },
  {
    kind: 'datum',
    birthDate: true,
    pattern: new RegExp(`(?=\\d)(?<![\\p{N}./-])${DAY}\\.${MONTH}\\.(?:19|20)\\d{2}(?!\\p{N}|[-/.]\\p{N})`, 'gu'),
  },
  { kind: 'datum', birthDate: true, pattern: /(?=\d)(?<![\p{N}./-])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\p{N})/gu },
  {
    kind: 'datum',
    birthDate: true,
    pattern: new RegExp(`(?=\\d)(?<![\\p{N}])(${DAY})[ \\u00a0]{1,2}(${MONTHS})\\.?[ \\u00a0]{1,2}(?:19|20)\\d{2}(?!\\p{N})`, 'giu'),
    accept: (m, text) => {
      const before = wordsBefore(m, text);
      if (BIRTH_CONTEXT.test(before)) return true;
      const fixedDate = Number(m[1]) === 1 && /^(?:januari|jan|juli|jul)$/i.test(m[2]!);
      return !fixedDate && !EFFECT_CONTEXT.test(before);
    },
  },
  // Postcode + huisnummer ("1234 AB 12", "1234AB, 12a").
  {
    kind: 'adres',
    pattern: /\b[1-9]\d{3} ?([A-Za-z]{2})\b(?:,? ?\d{1,5} ?[a-zA-Z]?\b)?/g,
    // "in 2024 is" is a year and a word, not a postcode; postcodes never use SA, SD or SS.
    accept: (m) => {
      const letters = m[1]!;
      return !['SA', 'SD', 'SS'].includes(letters.toUpperCase()) && !(m[0][4] === ' ' && COMMON_TWO_LETTER_WORDS.has(letters.toLowerCase()));
    },
  },
  // An address after "woont op/aan", "adres:", "verhuisd naar": "woont aan de Laan van Vollenhove 12".
  {
    kind: 'adres',
    pattern: new RegExp(
      `(?=[waiv])(?<![\\p{L}])((?:(?:woont|wonend|wonende|woonachtig|verblijft|ingeschreven)[ \\u00a0]{1,3}(?:op|aan)|woonadres|adres|verhuisd naar|verhuist naar)[ \\u00a0]{0,3}(?::|is)?[ \\u00a0]{1,3})(?:[\\p{L}'.-]{1,40}[ \\u00a0]{1,3}){1,4}(${HOUSE_NUMBER})`,
      'giu',
    ),
    keepPrefix: true,
    accept: (m) => !isYear(m[2]!),
  },
  // Street + number, in any case: "Dorpsstraat 12", "dorpsstraat 12a", "Oude Gracht 3" (not "op straat 12").
  {
    kind: 'adres',
    // The lookbehind after the word checks its suffix without a call per "word number" pair.
    pattern: new RegExp(`(?=['\\p{L}])(?<![\\p{L}\\p{N}_'-])((?:'s-)?\\p{L}[\\p{L}'-]{0,40})(?<=${STREET_SUFFIXES.join('|')})[ \\u00a0]{1,3}${HOUSE_NUMBER}`, 'giu'),
    // A suffix alone is a street only when capitalised ("Oude Gracht 3"): "op straat 12 jongeren" is not.
    accept: (m) => {
      const word = m[1]!;
      const lower = word.toLowerCase();
      return STREET_SUFFIXES.some((suffix) => lower.endsWith(suffix) && (lower.length > suffix.length || word[0] !== lower[0]));
    },
  },
  // A street without a suffix, recognised by the place after its number: "Neude 11 Utrecht", "Neude 11, 's-Hertogenbosch".
  {
    kind: 'adres',
    pattern: new RegExp(`(?=\\p{Lu})(?<![\\p{L}\\p{N}_'-])(\\p{Lu}\\p{Ll}[\\p{L}'-]{0,40})[ \\u00a0]{1,3}(${HOUSE_NUMBER})(?=,?[ \\u00a0]{1,3}(\\p{Lu}\\p{Ll}{1,40}|'s-|\\[adres\\]))`, 'gu'),
    accept: (m) => !NOT_A_STREET.has(m[1]!.toLowerCase()) && !isYear(m[2]!.replace(/\D.*$/, '')) && !NOT_A_PLACE.has(m[3]!.toLowerCase()),
  },
  // Dutch phone numbers in every notation: 06-12345678, 06 12 34 56 78, (030) 123 45 67, 030-1234567,
  // +31 6 12345678, +31 (0)30 123 4567, 0031612345678; foreign numbers with their country code.
  // Not 112, 113, 0800-2000 or 0900-8844 (too short), nor other 0800/0900 service numbers.
  { kind: 'telefoon', pattern: new RegExp(`(?=[+0])(?<![\\p{N}+])(?:\\+|00)[ ]?31${SEP}(?:\\(0\\)${SEP})?[1-9](?:${SEP}\\d){8}(?!\\p{N})`, 'gu') },
  { kind: 'telefoon', pattern: new RegExp(`(?=\\+)(?<![\\p{N}+])\\+(?!31)[1-9]\\d{0,2}(?:${SEP}\\d){6,12}(?!\\p{N})`, 'gu') },
  {
    kind: 'telefoon',
    pattern: new RegExp(
      `(?=[(0])(?<![\\p{N}+])(?:\\(0[1-9]\\)(?:${SEP}\\d){8}|\\(0[1-9]\\d\\)(?:${SEP}\\d){7}|\\(0[1-9]\\d{2}\\)(?:${SEP}\\d){6}|0[1-9](?:${SEP}\\d){8})(?!\\p{N})`,
      'gu',
    ),
    accept: (m) => !/^0(?:800|900|906|909)/.test(m[0].replace(/\D/g, '')),
  },
  // BSN without the word: nine digits (or eight, a leading zero dropped) that pass the elfproef,
  // written 111222333, 111 222 333, 111-222-333, 111.222.333 or 1112.22.333.
  {
    kind: 'bsn',
    pattern: /(?=\d)(?<![\p{N}])(?:\d{3}[ .-]?\d{3}[ .-]?\d{3}|\d{4}[ .]?\d{2}[ .]?\d{3}|\d{8})(?!\p{N}|[.-]\p{N})/gu,
    accept: (m) => isValidBsn(m[0].replace(/\D/g, '')),
  },
];

/** The elfproef for a burgerservicenummer: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is a multiple of 11. */
export function isValidBsn(digits: string): boolean {
  const bsn = digits.length === 8 ? `0${digits}` : digits;
  if (!/^\d{9}$/.test(bsn) || bsn === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(bsn[i]) * (9 - i);
  sum -= Number(bsn[8]);
  return sum % 11 === 0;
}

/** The IBAN check: the country code and check digits moved to the end, letters as numbers, modulo 97 is 1. */
export function isValidIban(text: string): boolean {
  const iban = text.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  let remainder = 0;
  for (const char of iban.slice(4) + iban.slice(0, 4)) {
    const value = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const ANY_LABEL = new RegExp(Object.values(LABELS).map((label) => label.replace(/[[\]]/g, '\\$&')).join('|'), 'g');

export function maskPersonalData(text: string): MaskResult {
  const found = new Set<PersonalDataKind>();
  let masked = text;
  // Every pattern but the e-mail one needs a digit, the e-mail one an @: most questions skip most patterns.
  const hasDigit = /\d/.test(text);
  const hasAt = text.includes('@');
  for (const { kind, pattern, keepPrefix, accept, birthDate } of PATTERNS) {
    if (kind === 'email' ? !hasAt : !hasDigit) continue;
    // An exec loop rather than replace() with a callback: no arguments array per candidate, which
    // counted on text with thousands of them.
    let out = '';
    let copied = 0;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(masked); m !== null; m = pattern.exec(masked)) {
      if (accept && !accept(m, masked)) continue;
      const matchKind = birthDate && BIRTH_CONTEXT.test(wordsBefore(m, masked)) ? 'geboortedatum' : kind;
      out += masked.slice(copied, m.index) + (keepPrefix ? m[1]! : '') + LABELS[matchKind];
      copied = m.index + m[0].length;
      found.add(matchKind);
    }
    if (copied > 0) masked = out + masked.slice(copied);
  }
  // Search sees no label: its words ("adres", "telefoonnummer") would match routes.
  return { masked, searchable: masked.replace(ANY_LABEL, ' '), found: [...found] };
}
