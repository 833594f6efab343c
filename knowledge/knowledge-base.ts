// The knowledge base: finds the meldroute for a question and fits it to a gemeente.
// Pure: it gets loaded files and answers questions; no I/O, no botbuilder.
import type { KnowledgeFiles } from './load-content';
import type { Contact, Gemeente, KnowledgeItem, LocalMeldpunt, LocalMeldpuntKey } from './schema';

/** Meldpunten a gemeente's beheerder set in Teams; they override the YAML baseline. */
export type StoredMeldpunten = Partial<Record<LocalMeldpuntKey, LocalMeldpunt>>;
import { LinearModel, type LinearModelSettings, type SerializedLinearModel } from './linear-model';
import { knownWordsFrom, maskNames } from './name-mask';
import { PhrasingModel, textFeatures, type LabelledExample, type PhrasingModelSettings, type PhrasingVerdict, type SerializedPhrasingModel } from './phrasing-model';

/** What npm run build keeps of a knowledge base besides its files, so a start need not index or train. */
export interface PrebuiltParts {
  index: object;
  model: SerializedPhrasingModel;
  /** The linear classifier's weights, when the knowledge base uses one. */
  linear?: SerializedLinearModel;
}
import type { Phrasing } from './phrasings';
import { blendRoutes, DEFAULT_BLEND, modelSuggestsDanger, modelSuggestsUrgency, type BlendSettings } from './route-blend';
import { SearchIndex, type IndexHit } from './search-index';
import { foldText, foldedWords } from './text';
import { UrgencyRules, type Urgency, type UrgencyKind } from './urgency';

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

/** What findRoute weighs for a question, before deciding (public for bench:cv, which weighs it many ways). */
export interface RouteEvidence {
  question: string;
  danger: Urgency;
  /** lunr's hits on items this gemeente sees. */
  hits: Array<{ hit: IndexHit; item: KnowledgeItem }>;
  /** The phrasing model's verdict, over items this gemeente sees. */
  verdict: PhrasingVerdict;
  /** The item whose exact title the question is ("Bedoelde je …?" buttons send it). */
  titled: KnowledgeItem | undefined;
}

/** Settings for measuring (bench:cv); the bot uses the defaults. */
export interface SearchSettings {
  blend?: BlendSettings;
  model?: Partial<PhrasingModelSettings>;
  /** Train the linear classifier (linear-model.ts) with these settings; false: none. Unset: when the blend uses it. */
  linear?: Partial<LinearModelSettings> | false;
}

/** phrasings.yaml's kind of an urgent phrasing → which numbers the alert line gives. */
const KIND_OF_PHRASING: Record<string, UrgencyKind> = { 'acute-suicide': 'suicide', 'acute-medical': 'medisch', 'acute-missing': 'vermissing' };
/** Which items' alert questions are about which kind (an `alert` phrasing says danger, not which). */
const KIND_OF_ITEM: Record<string, UrgencyKind> = { 'meldroutes/suicide': 'suicide', 'meldroutes/vermissing': 'vermissing' };

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
  private readonly model: PhrasingModel;
  private readonly linear: LinearModel | null;
  private readonly blend: BlendSettings;
  /** Capitalised words the content and the gemeenten use: not names (see name-mask.ts). */
  private readonly knownWords: Set<string>;

  /** `prebuilt`: the search index and the trained phrasing model serialised for these same files (knowledge/prebuilt.ts). */
  constructor(files: KnowledgeFiles, prebuilt?: PrebuiltParts, settings: SearchSettings = {}) {
    this.items = files.items;
    this.gemeenten = files.gemeenten;
    this.byId = new Map(files.items.map((item) => [item.id, item]));
    this.byTitle = new Map(files.items.map((item) => [foldText(item.title), item]));
    this.index = new SearchIndex(files.items, files.searchTerms, prebuilt?.index);
    // The content's own words are never read as typos of a danger word.
    this.urgencyRules = new UrgencyRules(files.urgencyRules, files.items.flatMap((i) => foldedWords([i.title, i.summary, i.body, ...i.questions, ...i.keywords, ...i.steps].join(' '))));
    this.blend = settings.blend ?? DEFAULT_BLEND;
    const examples = prebuilt ? undefined : modelExamples(files.items, files.phrasings ?? [], this.byId);
    this.model = new PhrasingModel(prebuilt?.model ?? examples!, settings.model);
    const useLinear = settings.linear === undefined ? (this.blend.linearWeight ?? 0) > 0 : settings.linear !== false;
    const linearTaught = useLinear && !prebuilt?.linear ? linearExamples(examples ?? modelExamples(files.items, files.phrasings ?? [], this.byId), files.phrasings ?? [], files.items.length) : null;
    this.linear = !useLinear ? null : prebuilt?.linear ? new LinearModel(prebuilt.linear) : linearTaught ? new LinearModel(linearTaught, settings.linear || {}) : null;
    this.knownWords = knownWordsFrom([
      ...files.items.flatMap((i) => [i.title, i.summary, i.body, ...i.steps, ...i.keywords, ...i.contacts.map((c) => c.name)]),
      ...files.gemeenten.map((g) => g.naam),
    ]);
  }

  /** The search index and the trained model as JSON (npm run build writes them beside the content; see prebuilt.ts). */
  serialized(): PrebuiltParts {
    return { index: this.index.toJSON(), model: this.model.toJSON(), ...(this.linear ? { linear: this.linear.toJSON() } : {}) };
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
  findRoute(question: string, options: FindOptions = {}): Answer {
    return this.decide(this.evidence(question, options), this.blend);
  }

  /** Everything findRoute weighs for a question: urgency, lunr's hits, the phrasing model's verdict. */
  evidence(fullQuestion: string, options: FindOptions = {}): RouteEvidence {
    const question = fullQuestion.length > MAX_QUESTION_CHARS ? fullQuestion.slice(0, MAX_QUESTION_CHARS) : fullQuestion;
    const gemeente = options.gemeente ? foldText(options.gemeente) : null;
    const visible = (item: KnowledgeItem) => gemeente === null || item.gemeenten === 'all' || item.gemeenten.some((g) => foldText(g) === gemeente);
    const hits = this.index
      .search(question)
      .map((hit) => ({ hit, item: this.byId.get(hit.id)! }))
      .filter(({ item }) => visible(item));
    const features = textFeatures(question);
    const neighbours = this.model.classify(question, this.linear !== null, features);
    const verdict = this.linear ? { ...neighbours, linear: this.linear.classify(question, features) } : neighbours;
    const visibleVerdict =
      gemeente === null
        ? verdict
        : {
            ...verdict,
            items: verdict.items.filter((v) => visible(this.byId.get(v.id)!)),
            ...(verdict.linear ? { linear: { ...verdict.linear, items: verdict.linear.items.filter((p) => visible(this.byId.get(p.id)!)) } } : {}),
          };
    const titled = this.byTitle.get(foldText(question));
    return { question, danger: this.urgencyRules.detect(question), hits, verdict: visibleVerdict, titled: titled && visible(titled) ? titled : undefined };
  }

  /** The answer from the evidence, with these blend settings (findRoute: the defaults). */
  decide(evidence: RouteEvidence, blend: BlendSettings): Answer {
    const { hits, verdict, titled } = evidence;
    // When the rules miss acute danger that the nearest phrasings are about, the model makes it urgent.
    const modelUrgent =
      evidence.danger.level !== 'urgent' &&
      (blend.urgentOverHoldBack !== false || !this.urgencyRules.heldBack(evidence.danger)) &&
      modelSuggestsUrgency(verdict, blend);
    const danger = modelUrgent ? this.urgencyFromModel(verdict) : evidence.danger;
    const confident = (hit: IndexHit) => hit.topical && hit.coverage >= MIN_COVERAGE && hit.score >= MIN_SCORE;
    // Two needs ("klant praat aan de telefoon over zelfmoord"): the acute route answers, the best text
    // match for the rest stays in the list, for "Bedoelde je …?", even when it alone would not be confident.
    // Only when the acute route leaves part of the question unexplained ("kind is vermist" has no second need).
    let secondNeed: string[] = [];
    if (danger.level === 'urgent') {
      const dangerCoverage = Math.max(0, ...hits.filter(({ item }) => danger.routes.includes(item.id)).map(({ hit }) => hit.coverage));
      const other = dangerCoverage < 1 ? hits.find(({ item }) => !danger.routes.includes(item.id)) : undefined;
      if (other && other.hit.score >= MIN_SCORE) secondNeed = [other.item.id];
    }
    const blended = blendRoutes(
      hits.map(({ hit }) => ({ id: hit.id, score: hit.score, confident: confident(hit), topical: hit.topical })),
      verdict,
      // A question the rules see danger in is never turned away on the models' "no answer" alone.
      danger.level === null ? blend : { ...blend, noAnswerSure: undefined },
      secondNeed,
    );
    let results: ScoredItem[] = blended.map((r) => ({ item: this.byId.get(r.id)!, score: round(r.score) }));
    // Typing an item's exact title (as a "Bedoelde je …?" button does) asks for that item.
    if (titled && results[0]?.item !== titled) {
      const top = results[0]?.score ?? 1;
      results = [{ item: titled, score: round(top + 1) }, ...results.filter((r) => r.item !== titled)];
    }
    if (danger.routes.length > 0) results = this.withRoutesFirst(results, danger.routes);
    // The rules decide "urgent"; the model only adds the alert line when its nearest phrasings are about danger.
    const modelAlert = danger.level === null && results.length > 0 && modelSuggestsDanger(verdict, blend);
    const alertKind = danger.level === 'alert' ? danger.kind : modelAlert ? this.alertKindFor(verdict) : null;

    return {
      urgent: danger.level === 'urgent',
      urgency: danger.level === 'urgent' ? danger.kind : null,
      alert: alertKind !== null,
      alertKind,
      urgencyRules: [
        ...evidence.danger.fired.map((f) => `${f.id} (${f.level})`),
        ...(modelUrgent ? ['phrasing-model (urgent)'] : []),
        ...(modelAlert ? ['phrasing-model (alert)'] : []),
      ],
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

  /** Urgent, of the kind most of the urgent neighbours are about, with that kind's acute routes first. */
  private urgencyFromModel(verdict: PhrasingVerdict): Urgency {
    const kind = KIND_OF_PHRASING[verdict.urgentKind ?? ''] ?? 'geweld';
    return { level: 'urgent', kind, routes: this.urgencyRules.routesOf(kind), fired: [] };
  }

  /** The numbers the model's alert line gives: from its danger neighbours' kind, else from the item it answers with. */
  private alertKindFor(verdict: PhrasingVerdict): UrgencyKind {
    return KIND_OF_PHRASING[verdict.dangerKind ?? ''] ?? KIND_OF_ITEM[verdict.items[0]?.id ?? ''] ?? 'geweld';
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

/** The model's examples: every item's title and own questions, and the labelled phrasings of items that exist. */
function modelExamples(items: ReadonlyArray<KnowledgeItem>, phrasings: ReadonlyArray<Phrasing>, byId: ReadonlyMap<string, KnowledgeItem>): LabelledExample[] {
  return [
    ...items.flatMap((item) => [item.title, ...item.questions].map((text) => ({ text, label: item.id, danger: false }))),
    // A phrasing of an item that was removed teaches nothing (test/knowledge/phrasings.test.ts keeps them in step).
    ...phrasings.filter((p) => p.expect === null || byId.has(p.expect)).map((p) => ({ text: p.q, label: p.expect, danger: p.urgent || p.kind === 'alert', kind: p.kind })),
  ];
}

/** Without labelled phrasings, the linear classifier learns every item's own questions up to this many items. */
const MAX_UNTAUGHT_CLASSES = 200;

/**
 * What the linear classifier learns from: with labelled staff phrasings, the items they are labelled with
 * (and "no answer"); an item nobody labelled a phrasing for is left to lunr and the neighbours. Its
 * weights grow with classes × features: with 10,000 items each its own class, training took gigabytes.
 */
function linearExamples(examples: LabelledExample[], phrasings: ReadonlyArray<Phrasing>, itemCount: number): LabelledExample[] | null {
  if (phrasings.length > 0) {
    const taught = new Set(phrasings.map((p) => p.expect));
    return examples.filter((e) => e.label === null || taught.has(e.label));
  }
  // Nothing to learn from: no classifier, rather than one that gives every item the same probability.
  return itemCount <= MAX_UNTAUGHT_CLASSES ? examples : null;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
