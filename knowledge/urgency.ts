// Recognises questions that describe danger, with the rules in urgency-rules.yaml. Two levels:
//   urgent — acute danger now: the acute route (112, or 113 first for suicide) goes on top;
//   alert  — a danger word without a clear "now" (a weapon, a threat, self-harm, a missing person): the
//            topic's route stays, and the card opens with "Is er nu direct gevaar? Bel 112".
// "Waar meld ik kindermishandeling?" is about a topic; "hij slaat haar nu" is urgent; "vorige maand
// werd ze geslagen" is an alert at most.
//
// A rule needs every entry of its `all` list (each a group of terms, in different words of the question)
// and is held back by any entry of `unless` (time gone by, a question about procedure, "geen acuut
// gevaar"): an urgent rule held back that way still gives an alert. A term matches every inflection of its
// words (see `wordForms`: "vermoorden" also finds vermoordt, vermoordde, vermoord), typos in longer words
// (one letter in six or more, two in ten or more), and is not counted when the question negates it
// ("geen mes", "niet vandaag"). Pure: the rules file is read by load-content.ts.
import { z } from 'zod/v4';
import { stemDutch } from './dutch-lunr';
import { foldText } from './text';
import { boundedDistance, TypoMatcher } from './typo-matcher';

export const URGENCY_KINDS = ['suicide', 'geweld', 'medisch', 'vermissing'] as const;
export type UrgencyKind = (typeof URGENCY_KINDS)[number];
export const URGENCY_LEVELS = ['urgent', 'alert'] as const;
export type UrgencyLevel = (typeof URGENCY_LEVELS)[number];

// ---------------------------------------------------------------------------------------------------
// The file

const NAME = /^[a-z][a-z0-9-]*$/;
const itemIdSchema = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'een item-id is map/naam');
const termsSchema = z.array(z.string().trim().min(1)).min(1);
/** An entry of `all` or `unless`: the name of a group, or terms written in place (a group's name among them stands for the group). */
const entrySchema = z.union([z.string().regex(NAME, 'een groepsnaam in kleine letters'), termsSchema]);

const ruleSchema = z
  .object({
    id: z.string().regex(NAME, 'een regel-id in kleine letters met streepjes'),
    kind: z.enum(URGENCY_KINDS),
    level: z.enum(URGENCY_LEVELS),
    /** An item this rule's questions are about, put first at either level (meldroutes/vermissing). */
    route: itemIdSchema.optional(),
    all: z.array(entrySchema).min(1),
    /** All matches within this many words of each other. */
    within: z.int().min(1).optional(),
    /** Holds the rule back: a question about procedure, "geen acuut gevaar". */
    unless: z.array(entrySchema).default([]),
    /** Holds the rule back too (time gone by: "vorige maand"), but not when the question also says it happens now. */
    distance: z.array(entrySchema).default([]),
    /**
     * A "now" anywhere in the question outweighs the distance, not only one in the same part of the
     * sentence: whoever threatened before and is here now ("hij heeft gedreigd haar te vermoorden en staat
     * nu voor de deur") is danger now. With an entry (groups or terms) in place of `true`, a "now" elsewhere
     * counts only in the same part of the sentence as one of them: someone at the door or on the way, not
     * "nu belt hij weer voor een afspraak" or "en appt nog steeds".
     */
    nowAnywhere: z.union([z.boolean(), entrySchema]).default(false),
    /** Questions that must fire this rule at its level (a test asks them all). */
    examples: z.array(z.string().min(3)).min(1),
    /** Questions that must not fire it at its level. */
    counterExamples: z.array(z.string().min(3)).default([]),
  })
  .strict();
export type UrgencyRule = z.infer<typeof ruleSchema>;

const groupSchema = z.union([termsSchema, z.object({ terms: termsSchema, except: termsSchema.optional() }).strict()]);

export const urgencyRulesSchema = z
  .object({
    // In order of precedence: when rules of several kinds fire, the first kind decides the numbers.
    kinds: z.array(z.object({ kind: z.enum(URGENCY_KINDS), routes: z.array(itemIdSchema).min(1) }).strict()).min(1),
    /** What says "it happens now" (groups or terms): it overrides a rule's `distance`. */
    now: entrySchema,
    /**
     * Words that say outright that it is going on now ("het gebeurt hier nu"), anywhere in the question:
     * then every rule's danger counts as now, and the groups of `outweighs` (general and procedure
     * questions) no longer hold a rule back: "wat is het protocol als iemand een wapen trekt? het gebeurt hier nu".
     */
    saidNow: z.object({ terms: entrySchema, outweighs: z.array(z.string().regex(NAME)).min(1) }).strict().optional(),
    groups: z.record(z.string().regex(NAME), groupSchema),
    rules: z.array(ruleSchema).min(1),
    /** Ordinary words one letter from a danger word: never read as its typo ("gestolen" is not "gestoken"). */
    notTypos: z.array(z.string().trim().min(2)).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    const listed = file.kinds.map((k) => k.kind);
    for (const kind of URGENCY_KINDS) {
      if (listed.filter((k) => k === kind).length !== 1) ctx.addIssue({ code: 'custom', path: ['kinds'], message: `soort '${kind}' staat niet precies één keer in kinds` });
    }
    // An entry written as one name must name a group of the file (a list may mix groups and terms).
    const groupMustExist = (entry: unknown, path: Array<string | number>) => {
      if (typeof entry === 'string' && !(entry in file.groups)) ctx.addIssue({ code: 'custom', path, message: `groep '${entry}' bestaat niet` });
    };
    groupMustExist(file.now, ['now']);
    if (file.saidNow) {
      groupMustExist(file.saidNow.terms, ['saidNow', 'terms']);
      file.saidNow.outweighs.forEach((name, j) => groupMustExist(name, ['saidNow', 'outweighs', j]));
    }
    const seen = new Set<string>();
    file.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `regel '${rule.id}' komt twee keer voor` });
      seen.add(rule.id);
      for (const field of ['all', 'unless', 'distance'] as const) rule[field].forEach((entry, j) => groupMustExist(entry, ['rules', i, field, j]));
      groupMustExist(rule.nowAnywhere, ['rules', i, 'nowAnywhere']);
    });
  });
export type UrgencyRulesFile = z.infer<typeof urgencyRulesSchema>;

// ---------------------------------------------------------------------------------------------------
// The answer

export interface Urgency {
  /** urgent: acute danger now; alert: a danger word without a clear "now"; null: neither. */
  level: UrgencyLevel | null;
  /** Which numbers come first: suicide → 113 and 112, the other kinds → 112. */
  kind: UrgencyKind | null;
  /** Items to put first, in this order (the kind's acute routes when urgent, a rule's own route). */
  routes: string[];
  /** The rules that fired and at which level, for editors and tests. */
  fired: Array<{ id: string; level: UrgencyLevel }>;
}

export const NO_URGENCY: Urgency = { level: null, kind: null, routes: [], fired: [] };

// ---------------------------------------------------------------------------------------------------
// Words and their forms

// Short words that only ever match themselves ("eens" is no form of "een").
const FUNCTION_WORDS = new Set(
  'aan al als bij dan dat de die dit een en er geen haar heeft hem het hij hun ik in is je jij maar me met mij mijn na naar niet nog nu of om ons ook op over te tot uit van voor wat was we wie wij wordt ze zich zij zijn zo'.split(' '),
);

export interface WordForms {
  /** Every form the word may take in a question. */
  all: string[];
  /** The forms Dutch really has, the ones a typo is measured against (not "slaten" from "slaan"). */
  common: string[];
}

/**
 * The inflected forms of a word as staff type them: a noun's plural, diminutive and -e form ("mes":
 * messen, mesje), and for a word in -en also a verb's present, past and participle ("steken": steek,
 * steekt, gesteekt; the irregular stak and gestoken are written in the rules). Over-generating is
 * harmless: a form that is not Dutch never occurs in a question; typos are only measured against the
 * common forms.
 */
export function wordForms(word: string): WordForms {
  if (FUNCTION_WORDS.has(word) || word.length < 3) return { all: [word], common: [word] };
  const all = new Set([word]);
  const common = new Set([word]);
  for (const ending of ['en', 's', 'e', 'je', 'jes', 'tje', 'tjes', 'etje']) all.add(word + ending);
  const short = /(^|[^aeiou])([aeiou])([bdfgklmnprstz])$/.exec(word);
  if (short) {
    const doubled = `${word}${word[word.length - 1]}`;
    all.add(`${doubled}en`).add(`${doubled}e`).add(`${doubled}etje`);
    common.add(`${doubled}en`);
  }
  const long = /([aeou])\1([bdfgklmnprst])$/.exec(word);
  if (long) {
    const open = word.slice(0, -3) + long[1] + long[2];
    all.add(`${open}en`).add(`${open}e`);
  }
  if (word.endsWith('en') && word.length >= 5) {
    const verb = verbForms(word);
    for (const form of verb.all) all.add(form);
    for (const form of verb.common) common.add(form);
  }
  return { all: [...all], common: [...common] };
}

function verbForms(infinitive: string): WordForms {
  const root = infinitive.slice(0, -2);
  const stems = new Set([root]);
  if (/([bdfgklmnprst])\1$/.test(root)) stems.add(root.slice(0, -1)); // stoppen → stop
  const open = /(^|[^aeiou])([aeou])([bdfgklmnprstvz])$/.exec(root);
  if (open) stems.add(root.slice(0, -1) + open[2] + root.slice(-1)); // steken → steek, maken → maak
  for (const stem of [...stems]) {
    if (stem.endsWith('v')) stems.add(`${stem.slice(0, -1)}f`); // leven → leef
    if (stem.endsWith('z')) stems.add(`${stem.slice(0, -1)}s`); // lezen → lees
  }
  const all = new Set<string>([infinitive, `${infinitive}d`, `${infinitive}de`]);
  const common = new Set<string>([infinitive]);
  for (const stem of stems) {
    for (const ending of ['', 't', 'te', 'de', 'ten', 'den', 'd', 'e']) all.add(stem + ending);
    common.add(stem).add(`${stem}t`);
    // A verb with an unstressed prefix has no ge- in its participle: bedreigd, vermoord.
    const participles = /^(be|ge|ver|her|ont|er)/.test(stem) ? [`${stem}d`, `${stem}t`] : [`ge${stem}d`, `ge${stem}t`];
    for (const form of participles) {
      all.add(form).add(`${form}e`);
      common.add(form);
    }
  }
  return { all: [...all], common: [...common] };
}

/** A separable verb written "af|maken": afmaken, afgemaakt, "maakt hem af", "af te maken", "dood gaat maken", "kapot maakt". */
function separableForms(prefix: string, verb: string): { joined: WordForms; split: string[][] } {
  const forms = verbForms(verb);
  const finite = forms.all.filter((f) => !f.startsWith('ge'));
  return {
    joined: { all: forms.all.map((f) => prefix + f), common: forms.common.map((f) => prefix + f) },
    split: [
      ...finite.map((f) => [`=${f}`, '~', `=${prefix}`]),
      // Written apart in a subordinate clause: "dat hij hem kapot maakt".
      ...finite.map((f) => [`=${prefix}`, `=${f}`]),
      [`=${prefix}`, '=te', `=${verb}`],
      [`=${prefix}`, '~', `=${verb}`],
    ],
  };
}

// ---------------------------------------------------------------------------------------------------
// Compiled patterns

/** One word of a pattern: what it accepts. */
interface WordTest {
  /** Exact folded forms. */
  forms?: Set<string>;
  prefix?: string;
  /** Compound heads: the word ends in one of these after at least three letters (keukenmes). */
  suffixes?: string[];
}
/** 'gap': up to MAX_GAP other words; 'end': the clause ends here ("ik kan niet meer", not "… niet meer betalen"). */
type PatternPart = WordTest | 'gap' | 'end';

interface Occurrence {
  start: number;
  end: number;
  /** The positions of the words the pattern matched (not the words in its gaps). */
  words: number[];
}

const MAX_GAP = 3;
/** Shorter words are too close to others to correct ("mensen" is no typo of "messen"). */
const MIN_TYPO_LENGTH = 7;
const NEGATORS_BEFORE = new Set(['geen', 'niet', 'nooit', 'zonder', 'niks', 'niets', 'nergens']);
const NEGATORS_AFTER = new Set(['niemand']);
/** After a danger word, "nog niet" and "niet meer" (also with nooit) ending the clause negate it. */
const NEGATORS_STILL = new Set(['niet', 'nooit']);
/** Words that start a new part of the sentence: a negation before them says nothing about what follows. */
const CLAUSE_WORDS = new Set(['en', 'maar', 'want', 'dus', 'omdat', 'terwijl', 'toen', 'als', 'dat', 'die', 'of', 'zodat', 'waardoor']);
const NEGATION_WINDOW = 3;
const MAX_WORDS = 80;

interface Token {
  word: string;
  /** Between punctuation. */
  clause: number;
  /** Part of a clause: a new one starts at "en", "maar", "dat", … */
  segment: number;
}

// Chat spelling, read as the word it stands for ("hij slaat r nu", "ademt nie meer").
const CHAT_WORDS: Record<string, string> = { nie: 'niet', ie: 'hij', n: 'een', t: 'het', m: 'hem', r: 'er', ff: 'even', mn: 'mijn', zn: 'zijn', ng: 'nog', wrd: 'wordt', nr: 'naar', ma: 'maar' };
const CHAT_CONTRACTIONS: Array<[RegExp, string]> = [[/\bm['’]n\b/gi, 'mijn'], [/\bz['’]n\b/gi, 'zijn'], [/\bd['’]r\b/gi, 'haar'], [/\bm['’]/gi, 'mijn '], [/['’]t\b/gi, 'het']];

/** The question's folded words with the clause each is in (negation does not cross a comma or full stop). */
function tokenize(question: string): Token[] {
  const tokens: Token[] = [];
  const text = CHAT_CONTRACTIONS.reduce((t, [pattern, word]) => t.replace(pattern, word), question);
  let segment = 0;
  text.split(/[.,;:!?()[\]{}"“”\n\r]+/).forEach((clause, i) => {
    segment += 1;
    for (const folded of foldText(clause).split(' ')) {
      if (folded === '' || tokens.length >= MAX_WORDS) continue;
      const word = CHAT_WORDS[folded] ?? folded;
      if (CLAUSE_WORDS.has(word)) segment += 1;
      tokens.push({ word, clause: i, segment });
    }
  });
  return tokens;
}

/** Typos are measured on this: a final d, t or dt sound the same ("dreigd", "vermisd", "zelfmort"). */
function typoKey(word: string): string {
  return word.replace(/dt$|d$/, 't');
}

class Group {
  readonly patterns: PatternPart[][] = [];
  readonly except: PatternPart[][] = [];
}

/** An entry: its occurrences are those of any of these groups. */
type Entry = Group[];

interface CompiledRule {
  rule: UrgencyRule;
  all: Entry[];
  unless: Entry[];
  distance: Entry[];
  /** nowAnywhere with an entry: a "now" counts anywhere, but only in the part of the sentence of one of these. */
  nowWith?: Entry;
}

interface Starting {
  group: Group;
  pattern: PatternPart[];
  except: boolean;
}

/** The compiled rules: built once at start, asked for every question. */
export class UrgencyRules {
  private readonly rules: CompiledRule[];
  private readonly now: Entry;
  private readonly saidNow: { entry: Entry; outweighs: ReadonlySet<Group> } | undefined;
  private readonly urgentIds: ReadonlySet<string>;
  private readonly precedence: UrgencyKind[];
  private readonly kindRoutes: Map<UrgencyKind, string[]>;
  private readonly tests = new Map<string, WordTest>();
  /** Exact form → the tests that accept it. */
  private readonly byForm = new Map<string, WordTest[]>();
  private readonly byStem = new Map<string, WordTest[]>();
  private readonly byTypoForm = new Map<string, WordTest[]>();
  private readonly affixTests: WordTest[] = [];
  /** A word test → the patterns that start with it. */
  private readonly starting = new Map<WordTest, Starting[]>();
  private readonly typos: TypoMatcher;
  private readonly known: Set<string>;
  private readonly testsByWord = new Map<string, ReadonlySet<WordTest>>();

  /** `knownWords`: folded words of the content; a known word is never read as a typo of another. */
  constructor(file: UrgencyRulesFile, knownWords: Iterable<string> = []) {
    this.precedence = file.kinds.map((k) => k.kind);
    this.kindRoutes = new Map(file.kinds.map((k) => [k.kind, k.routes]));
    const groups = new Map<string, Group>();
    const named = (name: string): Group => {
      let group = groups.get(name);
      if (!group) {
        const spec = file.groups[name]!;
        group = Array.isArray(spec) ? this.group(spec, []) : this.group(spec.terms, spec.except ?? []);
        groups.set(name, group);
      }
      return group;
    };
    const entryFor = (entry: string | string[]): Entry => {
      if (typeof entry === 'string') return [named(entry)];
      const terms = entry.filter((t) => !(t in file.groups));
      return [...entry.filter((t) => t in file.groups).map(named), ...(terms.length > 0 ? [this.group(terms, [])] : [])];
    };
    this.rules = file.rules.map((rule) => ({
      rule,
      all: rule.all.map(entryFor),
      unless: rule.unless.map(entryFor),
      distance: rule.distance.map(entryFor),
      ...(typeof rule.nowAnywhere === 'boolean' ? {} : { nowWith: entryFor(rule.nowAnywhere) }),
    }));
    this.now = entryFor(file.now);
    this.urgentIds = new Set(file.rules.filter((rule) => rule.level === 'urgent').map((rule) => rule.id));
    this.saidNow = file.saidNow && { entry: entryFor(file.saidNow.terms), outweighs: new Set(file.saidNow.outweighs.map(named)) };
    this.known = new Set([...knownWords, ...file.notTypos.map(foldText)]);
    for (const form of this.byForm.keys()) this.known.add(form);
    this.typos = new TypoMatcher([...this.byTypoForm.keys()].filter((f) => f.length >= MIN_TYPO_LENGTH));
  }

  /** The rules as written, for tests that ask every rule's examples. */
  get all(): ReadonlyArray<UrgencyRule> {
    return this.rules.map((r) => r.rule);
  }

  /** How urgent the question is, which numbers come first and which items go on top. */
  detect(question: string): Urgency {
    const tokens = tokenize(question);
    if (tokens.length === 0) return NO_URGENCY;
    const matches = tokens.map((t) => this.testsFor(t.word));
    // The last token of each token's clause: a pattern does not reach past it.
    const clauseEnd = new Array<number>(tokens.length);
    for (let i = tokens.length - 1; i >= 0; i--) clauseEnd[i] = i + 1 < tokens.length && tokens[i + 1]!.clause === tokens[i]!.clause ? clauseEnd[i + 1]! : i;
    const found = new Map<Group, Occurrence[]>();
    const excluded = new Map<Group, Occurrence[]>();
    // Most patterns that start at a word go no further: they fill a scratch list, copied only when they match.
    const scratch: Occurrence[] = [];
    for (let i = 0; i < matches.length; i++) {
      for (const test of matches[i]!) {
        for (const { group, pattern, except } of this.starting.get(test) ?? []) {
          if (!extendPattern(pattern, matches, clauseEnd[i]!, i, scratch)) continue;
          const into = except ? excluded : found;
          const list = into.get(group);
          if (list) list.push(...scratch);
          else into.set(group, scratch.slice());
          scratch.length = 0;
        }
      }
    }
    // A group's occurrences without those that share a word with one of its `except` phrases (once per
    // group, through a set of the excluded words: linear in the occurrences, not their product).
    const kept = new Map<Group, Occurrence[]>();
    const groupOccurrences = (group: Group): Occurrence[] => {
      let list = kept.get(group);
      if (!list) {
        const hits = found.get(group) ?? NO_OCCURRENCES;
        const out = excluded.get(group);
        const excludedWords = out ? new Set(out.flatMap((e) => e.words)) : undefined;
        list = excludedWords ? hits.filter((o) => !o.words.some((w) => excludedWords.has(w))) : hits;
        kept.set(group, list);
      }
      return list;
    };
    const occurrences = (entry: Entry) => (entry.length === 1 ? groupOccurrences(entry[0]!) : entry.flatMap(groupOccurrences));
    const present = (entry: Entry) => entry.some((group) => groupOccurrences(group).length > 0);
    let nowIn: Set<number> | undefined;
    const notNegated = (o: Occurrence) => !negated(o, tokens);

    // "… het gebeurt hier nu": general and procedure questions no longer hold back, and every danger is now.
    const saidNow = this.saidNow !== undefined && occurrences(this.saidNow.entry).some(notNegated);
    const holdsBack = (entry: Entry) => present(entry) && !(saidNow && entry.every((group) => this.saidNow!.outweighs.has(group)));

    const fired: Array<{ rule: UrgencyRule; level: UrgencyLevel }> = [];
    for (const { rule, all, unless, distance, nowWith } of this.rules) {
      // Most rules have an entry without a word in the question: stop at the first such entry.
      let candidates: Occurrence[][] | undefined;
      let complete = true;
      for (const entry of all) {
        const occurring = occurrences(entry);
        const kept = occurring.length === 0 ? occurring : occurring.filter(notNegated);
        if (kept.length === 0) {
          complete = false;
          break;
        }
        (candidates ??= []).push(kept);
      }
      if (!complete) continue;
      const chosen = satisfiable(candidates ?? [], rule.within);
      if (!chosen) continue;
      // "Vorige week dreigde hij al en vanavond komt hij haar vermoorden": a "now" in the same part of the
      // sentence as the rule's danger word (its first entry) outweighs the distance; "vroeger werd ze
      // geslagen, nu heeft ze kinderen" does not.
      nowIn ??= new Set(occurrences(this.now).filter((o) => !negated(o, tokens)).map((o) => tokens[o.start]!.segment));
      // With `nowAnywhere: [groups]` a "now" elsewhere counts too, but only in the part of the sentence of one
      // of them: "… en staat nu voor de deur" counts, "… nu belt hij weer voor een afspraak" does not.
      const happensNow =
        rule.nowAnywhere === true
          ? nowIn.size > 0
          : chosen[0]!.words.some((w) => nowIn!.has(tokens[w]!.segment)) ||
            (nowWith !== undefined && occurrences(nowWith).some((o) => nowIn!.has(tokens[o.start]!.segment) && !negated(o, tokens)));
      const held = unless.some(holdsBack) || (!happensNow && !saidNow && distance.some(holdsBack));
      if (!held) fired.push({ rule, level: rule.level });
      else if (rule.level === 'urgent') fired.push({ rule, level: 'alert' });
    }
    if (fired.length === 0) return NO_URGENCY;

    const level: UrgencyLevel = fired.some((f) => f.level === 'urgent') ? 'urgent' : 'alert';
    const deciding = fired.filter((f) => f.level === level);
    const kinds = this.precedence.filter((kind) => deciding.some((f) => f.rule.kind === kind));
    const routes: string[] = [];
    for (const kind of kinds) {
      for (const f of deciding) if (f.rule.kind === kind && f.rule.route) routes.push(f.rule.route);
      if (level === 'urgent') routes.push(...this.kindRoutes.get(kind)!);
    }
    return {
      level,
      kind: kinds[0]!,
      routes: [...new Set(routes)],
      fired: fired.map((f) => ({ id: f.rule.id, level: f.level })),
    };
  }

  // -- compiling ----------------------------------------------------------------------------------

  private group(terms: string[], except: string[]): Group {
    const group = new Group();
    for (const term of terms) for (const pattern of this.patterns(term)) this.add(group, pattern, false);
    for (const term of except) for (const pattern of this.patterns(term)) this.add(group, pattern, true);
    return group;
  }

  private add(group: Group, pattern: PatternPart[], except: boolean): void {
    (except ? group.except : group.patterns).push(pattern);
    const first = pattern[0] as WordTest;
    const list = this.starting.get(first);
    if (list) list.push({ group, pattern, except });
    else this.starting.set(first, [{ group, pattern, except }]);
  }

  /** A term becomes one or more patterns (a separable verb has a joined and a split form). */
  private patterns(term: string): PatternPart[][] {
    let variants: PatternPart[][] = [[]];
    for (const word of foldTerm(term)) {
      const separable = /^([a-z]+)\|([a-z]+)$/.exec(word);
      if (word === '~') {
        variants = variants.map((v) => [...v, 'gap']);
      } else if (word === '$') {
        variants = variants.map((v) => [...v, 'end']);
      } else if (separable) {
        const { joined, split } = separableForms(separable[1]!, separable[2]!);
        const joinedTest = this.formsTest(word, joined);
        const splitParts = split.map((words) => words.map((w): PatternPart => (w === '~' ? 'gap' : this.wordTest(w))));
        variants = variants.flatMap((v) => [[...v, joinedTest], ...splitParts.map((s) => [...v, ...s])]);
      } else {
        const test = this.wordTest(word);
        variants = variants.map((v) => [...v, test]);
      }
    }
    return variants.filter((v) => v.length > 0 && typeof v[0] === 'object' && v[v.length - 1] !== 'gap');
  }

  private wordTest(word: string): WordTest {
    const known = this.tests.get(word);
    if (known) return known;
    let test: WordTest;
    if (word.startsWith('=')) {
      test = { forms: new Set([word.slice(1)]) };
      this.index(this.byForm, word.slice(1), test);
      if (!FUNCTION_WORDS.has(word.slice(1))) this.index(this.byTypoForm, typoKey(word.slice(1)), test);
    } else if (word.endsWith('*')) {
      test = { prefix: word.slice(0, -1) };
      this.affixTests.push(test);
    } else if (word.startsWith('+')) {
      test = { suffixes: wordForms(word.slice(1)).all };
      this.affixTests.push(test);
    } else {
      test = this.formsTest(word, wordForms(word));
      const stem = stemDutch(word);
      if (stem.length >= 5) this.index(this.byStem, stem, test);
    }
    this.tests.set(word, test);
    return test;
  }

  private formsTest(key: string, forms: WordForms): WordTest {
    const known = this.tests.get(key);
    if (known) return known;
    const test: WordTest = { forms: new Set(forms.all) };
    for (const form of forms.all) this.index(this.byForm, form, test);
    for (const form of forms.common) this.index(this.byTypoForm, typoKey(form), test);
    this.tests.set(key, test);
    return test;
  }

  private index(map: Map<string, WordTest[]>, key: string, test: WordTest): void {
    const list = map.get(key);
    if (!list) map.set(key, [test]);
    else if (!list.includes(test)) list.push(test);
  }

  /**
   * An urgent rule found its danger words but its own hold-backs (`unless`, `distance`: a time gone by, a
   * hypothetical) made it an alert: detect() reports such a rule at level alert.
   */
  heldBack(urgency: Urgency): boolean {
    return urgency.fired.some((f) => f.level === 'alert' && this.urgentIds.has(f.id));
  }

  /** The acute routes of a kind, in order (what an urgent answer of that kind puts first). */
  routesOf(kind: UrgencyKind): string[] {
    return this.kindRoutes.get(kind) ?? [];
  }

  // -- matching -----------------------------------------------------------------------------------

  /**
   * Every word test that accepts this question word. Worked out once per word: staff use the same few
   * thousand words, and the affix and typo lookups were a third of a detect. Bounded like the stem cache
   * (emptied when full), so odd words in pasted texts cannot make it grow; callers only read the sets.
   */
  private testsFor(word: string): ReadonlySet<WordTest> {
    let accepted = this.testsByWord.get(word);
    if (accepted === undefined) {
      accepted = this.testsForUncached(word);
      if (this.testsByWord.size >= WORD_TESTS_CACHE_MAX) this.testsByWord.clear();
      this.testsByWord.set(word, accepted);
    }
    return accepted;
  }

  private testsForUncached(word: string): Set<WordTest> {
    const accepted = new Set<WordTest>(this.byForm.get(word));
    // Chat and dialect drop a final -n ("er vliege stoele door de hal"): read "vliege" as "vliegen", unless
    // it is a word of the content (a danger word's own form may also be read so).
    if (word.length >= 5 && word.endsWith('e') && !word.endsWith('ee') && (!this.known.has(word) || this.byForm.has(word))) {
      for (const test of this.byForm.get(`${word}n`) ?? []) accepted.add(test);
    }
    if (word.length >= 5) for (const test of this.byStem.get(stemDutch(word)) ?? []) accepted.add(test);
    for (const test of this.affixTests) {
      if (test.prefix !== undefined && word.startsWith(test.prefix)) accepted.add(test);
      if (test.suffixes?.some((s) => word.length >= s.length + 3 && word.endsWith(s))) accepted.add(test);
    }
    if (!this.known.has(word) && word.length >= MIN_TYPO_LENGTH && !/\d/.test(word)) {
      const key = typoKey(word);
      for (const test of this.byTypoForm.get(key) ?? []) accepted.add(test);
      for (const form of this.typos.near(key, key.length >= 10 ? 2 : 1)) {
        const allowed = form.length >= 10 ? 2 : 1;
        if (boundedDistance(key, form, allowed) > allowed) continue;
        for (const test of this.byTypoForm.get(form) ?? []) accepted.add(test);
      }
    }
    return accepted;
  }
}

function foldTerm(term: string): string[] {
  // Keep the markers (= * + ~ | $) and fold the letters around them.
  return term
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[^=*+~|$]+/g, (letters) => foldText(letters).replace(/ /g, '')))
    .filter((w) => w !== '');
}

const NO_OCCURRENCES: Occurrence[] = [];
/** Question words whose word tests are kept (testsFor). */
const WORD_TESTS_CACHE_MAX = 20_000;

/**
 * Adds to `into` every occurrence of the pattern that starts at `start`; true when it found one. A pattern
 * stays within one clause, up to `limit`: "… is al een uur weg, moet ik de school bellen" has no "weg ~ moet".
 */
function extendPattern(pattern: PatternPart[], matches: Array<ReadonlySet<WordTest>>, limit: number, start: number, into: Occurrence[]): boolean {
  // Most patterns fail on their second word: answer that without building the search below.
  const second = pattern[1];
  if (second !== undefined && second !== 'gap' && second !== 'end' && !(start + 1 <= limit && matches[start + 1]!.has(second))) return false;
  const before = into.length;
  const words: number[] = [start];
  const extend = (part: number, position: number) => {
    if (part === pattern.length) {
      into.push({ start, end: position - 1, words: [...words] });
      return;
    }
    const test = pattern[part]!;
    if (test === 'gap') {
      for (let skip = 0; skip <= MAX_GAP && position + skip <= limit; skip++) extend(part + 1, position + skip);
      return;
    }
    if (test === 'end') {
      if (position === limit + 1) extend(part + 1, position);
      return;
    }
    if (position <= limit && matches[position]!.has(test)) {
      words.push(position);
      extend(part + 1, position + 1);
      words.pop();
    }
  };
  extend(1, start + 1);
  return into.length > before;
}

/** "geen mes", "niet vandaag", "bedreigt niemand": the words just before ("geen", "zonder" at most one word before) (or "niemand", "nog niet", "niet meer" just after) in the same clause. */
function negated(o: Occurrence, tokens: Token[]): boolean {
  const clause = tokens[o.start]!.clause;
  for (let i = o.start - 1; i >= Math.max(0, o.start - NEGATION_WINDOW); i--) {
    const token = tokens[i]!;
    if (token.clause !== clause || CLAUSE_WORDS.has(token.word)) break;
    // "geen" and "zonder" negate the noun right after them ("geen mes", "geen groot mes", "zonder een mes"),
    // not a word further on: "als ik geen geld krijg steek ik je neer" still threatens, and "zonder jas de
    // straat op" still went out.
    if ((token.word === 'geen' || token.word === 'zonder') && o.start - i > 2) continue;
    if (NEGATORS_BEFORE.has(token.word)) return true;
  }
  // After it, in the same part of the sentence: "bedreigt niemand", "geslagen heeft hij nog niet", "ze snijdt zich niet meer".
  const segment = tokens[o.end]!.segment;
  for (let i = o.end + 1; i <= Math.min(tokens.length - 1, o.end + NEGATION_WINDOW + 1); i++) {
    const token = tokens[i]!;
    if (token.segment !== segment) break;
    if (i <= o.end + 2 && NEGATORS_AFTER.has(token.word)) return true;
    if (!NEGATORS_STILL.has(token.word)) continue;
    // Only at the end of the clause: "het kind is nog niet thuis" still says the child is missing.
    if ((tokens[i - 1]!.word === 'nog' && endsClause(tokens, i)) || (tokens[i + 1]?.word === 'meer' && tokens[i + 1]!.clause === token.clause && endsClause(tokens, i + 1))) return true;
  }
  return false;
}

function endsClause(tokens: Token[], i: number): boolean {
  return i + 1 >= tokens.length || tokens[i + 1]!.clause !== tokens[i]!.clause;
}

/** One occurrence per entry, sharing no word, all within `within` words; null when there is none. */
function satisfiable(candidates: Occurrence[][], within: number | undefined): Occurrence[] | null {
  if (candidates.some((c) => c.length === 0)) return null;
  const chosen: Occurrence[] = [];
  const pick = (i: number): boolean => {
    if (i === candidates.length) {
      if (within === undefined) return true;
      const start = Math.min(...chosen.map((o) => o.start));
      const end = Math.max(...chosen.map((o) => o.end));
      return end - start < within;
    }
    for (const o of candidates[i]!) {
      if (chosen.some((c) => c.words.some((w) => o.words.includes(w)))) continue;
      chosen.push(o);
      if (pick(i + 1)) return true;
      chosen.pop();
    }
    return false;
  };
  return pick(0) ? chosen : null;
}
