// A gemeente's own meldpunt as a beheerder enters it in Teams: validated here (pure), so the form,
// the export to YAML and the number register all agree on what a valid entry is.
import { z } from 'zod/v4';
import type { LocalMeldpunt } from './schema';

/** Digits of a phone number as people write it: spaces, dashes, dots and brackets left out. */
export function phoneDigits(phone: string): string {
  return phone.replace(/[\s\-.()]/g, '');
}

/**
 * A Dutch phone number: 112 or 113, 0800/0900 service numbers (4 or 7 digits after), 088 and every
 * other 10-digit number starting with 0 (landline 0xx-xxxxxxx, 0xxx-xxxxxx, mobile 06), or +31/0031
 * followed by nine digits.
 */
export function isDutchPhoneNumber(phone: string): boolean {
  const d = phoneDigits(phone);
  return /^(?:112|113|0[89]00\d{4}|0[89]00\d{7}|0[1-9]\d{8}|(?:\+31|0031)[1-9]\d{8})$/.test(d);
}

/** What the card's Input.Text fields check before sending (the server checks again, more strictly). */
export const CLIENT_PATTERNS = {
  telefoon: '^\\+?[0-9][0-9 ()\\-.]{1,18}[0-9]$',
  url: '^https://\\S+$',
  email: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
} as const;

const optionalField = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Maximaal ${max} tekens.`)
    .transform((v) => (v === '' ? undefined : v))
    .optional();

export const meldpuntInputSchema = z
  .object({
    naam: z.string().trim().min(2, 'Vul een naam in, bijvoorbeeld "Meldpunt zorg en overlast".').max(100, 'Maximaal 100 tekens.'),
    telefoon: optionalField(30).refine((v) => v === undefined || isDutchPhoneNumber(v), 'Geen geldig Nederlands telefoonnummer (bijvoorbeeld 035-1234567, 088-1234567, 0800-1234 of +31 35 123 4567).'),
    url: optionalField(300).refine((v) => v === undefined || isHttpsUrl(v), 'Een website begint met https://.'),
    email: optionalField(200).refine((v) => v === undefined || z.email().safeParse(v).success, 'Geen geldig e-mailadres.'),
    openingstijden: optionalField(100),
    bron: z
      .string()
      .trim()
      .max(300, 'Maximaal 300 tekens.')
      .refine((v) => v !== '', 'Vul de bron in: het https-adres waar je het nummer hebt gecontroleerd.')
      .refine((v) => v === '' || isHttpsUrl(v), 'De bron is een https-adres, bijvoorbeeld de pagina van de gemeente.'),
  })
  .refine((m) => m.telefoon || m.url || m.email, { path: ['telefoon'], message: 'Vul minstens een telefoonnummer, website of e-mailadres in.' });
export type MeldpuntInput = z.infer<typeof meldpuntInputSchema>;

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The form's fields, in the order the card shows them. */
export const MELDPUNT_FIELDS = ['naam', 'telefoon', 'url', 'email', 'openingstijden', 'bron'] as const;
export type MeldpuntField = (typeof MELDPUNT_FIELDS)[number];

export type MeldpuntValidation = { ok: true; meldpunt: LocalMeldpunt } | { ok: false; field: MeldpuntField; reason: string };

/** Validates what a beheerder entered; the first problem names its field. */
export function validateMeldpuntInput(raw: unknown): MeldpuntValidation {
  const parsed = meldpuntInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = (MELDPUNT_FIELDS as readonly string[]).includes(String(issue.path[0])) ? (issue.path[0] as MeldpuntField) : 'naam';
    const reason = issue.code === 'invalid_type' ? 'Dit veld ontbreekt.' : issue.message;
    return { ok: false, field, reason };
  }
  const m = parsed.data;
  return { ok: true, meldpunt: { name: m.naam, phone: m.telefoon, url: m.url, email: m.email, hours: m.openingstijden, bron: m.bron } };
}
