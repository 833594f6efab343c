// The bronnenregister (knowledge/bronnen.yaml): every phone number, legal article and date that content
// states, with the source where it was checked. Pure: the schema, and a scanner that finds the numbers,
// articles and dates in a text and reports those the register does not hold.
import { z } from 'zod/v4';
import { phoneDigits } from './meldpunt-input';
import { isoDate, phoneSchema, SOURCE_MARKS } from './schema';

const entryFields = {
  what: z.string().min(3),
  url: z.url({ protocol: /^https$/ }).optional(),
  // The title of a document we hold a copy of and that has no public address.
  seed: z.string().min(3).optional(),
  mark: z.enum(SOURCE_MARKS),
  checked: isoDate,
};
const withSource = { path: ['url'], message: 'een registerregel heeft een https-adres (url) of de titel van het document (seed)' };

const numberEntrySchema = z
  .object({ value: phoneSchema, ...entryFields })
  .strict()
  .refine((e) => e.url || e.seed, withSource);

const articleEntrySchema = z
  .object({
    value: z.string().regex(/^art\.\s*\d+[a-z]?(?:[.:]\d+[a-z]?)*\s+\S/, 'schrijf "art. <nummer> <wet>", bijvoorbeeld "art. 139 Sr"'),
    written: z.array(z.string().min(5)).default([]),
    ...entryFields,
  })
  .strict()
  .refine((e) => e.url || e.seed, withSource);

const dateEntrySchema = z
  .object({
    value: z.string().refine((v) => isoOfDate(v) !== null, 'een datum als "1 maart 2025"'),
    ...entryFields,
  })
  .strict()
  .refine((e) => e.url || e.seed, withSource);

export const bronnenSchema = z
  .object({
    numbers: z.array(numberEntrySchema),
    articles: z.array(articleEntrySchema),
    dates: z.array(dateEntrySchema),
  })
  .strict()
  .superRefine((register, ctx) => {
    const seen = new Set<string>();
    for (const [list, key] of [
      [register.numbers.map((e) => normalizedNumber(e.value)), 'numbers'],
      [register.articles.map((e) => e.value.toLowerCase()), 'articles'],
      [register.dates.map((e) => isoOfDate(e.value)!), 'dates'],
    ] as const) {
      list.forEach((value, i) => {
        if (seen.has(`${key}:${value}`)) ctx.addIssue({ code: 'custom', path: [key, i, 'value'], message: 'staat al in het register' });
        seen.add(`${key}:${value}`);
      });
    }
  });
export type Bronnen = z.infer<typeof bronnenSchema>;

export type ClaimKind = 'nummer' | 'artikel' | 'datum';

/** A number, article or date found in a text. */
export interface Claim {
  kind: ClaimKind;
  text: string;
  index: number;
}

// Anything that looks like a Dutch phone number: 112/113, 0800/0900 numbers, 0xx numbers, +31 numbers.
const PHONE_PATTERN = /(?<![\d-])(?:\+31[\d ()-]{8,16}\d|0[1-9][\d -]{6,13}\d|11[23])(?!\d)/g;
// "art. 139", "artikel 5.2.6", "artikel 13b", "art. 5:1": the article number; the law is checked by
// the registered form that must cover it.
const ARTICLE_PATTERN = /\b(?:art\.|artikel|artikelen)\s*\d+[a-z]?(?:[.:]\d+[a-z]?)*/gi;
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const DATE_PATTERN = new RegExp(`\\b(?:\\d{1,2}\\s+(?:${MONTHS.join('|')})\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}-\\d{1,2}-\\d{4})\\b`, 'gi');

/** The same number however it is written: digits only, +31 as 0. */
export function normalizedNumber(phone: string): string {
  return phoneDigits(phone).replace(/^(?:\+31|0031)/, '0');
}

/** JJJJ-MM-DD for "1 maart 2025", "2025-03-01" or "1-3-2025"; null when it is not a date. */
export function isoOfDate(text: string): string | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  let match = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})$/i.exec(text.trim());
  if (match) {
    const month = MONTHS.indexOf(match[2]!.toLowerCase()) + 1;
    return month > 0 ? `${match[3]}-${pad(month)}-${pad(Number(match[1]))}` : null;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) return text.trim();
  match = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text.trim());
  return match ? `${match[3]}-${pad(Number(match[2]))}-${pad(Number(match[1]))}` : null;
}

/**
 * The text of a content file as the scanner reads it: web addresses are left out (their digits are
 * paths, not claims), and so are the item's own review dates (`reviewed`, `reviewBefore`), which are
 * bookkeeping, not statements.
 */
export function scannableText(fileText: string): string {
  return fileText
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/^(\s*(?:reviewed|reviewBefore):).*$/gm, '$1');
}

/** Every phone number, article and date in a text, in order. */
export function findClaims(text: string): Claim[] {
  const claims: Claim[] = [];
  for (const [kind, pattern] of [
    ['nummer', PHONE_PATTERN],
    ['artikel', ARTICLE_PATTERN],
    ['datum', DATE_PATTERN],
  ] as const) {
    for (const match of text.matchAll(new RegExp(pattern.source, pattern.flags))) claims.push({ kind, text: match[0], index: match.index });
  }
  return claims.sort((a, b) => a.index - b.index);
}

export interface ScanOptions {
  /** Numbers accepted besides the register (a gemeente's own numbers, each with its bron). */
  extraNumbers?: ReadonlySet<string>;
}

/** The claims in `text` that the register does not hold. */
export function unregisteredClaims(text: string, register: Bronnen, options: ScanOptions = {}): Claim[] {
  const numbers = new Set([...register.numbers.map((e) => normalizedNumber(e.value)), ...(options.extraNumbers ?? [])]);
  const dates = new Set(register.dates.map((e) => isoOfDate(e.value)!));
  const articleSpans = spansOf(text, register.articles.flatMap((e) => [e.value, ...e.written]));
  return findClaims(text).filter((claim) => {
    if (claim.kind === 'nummer') return !numbers.has(normalizedNumber(claim.text));
    if (claim.kind === 'datum') return !dates.has(isoOfDate(claim.text) ?? '');
    // An article counts only inside one of its registered forms, so "art. 139 Sr" does not vouch for
    // "art. 139 Wegenverkeerswet" or "art. 138 Sr".
    return !articleSpans.some(([start, end]) => claim.index >= start && claim.index + claim.text.length <= end);
  });
}

/** [start, end) of every occurrence of each form, case- and whitespace-insensitive. */
function spansOf(text: string, forms: ReadonlyArray<string>): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const form of forms) {
    const pattern = new RegExp(form.trim().split(/\s+/).map(escapeRegExp).join('\\s+') + '(?!\\w)', 'gi');
    for (const match of text.matchAll(pattern)) spans.push([match.index, match.index + match[0].length]);
  }
  return spans;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An unregistered claim and the file it is in. */
export interface UnregisteredClaim extends Claim {
  file: string;
}

/**
 * The unregistered claims in content and gemeente files (`file` is the path under knowledge/).
 * `gemeenteNumbers`: a gemeente's own numbers (normalized), accepted in gemeenten/ files only; the
 * gemeente schema already refuses a number there without its bron.
 */
export function unregisteredInFiles(
  files: ReadonlyArray<{ file: string; text: string }>,
  register: Bronnen,
  gemeenteNumbers: ReadonlySet<string> = new Set(),
): UnregisteredClaim[] {
  return files.flatMap(({ file, text }) =>
    unregisteredClaims(scannableText(text), register, { extraNumbers: file.startsWith('gemeenten/') ? gemeenteNumbers : undefined }).map((claim) => ({ ...claim, file })),
  );
}
