// The shape of a knowledge item's frontmatter and of a gemeente's meldpunten file.
// One zod schema per file kind; the TypeScript types are inferred from it.
import { z } from "zod/v4";

export const ITEM_TYPES = ['meldroute', 'handelingskader', 'agressieprotocol', 'huurachterstanden'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

// Phone numbers as people write them: digits, spaces, dashes, an optional leading +.
export const phoneSchema = z.string().regex(/^\+?[0-9][0-9 \-]{1,18}[0-9]$/, 'geen geldig telefoonnummer');

/** How to reach someone: what a route's contact and a gemeente's own meldpunt have in common. */
const reachableFields = {
  name: z.string().min(2),
  phone: phoneSchema.optional(),
  url: z.url({ protocol: /^https$/ }).optional(),
  email: z.email().optional(),
  hours: z.string().optional(),
};

export const contactSchema = z
  .object({
    ...reachableFields,
    for: z.enum(['professionals', 'inwoners', 'beide']),
    note: z.string().optional(),
  })
  .strict()
  .refine((c) => c.phone || c.url || c.email, { message: 'een contact heeft minstens phone, url of email' });
export type Contact = z.infer<typeof contactSchema>;

// How strong a source is, following FACTS.md: [V] (an official or primary source) is `primair`,
// [S] (a municipality's page, news, advisers) is `secundair`.
export const SOURCE_MARKS = ['primair', 'secundair'] as const;
export type SourceMark = (typeof SOURCE_MARKS)[number];

// Names of our own working files: never in text a user reads (publisher, title).
const INTERNAL_NAME = /FACTS\.md|seeds\/|\.txt\b/i;
const shownText = (min: number) =>
  z.string().min(min).refine((text) => !INTERNAL_NAME.test(text), { message: 'geen interne bestandsnaam (FACTS.md, seeds/…): noem de uitgever of de titel van het document' });

export const sourceSchema = z
  .object({
    // Who published it, as a frontline worker knows them: "Veilig Thuis Utrecht", "Politie".
    publisher: shownText(2),
    // The page or document title; for a seed document its title ("Uitvoeringsplan Zorg & Veiligheid 2024-2025").
    title: shownText(3).optional(),
    url: z.url({ protocol: /^https$/ }).optional(),
    mark: z.enum(SOURCE_MARKS),
    // A document we hold a copy of (one of the seeds) that has no public address.
    seed: z.literal(true).optional(),
    // An internal note for editors (which part of the source); never shown.
    section: z.string().min(2).optional(),
  })
  .strict()
  .refine((s) => s.url || s.seed, { path: ['url'], message: 'een bron heeft een https-adres (url), behalve een document zonder openbaar adres (seed: true)' })
  .refine((s) => !s.seed || s.title, { path: ['title'], message: 'een document zonder openbaar adres (seed: true) heeft een titel' });
export type Source = z.infer<typeof sourceSchema>;

// What a single gemeente may change in an item.
export const overrideSchema = z
  .object({
    summary: z.string().min(10).optional(),
    contacts: z
      .array(contactSchema)
      .refine((contacts) => contacts.some((c) => c.phone || c.url), 'minstens één contact met een telefoonnummer of website')
      .optional(),
    steps: z.array(z.string().min(3)).optional(),
  })
  .strict();
export type ItemOverride = z.infer<typeof overrideSchema>;

export const isoDate = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text))) {
    ctx.addIssue({ code: 'custom', message: 'verwacht een datum als JJJJ-MM-DD' });
    return z.NEVER;
  }
  return text;
});

// Who keeps an item: a role with a Teams channel where questions about it go (no personal names).
export const ownerSchema = z
  .object({
    role: z.string().min(3),
    channel: z.string().min(3),
  })
  .strict();
export type Owner = z.infer<typeof ownerSchema>;

/** An item must be checked against its sources again within this many months of `reviewed`. */
export const MAX_REVIEW_MONTHS = 12;

/** The date `months` calendar months after an ISO date (JJJJ-MM-DD), clamped to the month's last day. */
export function addMonths(isoDay: string, months: number): string {
  const [year, month, day] = isoDay.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export const LOCAL_MELDPUNT_KEYS = [
  'zorgwekkend-gedrag',
  'wvggz',
  'woonoverlast',
  'jeugdoverlast',
  'vroegsignalering',
  'schuldhulpverlening',
  'zorgmelding',
  'pga',
  'nazorg',
  'radicalisering',
  'agressie',
  'zorg-en-veiligheidshuis',
  'dakloosheid',
  'ondermijning',
] as const;
export type LocalMeldpuntKey = (typeof LOCAL_MELDPUNT_KEYS)[number];

export const frontmatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'id is map/naam in kleine letters'),
    type: z.enum(ITEM_TYPES),
    title: z.string().min(5).max(120),
    summary: z.string().min(20).max(400),
    questions: z.array(z.string().min(5)).min(3),
    keywords: z.array(z.string().min(2)).min(1),
    urgent: z.boolean(),
    // At least one: a card always offers someone to call or a page to open, also when the
    // gemeente's own meldpunt is empty (these contacts are then the named fallback).
    contacts: z.array(contactSchema).min(1, 'minstens één contact (telefoon of website), zodat de kaart nooit doodloopt'),
    steps: z.array(z.string().min(3)).min(1),
    gemeenten: z.union([z.literal('all'), z.array(z.string().min(2)).min(1)]),
    localMeldpunt: z.enum(LOCAL_MELDPUNT_KEYS).optional(),
    overrides: z.record(z.string(), overrideSchema).default({}),
    source: z.array(sourceSchema).min(1),
    owner: ownerSchema,
    // The day someone checked the item against its sources, and in which role.
    reviewed: isoDate,
    reviewedBy: z.string().min(3),
    // The day by which it must be checked again: at most MAX_REVIEW_MONTHS after `reviewed`.
    reviewBefore: isoDate,
  })
  .strict()
  .superRefine((item, ctx) => {
    if (!item.contacts.some((c) => c.phone || c.url)) {
      ctx.addIssue({ code: 'custom', path: ['contacts'], message: 'minstens één contact met een telefoonnummer of website, zodat de kaart nooit doodloopt' });
    }
    if (item.reviewBefore <= item.reviewed) {
      ctx.addIssue({ code: 'custom', path: ['reviewBefore'], message: 'reviewBefore moet na reviewed liggen' });
    } else if (item.reviewBefore > addMonths(item.reviewed, MAX_REVIEW_MONTHS)) {
      ctx.addIssue({ code: 'custom', path: ['reviewBefore'], message: `reviewBefore ligt hoogstens ${MAX_REVIEW_MONTHS} maanden na reviewed (uiterlijk ${addMonths(item.reviewed, MAX_REVIEW_MONTHS)})` });
    }
  });
export type Frontmatter = z.infer<typeof frontmatterSchema>;

export interface KnowledgeItem extends Frontmatter {
  /** The Markdown body under the frontmatter. */
  body: string;
}

export const localMeldpuntSchema = z
  .object({
    ...reachableFields,
    // Where the number was checked (https); the number register accepts a gemeente number only with it.
    bron: z.url({ protocol: /^https$/ }).optional(),
  })
  .strict()
  .refine((m) => !m.phone || m.bron, { path: ['bron'], message: 'een telefoonnummer van de gemeente heeft een bron: het https-adres waar het is gecontroleerd' });
export type LocalMeldpunt = z.infer<typeof localMeldpuntSchema>;

export const gemeenteSchema = z
  .object({
    naam: z.string().min(2),
    // null = the gemeente has not filled it in yet; the answer then says so and shows the national route.
    meldpunten: z.partialRecord(z.enum(LOCAL_MELDPUNT_KEYS), localMeldpuntSchema.nullable()),
  })
  .strict();
export type Gemeente = z.infer<typeof gemeenteSchema>;

export const searchTermsSchema = z
  .object({
    // Each group lists phrasings that mean the same; a question containing one also searches the others.
    synonyms: z.array(z.array(z.string().min(2)).min(2)),
    // Words that occur in nearly every question ("waar meld ik") and say nothing about the route.
    fillerWords: z.array(z.string().min(1)),
    // Words that say who, where or through which channel ("bewoner", "balie", "telefoon"), not what
    // happened: they help choose between routes that fit and never make an answer on their own.
    generalWords: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type SearchTerms = z.infer<typeof searchTermsSchema>;
