// The shape of a knowledge item's frontmatter and of a gemeente's meldpunten file.
// One zod schema per file kind; the TypeScript types are inferred from it.
import { z } from "zod/v4";

export const ITEM_TYPES = ['meldroute', 'handelingskader', 'agressieprotocol', 'huurachterstanden'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

// Phone numbers as people write them: digits, spaces, dashes, an optional leading +.
const phoneSchema = z.string().regex(/^\+?[0-9][0-9 \-]{1,18}[0-9]$/, 'geen geldig telefoonnummer');

export const contactSchema = z
  .object({
    name: z.string().min(2),
    phone: phoneSchema.optional(),
    url: z.url({ protocol: /^https$/ }).optional(),
    email: z.email().optional(),
    hours: z.string().optional(),
    for: z.enum(['professionals', 'inwoners', 'beide']),
    note: z.string().optional(),
  })
  .strict()
  .refine((c) => c.phone || c.url || c.email, { message: 'een contact heeft minstens phone, url of email' });
export type Contact = z.infer<typeof contactSchema>;

export const sourceSchema = z
  .object({
    document: z.string().min(3),
    section: z.string().min(2),
  })
  .strict();
export type Source = z.infer<typeof sourceSchema>;

// What a single gemeente may change in an item.
export const overrideSchema = z
  .object({
    summary: z.string().min(10).optional(),
    contacts: z.array(contactSchema).optional(),
    steps: z.array(z.string().min(3)).optional(),
  })
  .strict();
export type ItemOverride = z.infer<typeof overrideSchema>;

const isoDate = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text))) {
    ctx.addIssue({ code: 'custom', message: 'verwacht een datum als JJJJ-MM-DD' });
    return z.NEVER;
  }
  return text;
});

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
    contacts: z.array(contactSchema),
    steps: z.array(z.string().min(3)).min(1),
    gemeenten: z.union([z.literal('all'), z.array(z.string().min(2)).min(1)]),
    localMeldpunt: z.enum(LOCAL_MELDPUNT_KEYS).optional(),
    overrides: z.record(z.string(), overrideSchema).default({}),
    source: z.array(sourceSchema).min(1),
    owner: z.string().min(2),
    reviewed: isoDate,
  })
  .strict();
export type Frontmatter = z.infer<typeof frontmatterSchema>;

export interface KnowledgeItem extends Frontmatter {
  /** The Markdown body under the frontmatter. */
  body: string;
}

export const localMeldpuntSchema = z
  .object({
    name: z.string().min(2),
    phone: phoneSchema.optional(),
    url: z.url({ protocol: /^https$/ }).optional(),
    email: z.email().optional(),
    hours: z.string().optional(),
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
  })
  .strict();
export type SearchTerms = z.infer<typeof searchTermsSchema>;
