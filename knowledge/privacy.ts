// Finds personal data that staff paste into chat and replaces it with a label, so that only the
// masked text is ever searched, logged or stored.

export type PersonalDataKind = 'bsn' | 'telefoon' | 'email' | 'geboortedatum' | 'adres';

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
  adres: '[adres]',
};

const MONTHS = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec';

const COMMON_TWO_LETTER_WORDS = new Set(['is', 'en', 'de', 'in', 'op', 'te', 'om', 'er', 'al', 'zo', 'nu', 'ze', 'we', 'je', 'of', 'na', 'af', 'ik', 'ja', 'het', 'an', 'at', 'to', 'tm', 'uw', 'wo', 'do', 'vr', 'za', 'zo', 'ma', 'di']);

// Order matters: e-mail before phone (digits in addresses), address before BSN (house numbers).
const PATTERNS: ReadonlyArray<{ kind: PersonalDataKind; pattern: RegExp; accept?: (match: string) => boolean }> = [
  { kind: 'email', pattern: /[\p{L}0-9._%+-]+@[\p{L}0-9.-]+\.[\p{L}]{2,}/gu },
  // Postcode + huisnummer ("1234 AB 12", "1234AB, 12a"), and street + number ("Dorpsstraat 12").
  {
    kind: 'adres',
    pattern: /\b[1-9]\d{3} ?[A-Za-z]{2}\b(?:,? ?\d{1,5} ?[a-zA-Z]?\b)?/g,
    // "in 2024 is" is a year and a word, not a postcode; postcodes never use SA, SD or SS.
    accept: (m) => {
      const letters = /^[1-9]\d{3} ?([A-Za-z]{2})/.exec(m)![1]!;
      return !['SA', 'SD', 'SS'].includes(letters.toUpperCase()) && !(/ /.test(m.slice(4, 5)) && COMMON_TWO_LETTER_WORDS.has(letters.toLowerCase()));
    },
  },
  {
    kind: 'adres',
    pattern: /\b[\p{Lu}][\p{L}-]*(?:straat|laan|weg|plein|singel|gracht|kade|dijk|dreef|hof|pad|steeg|park|plantsoen|ring|baan|markt)\s+\d{1,5}\s?[a-zA-Z]?\b/gu,
  },
  // Dates of birth: any full date (a question about the past rarely needs one), and "geboren … 1980".
  { kind: 'geboortedatum', pattern: /\b(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)\d{2}\b/g },
  { kind: 'geboortedatum', pattern: new RegExp(`\\b(?:0?[1-9]|[12]\\d|3[01]) (?:${MONTHS})\\.? (?:19|20)\\d{2}\\b`, 'gi') },
  { kind: 'geboortedatum', pattern: /\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b/g },
  // Dutch phone numbers: 06-12345678, 030 123 4567, +31 6 1234 5678, 0031…; not 112 or 0800-2000.
  { kind: 'telefoon', pattern: /(?:\+|00)31[\s-]?(?:\(0\))?[\s-]?[1-9](?:[\s-]?\d){8}\b/g },
  { kind: 'telefoon', pattern: /\b0[1-9](?:[\s-]?\d){8}\b/g, accept: (m) => !/^0[89]00/.test(m.replace(/\D/g, '')) },
  // BSN: nine digits (or 8, with a leading zero dropped) that pass the elfproef.
  { kind: 'bsn', pattern: /\b\d{4}[.\s]?\d{2}[.\s]?\d{3}\b|\b\d{8,9}\b/g, accept: (m) => isValidBsn(m.replace(/\D/g, '')) },
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

export function maskPersonalData(text: string): MaskResult {
  const found = new Set<PersonalDataKind>();
  let masked = text;
  let searchable = text;
  for (const { kind, pattern, accept } of PATTERNS) {
    const replace = (label: string) => (match: string) => {
      if (accept && !accept(match)) return match;
      found.add(kind);
      return label;
    };
    masked = masked.replace(pattern, replace(LABELS[kind]));
    searchable = searchable.replace(pattern, replace(' '));
  }
  return { masked, searchable, found: [...found] };
}
