// The knowledge base: finds the meldroute for a question and fits it to a gemeente.
// Pure: it gets loaded files and answers questions; no I/O, no botbuilder.
import type { KnowledgeFiles } from './load-content';
import type { Contact, Gemeente, KnowledgeItem, LocalMeldpunt, LocalMeldpuntKey } from './schema';

/** Meldpunten a gemeente's beheerder set in Teams; they override the YAML baseline. */
export type StoredMeldpunten = Partial<Record<LocalMeldpuntKey, LocalMeldpunt>>;
import { knownWordsFrom, maskNames } from './name-mask';
import { SearchIndex } from './search-index';
import { foldText, foldedWords } from './text';
import { UrgencyRules, type UrgencyKind } from './urgency';

export const ACUTE_ROUTE_ID = 'meldroutes/acuut-gevaar';
export const SUICIDE_ROUTE_ID = 'meldroutes/suicide';
/** National routes shown when no answer fits. */
export const FALLBACK_ROUTE_IDS = [ACUTE_ROUTE_ID, 'meldroutes/huiselijk-geweld', 'meldroutes/verward-gedrag'] as const;

const MAX_RESULTS = 5;
/**
 * A question is at most this long. The bot asks for a shorter one before masking or searching;
 * findRoute reads no further either, so no text (a pasted document, 100,000 digits) makes an answer slow.
 */
export const MAX_QUESTION_CHARS = 2_000;
// Below these a match is too weak to present as the answer (tuned with npm run bench:search).
const MIN_COVERAGE = 0.25;
const MIN_SCORE = 3;

export interface ScoredItem {
  item: KnowledgeItem;
  score: number;
}

export interface Answer {
  /** Acute danger now: the acute route(s) come first. */
  urgent: boolean;
  /** When urgent: which numbers come first (suicide: 113 and 112; the other kinds: 112). */
  urgency: UrgencyKind | null;
  /** A danger word without a clear "now": the topic's route, opened with "Is er nu direct gevaar? Bel 112". */
  alert: boolean;
  /** When alert: suicide (113) or another kind (112). */
  alertKind: UrgencyKind | null;
  /** The urgency rules that fired (for editors: npm run ask). */
  urgencyRules: string[];
  /** Confident results, best first; empty when nothing matched well enough. */
  results: ScoredItem[];
  /** The nearest items even when not confident: "Bedoelde je …?" on a no-answer card. */
  closest: ScoredItem[];
}

/** An item as one gemeente's staff should see it. */
export interface LocalizedItem extends KnowledgeItem {
  gemeente: string | null;
  localContact: Contact | null;
  /** A plain sentence when the local meldpunt is unknown or not filled in; null when nothing to say. */
  localNotice: string | null;
}

export interface FindOptions {
  gemeente?: string | null;
}

/** How a card names each of a gemeente's own meldpunten. */
export const LOCAL_MELDPUNT_LABELS: Record<LocalMeldpuntKey, string> = {
  'zorgwekkend-gedrag': 'meldpunt zorgwekkend gedrag',
  wvggz: 'meldpunt Wet verplichte ggz',
  woonoverlast: 'meldpunt woonoverlast',
  jeugdoverlast: 'meldpunt jeugdoverlast',
  vroegsignalering: 'team vroegsignalering',
  schuldhulpverlening: 'loket schuldhulpverlening',
  zorgmelding: 'meldpunt zorgmeldingen',
  pga: 'contact persoonsgerichte aanpak (OOV)',
  nazorg: 'contact nazorg ex-gedetineerden',
  radicalisering: 'contact radicalisering (OOV)',
  agressie: 'contact agressie en incidenten',
  'zorg-en-veiligheidshuis': 'contact voor aanmelding bij het Zorg- en Veiligheidshuis',
  dakloosheid: 'loket voor (dreigende) dakloosheid',
  ondermijning: 'contact ondermijning (OOV)',
};

export class KnowledgeBase {
  readonly items: ReadonlyArray<KnowledgeItem>;
  readonly gemeenten: ReadonlyArray<Gemeente>;
  private readonly byId: Map<string, KnowledgeItem>;
  private readonly byTitle: Map<string, KnowledgeItem>;
  private readonly index: SearchIndex;
  private readonly urgencyRules: UrgencyRules;
  /** Capitalised words the content and the gemeenten use: not names (see name-mask.ts). */
  private readonly knownWords: Set<string>;

  /** `prebuiltIndex`: the search index serialised for these same files (knowledge/prebuilt.ts). */
  constructor(files: KnowledgeFiles, prebuiltIndex?: object) {
    this.items = files.items;
    this.gemeenten = files.gemeenten;
    this.byId = new Map(files.items.map((item) => [item.id, item]));
    this.byTitle = new Map(files.items.map((item) => [foldText(item.title), item]));
    this.index = new SearchIndex(files.items, files.searchTerms, prebuiltIndex);
    // The content's own words are never read as typos of a danger word.
    this.urgencyRules = new UrgencyRules(files.urgencyRules, files.items.flatMap((i) => foldedWords([i.title, i.summary, i.body, ...i.questions, ...i.keywords, ...i.steps].join(' '))));
    this.knownWords = knownWordsFrom([
      ...files.items.flatMap((i) => [i.title, i.summary, i.body, ...i.steps, ...i.keywords, ...i.contacts.map((c) => c.name)]),
      ...files.gemeenten.map((g) => g.naam),
    ]);
  }

  /** The search index as JSON (npm run build writes it beside the content; see prebuilt.ts). */
  serializedIndex(): object {
    return this.index.toJSON();
  }

  item(id: string): KnowledgeItem | undefined {
    return this.byId.get(id);
  }

  /** Replaces name-like sequences with [naam] (after maskPersonalData), before a question is stored or shown to others. */
  maskNames(text: string): string {
    return maskNames(text, this.knownWords);
  }

  /** The gemeente by name, case- and accent-insensitive. */
  findGemeente(name: string): Gemeente | undefined {
    const wanted = foldText(name);
    return this.gemeenten.find((g) => foldText(g.naam) === wanted);
  }

  /** Finds the route for a staff question, acute routes first when the question describes acute danger. */
  findRoute(fullQuestion: string, options: FindOptions = {}): Answer {
    const question = fullQuestion.length > MAX_QUESTION_CHARS ? fullQuestion.slice(0, MAX_QUESTION_CHARS) : fullQuestion;
    const folded = foldText(question);
    const danger = this.urgencyRules.detect(question);
    const gemeente = options.gemeente ? foldText(options.gemeente) : null;
    const visible = (item: KnowledgeItem) => gemeente === null || item.gemeenten === 'all' || item.gemeenten.some((g) => foldText(g) === gemeente);
    const hits = this.index
      .search(question)
      .map((hit) => ({ hit, item: this.byId.get(hit.id)! }))
      .filter(({ item }) => visible(item));

    const confident = hits.filter(({ hit }) => hit.topical && hit.coverage >= MIN_COVERAGE && hit.score >= MIN_SCORE);
    let results = confident.map(({ hit, item }) => ({ item, score: round(hit.score) }));
    // Typing an item's exact title (as a "Bedoelde je …?" button does) asks for that item.
    const titled = this.byTitle.get(folded);
    if (titled && visible(titled) && results[0]?.item !== titled) {
      const top = results[0]?.score ?? 1;
      results = [{ item: titled, score: round(top + 1) }, ...results.filter((r) => r.item !== titled)];
    }
    if (danger.level === 'urgent') {
      // Two needs ("klant praat aan de telefoon over zelfmoord"): the acute route answers, the best text
      // match for the rest stays in the list, for "Bedoelde je …?", even when it alone would not be confident.
      // Only when the acute route leaves part of the question unexplained ("kind is vermist" has no second need).
      const dangerCoverage = Math.max(0, ...hits.filter(({ item }) => danger.routes.includes(item.id)).map(({ hit }) => hit.coverage));
      const other = dangerCoverage < 1 ? hits.find(({ item }) => !danger.routes.includes(item.id)) : undefined;
      if (other && other.hit.score >= MIN_SCORE && !results.some((r) => r.item === other.item)) {
        results = [{ item: other.item, score: round(other.hit.score) }, ...results].sort((a, b) => b.score - a.score);
      }
    }
    if (danger.routes.length > 0) results = this.withRoutesFirst(results, danger.routes);

    return {
      urgent: danger.level === 'urgent',
      urgency: danger.level === 'urgent' ? danger.kind : null,
      alert: danger.level === 'alert',
      alertKind: danger.level === 'alert' ? danger.kind : null,
      urgencyRules: danger.fired.map((f) => `${f.id} (${f.level})`),
      results: results.slice(0, MAX_RESULTS),
      closest: hits.slice(0, 3).map(({ hit, item }) => ({ item, score: round(hit.score) })),
    };
  }

  /** The meldpunt slots the items use (a gemeente fills in these), in a stable order. */
  meldpuntSlots(): LocalMeldpuntKey[] {
    const used = new Set(this.items.map((i) => i.localMeldpunt).filter((k): k is LocalMeldpuntKey => k !== undefined));
    return (Object.keys(LOCAL_MELDPUNT_LABELS) as LocalMeldpuntKey[]).filter((k) => used.has(k));
  }

  /** A gemeente's meldpunt for a slot: the value set in Teams, else the YAML baseline, else null. */
  meldpunt(gemeente: Gemeente, slot: LocalMeldpuntKey, stored: StoredMeldpunten = {}): LocalMeldpunt | null {
    return stored[slot] ?? gemeente.meldpunten[slot] ?? null;
  }

  /**
   * The item with gemeente overrides applied and the gemeente's own meldpunt, if it set one
   * (`stored`: the values set in Teams, which override the YAML files).
   */
  localize(item: KnowledgeItem, gemeenteName: string | null | undefined, stored: StoredMeldpunten = {}): LocalizedItem {
    const gemeente = gemeenteName ? this.findGemeente(gemeenteName) : undefined;
    const base: LocalizedItem = { ...item, gemeente: gemeente?.naam ?? null, localContact: null, localNotice: null };
    if (!gemeente) {
      if (gemeenteName) base.localNotice = `Gemeente ${gemeenteName} staat niet in Meldwijzer; je ziet de landelijke route.`;
      else if (item.localMeldpunt) base.localNotice = 'Stel je gemeente in om ook het lokale meldpunt te zien; je ziet nu de landelijke route.';
      return base;
    }
    const override = Object.entries(item.overrides).find(([name]) => foldText(name) === foldText(gemeente.naam))?.[1];
    const localized: LocalizedItem = {
      ...base,
      summary: override?.summary ?? item.summary,
      steps: override?.steps ?? item.steps,
      contacts: override?.contacts ?? item.contacts,
    };
    if (item.localMeldpunt) {
      const meldpunt = this.meldpunt(gemeente, item.localMeldpunt, stored);
      const label = LOCAL_MELDPUNT_LABELS[item.localMeldpunt];
      if (meldpunt) {
        const { bron: _bron, ...contact } = meldpunt;
        localized.localContact = { ...contact, for: 'beide', note: `Lokaal: ${label} gemeente ${gemeente.naam}` };
        localized.contacts = [localized.localContact, ...localized.contacts];
      } else {
        localized.localNotice = `Gemeente ${gemeente.naam} heeft het lokale ${label} nog niet ingevuld in Meldwijzer. Gebruik de landelijke route hieronder of vraag het je coördinator.`;
      }
    }
    return localized;
  }

  /** The urgency rules' routes on top (acute routes, meldroutes/vermissing), then the topic's results. */
  private withRoutesFirst(results: ScoredItem[], ids: string[]): ScoredItem[] {
    const order = ids.filter((id) => this.byId.has(id));
    const top = results[0]?.score ?? 1;
    // They go on top whatever their text score; their score is lifted to keep the list sorted.
    const first = order.map((id, i) => ({ item: this.byId.get(id)!, score: round(top + order.length - i) }));
    const rest = results.filter((r) => !order.includes(r.item.id));
    return [...first, ...rest];
  }
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
