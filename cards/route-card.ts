// The answer card: the route for a question, fitted to the user's gemeente. An urgent card (acute
// danger, suicide, a medical emergency, a missing vulnerable person) opens with the number(s) to call
// and stays short enough to be seen whole on a laptop: its steps and source fold away behind "Alle
// stappen". An alert card (a danger word without a clear "now") keeps its route and opens with one line,
// "Is er nu direct gevaar? Bel 112", and its call button. The source line names the publisher with a
// link and the day the item was checked; past its reviewBefore the card says so.
import { formatDutchDateTime } from '../time/dutch-dates';
import { ACUTE_ROUTE_ID, SUICIDE_ROUTE_ID, type Contact, type LocalizedItem } from '../knowledge/index';
import { reviewOverdue } from '../knowledge/review';
import type { Source } from '../knowledge/schema';
import { URGENCY_KINDS, type UrgencyKind } from '../knowledge/urgency';
import { formatLocalDate, type LocalDate } from '../time/amsterdam-time';
import type { AdaptiveCard } from './render';
import { routeCardLayout } from './route-card-layout';

/** Which acute block an urgent card opens with (or which number an alert line gives); null: none. */
export type Urgency = UrgencyKind | null;

const VERMISSING_ROUTE_ID = 'meldroutes/vermissing';

export interface LinkButton {
  title: string;
  url: string;
  /** Always set: the template would otherwise leave its expression in the card. */
  tooltip: string;
}

export interface ItemLink {
  itemId: string;
  title: string;
}

export interface RouteCardData {
  itemId: string;
  title: string;
  summary: string;
  /** Urgent only: the call buttons first, then at most two short lines. */
  acute: AcuteBlock | null;
  /** Alert only: "Is er nu direct gevaar? Bel 112" and its call button, above the route. */
  alert: AlertLine | null;
  /** False when the acute heading already says what the item's title says (the item is its own route). */
  showTitle: boolean;
  privacyNotice: string | null;
  localNotice: string | null;
  contacts: LinkButton[];
  steps: Array<{ number: number; text: string }>;
  /** Urgent cards fold steps and source behind "Alle stappen" so the call buttons stay in view. */
  collapseSteps: boolean;
  /** "Veilig Thuis Utrecht — [veiligthuisutrecht.nl](https://…)": publishers with a link, a seed by its title. */
  source: string;
  /** "23 november 2026" */
  reviewed: string;
  /** Past the item's reviewBefore: "Let op: deze informatie is ouder dan 12 maanden — controleer bij de bron". */
  reviewNotice: string | null;
  /** On a card that gives no 112 otherwise (no acute block, no alert line, no 112 button): the numbers in one line. */
  safetyLine: string | null;
  alternatives: ItemLink[];
  feedbackGiven: boolean;
  /** Carried in the feedback buttons, so the refreshed card keeps its acute block or alert line and alternatives. */
  urgencyKind: CarriedUrgency;
  alternativeIds: string;
  /** The masked question (short), carried in "Niet nuttig" so the card can offer "Vraag een collega" prefilled. */
  question: string;
}

export const PRIVACY_NOTICE =
  'Deel geen persoonsgegevens (BSN, adres, telefoonnummer, e-mail, geboortedatum) in de chat. Ik heb ze niet opgeslagen; alleen een versie zonder die gegevens.';

export interface AcuteBlock {
  heading: string;
  text: string;
  buttons: LinkButton[];
}

export interface AlertLine {
  text: string;
  buttons: LinkButton[];
}

// When in doubt, show 112: a question can describe danger in words no rule knows. A quiet line costs
// little on a card about huurachterstand; a missing 112 on a card that should have been acute costs a lot.
export const SAFETY_LINE = 'Acuut gevaar? Bel 112. Zelfmoordgedachten? Bel 113.';

export const REVIEW_OVERDUE_NOTICE = 'Let op: deze informatie is ouder dan 12 maanden — controleer bij de bron';

/** At most this many numbers to call in an urgent card, acute buttons included. */
export const URGENT_MAX_CALL_BUTTONS = 3;

interface AcuteBlockRules extends AcuteBlock {
  /** The item this block stands for: its title would repeat the heading. */
  routeId: string;
  /** Numbers (digits) the block already gives: the item's own buttons for them are left out. */
  covers: string[];
  /** Items not offered under "Bedoelde je …?": a button "Acuut gevaar? Bel 112" that does not call is a trap. */
  coveredRoutes: string[];
}

const CALL_112: LinkButton = { title: '112 — Alarmnummer', url: 'tel:112', tooltip: 'Alarmnummer, 24/7' };
const CALL_113: LinkButton = { title: '113 — Zelfmoordpreventie', url: 'tel:113', tooltip: '113 Zelfmoordpreventie, 24/7, anoniem, gratis' };

const ACUTE_BLOCKS: Record<UrgencyKind, AcuteBlockRules> = {
  geweld: {
    heading: 'Acuut gevaar? Bel 112',
    text: "Zorg eerst voor je eigen veiligheid en die van collega's.",
    buttons: [{ title: '112 — Alarmnummer', url: 'tel:112', tooltip: 'Alarmnummer, 24/7' }],
    routeId: ACUTE_ROUTE_ID,
    covers: ['112'],
    coveredRoutes: [ACUTE_ROUTE_ID],
  },
  suicide: {
    heading: 'Zorgen over zelfmoord? Bel 113',
    text: 'Is iemand nu in levensgevaar? Bel 112.',
    buttons: [
      { title: '113 — Zelfmoordpreventie', url: 'tel:113', tooltip: '113 Zelfmoordpreventie, 24/7, anoniem, gratis' },
      { title: '112 — Alarmnummer', url: 'tel:112', tooltip: 'Alarmnummer, 24/7' },
    ],
    routeId: SUICIDE_ROUTE_ID,
    // 0800-0113 reaches the same 113 line: one button for it is enough in a crisis.
    covers: ['113', '08000113', '112'],
    coveredRoutes: [SUICIDE_ROUTE_ID, ACUTE_ROUTE_ID],
  },
  medisch: {
    heading: 'Acuut gevaar? Bel 112',
    text: 'Medisch noodgeval: vraag om een ambulance.',
    buttons: [CALL_112],
    routeId: ACUTE_ROUTE_ID,
    covers: ['112'],
    coveredRoutes: [ACUTE_ROUTE_ID],
  },
  vermissing: {
    heading: 'Vermist kind of kwetsbare volwassene? Bel 112',
    text: 'Meteen, niet via 0900-8844 of het politiebureau.',
    buttons: [CALL_112],
    routeId: VERMISSING_ROUTE_ID,
    covers: ['112'],
    coveredRoutes: [VERMISSING_ROUTE_ID, ACUTE_ROUTE_ID],
  },
};

interface AlertLineRules extends AlertLine {
  covers: string[];
}

/** The alert line: 113 for suicide and self-harm, 112 for the rest. */
function alertLine(kind: UrgencyKind): AlertLineRules {
  return kind === 'suicide'
    ? { text: 'Is er nu direct gevaar? Bel 113 — bij levensgevaar 112', buttons: [CALL_113], covers: ['113', '08000113'] }
    : { text: 'Is er nu direct gevaar? Bel 112', buttons: [CALL_112], covers: ['112'] };
}

/** The alert line for a kind of danger, as a card shows it (also the no-answer card). */
export function alertLineFor(kind: UrgencyKind): AlertLine {
  const { text, buttons } = alertLine(kind);
  return { text, buttons };
}

/** What a card carries in its feedback buttons, so the refreshed card opens the same way. */
export const CARRIED_URGENCIES = ['', ...URGENCY_KINDS, ...URGENCY_KINDS.map((k) => `alert-${k}` as const)] as const;
export type CarriedUrgency = (typeof CARRIED_URGENCIES)[number];

export function carriedUrgency(urgency: Urgency, alert: Urgency): CarriedUrgency {
  return urgency ?? (alert ? `alert-${alert}` : '');
}

/** The urgency and alert a carried value stands for ('' for neither). */
export function fromCarriedUrgency(carried: CarriedUrgency): { urgency: Urgency; alert: Urgency } {
  if (carried === '') return { urgency: null, alert: null };
  if (carried.startsWith('alert-')) return { urgency: null, alert: carried.slice('alert-'.length) as UrgencyKind };
  return { urgency: carried as UrgencyKind, alert: null };
}

/** Text shown in a Markdown TextBlock: our own link syntax only. */
function plain(text: string): string {
  return text.replace(/[[\]*_`<>]/g, '').trim();
}

/**
 * The source line for a frontline worker: "Veilig Thuis Utrecht — [veiligthuisutrecht.nl](https://…)",
 * a document we hold a copy of by its title; primary sources first, each at most once, never the editors'
 * `section` note.
 */
export function sourceLine(sources: ReadonlyArray<Source>): string {
  const ordered = [...sources.filter((s) => s.mark === 'primair'), ...sources.filter((s) => s.mark !== 'primair')];
  const parts = ordered.map((source) => {
    const publisher = plain(source.publisher);
    if (source.url) {
      const url = new URL(source.url);
      const host = url.hostname.replace(/^www\./, '');
      return `${publisher} — [${host}](${url.href.replace(/\)/g, '%29').replace(/ /g, '%20')})`;
    }
    return source.title ? `${publisher} — ${plain(source.title)}` : publisher;
  });
  return [...new Set(parts)].slice(0, 3).join('; ');
}

/** Buttons for a contact: its phone as a tel: link, its website and e-mail. */
export function contactButtons(contact: Contact): LinkButton[] {
  const tooltip = [contact.hours, contact.note].filter(Boolean).join(' · ') || contact.name;
  const buttons: LinkButton[] = [];
  if (contact.phone) {
    // The number first, so a button cut short in a narrow layout still shows it: "112 — Alarmnummer",
    // not "Bel Alarmnummer 112" (which Teams truncates to "Bel Alar…").
    const name = contact.name.replace(contact.phone, '').replace(/\s{2,}/g, ' ').trim();
    buttons.push({ title: name ? `${contact.phone} — ${name}` : contact.phone, url: `tel:${telDigits(contact.phone)}`, tooltip });
  }
  // Not "113 Zelfmoordpreventie (website)": a title that starts with a number reads as a call button.
  if (contact.url) buttons.push({ title: `Website ${contact.name}`, url: contact.url, tooltip });
  if (contact.email) buttons.push({ title: `Mail ${contact.name}`, url: `mailto:${contact.email}`, tooltip });
  return buttons;
}

function telDigits(phone: string): string {
  return phone.replace(/[^\d+]/g, '');
}

const isCall = (button: LinkButton) => button.url.startsWith('tel:');

/**
 * The item's contact buttons, each link once. In an urgent card without the numbers the acute block
 * already shows, and with no more numbers than URGENT_MAX_CALL_BUTTONS in the whole card.
 */
function contactButtonsFor(contacts: Contact[], acute: AcuteBlockRules | null, alert: AlertLineRules | null = null): LinkButton[] {
  const seen = new Set<string>();
  let callsLeft = acute ? URGENT_MAX_CALL_BUTTONS - acute.buttons.length : Infinity;
  const covered = acute?.covers ?? alert?.covers ?? [];
  return contacts.flatMap(contactButtons).filter((button) => {
    if (seen.has(button.url)) return false;
    seen.add(button.url);
    if (!isCall(button)) return true;
    if (covered.includes(button.url.slice('tel:'.length))) return false;
    if (callsLeft <= 0) return false;
    callsLeft -= 1;
    return true;
  });
}

export interface RouteCardInput {
  item: LocalizedItem;
  urgency: Urgency;
  /** A danger word without a clear "now" (ignored when urgent): the card opens with the alert line. */
  alert?: Urgency;
  /** The bot's clock date (Amsterdam): past the item's reviewBefore the card says so. */
  today: LocalDate;
  privacyNotice: boolean;
  alternatives: ItemLink[];
  feedbackGiven?: boolean;
  /** The masked question; see RouteCardData.question. */
  question?: string;
}

export function routeCardData({ item, urgency, alert = null, today, privacyNotice, alternatives, feedbackGiven = false, question = '' }: RouteCardInput): RouteCardData {
  const acute = urgency ? ACUTE_BLOCKS[urgency] : null;
  const alertRules = !acute && alert ? alertLine(alert) : null;
  const offered = alternatives.filter((a) => !acute?.coveredRoutes.includes(a.itemId)).slice(0, 3);
  const contacts = contactButtonsFor(item.contacts, acute, alertRules);
  return {
    itemId: item.id,
    title: item.title,
    summary: item.summary,
    acute: acute ? { heading: acute.heading, text: acute.text, buttons: acute.buttons } : null,
    alert: alertRules ? { text: alertRules.text, buttons: alertRules.buttons } : null,
    showTitle: acute?.routeId !== item.id,
    privacyNotice: privacyNotice ? PRIVACY_NOTICE : null,
    localNotice: item.localNotice,
    contacts,
    safetyLine: acute || alertRules || contacts.some((c) => c.url === 'tel:112') ? null : SAFETY_LINE,
    steps: item.steps.map((text, i) => ({ number: i + 1, text })),
    collapseSteps: acute !== null,
    source: sourceLine(item.source),
    reviewed: formatDutchDateTime(item.reviewed),
    reviewNotice: reviewOverdue(item, formatLocalDate(today)) ? REVIEW_OVERDUE_NOTICE : null,
    alternatives: offered,
    feedbackGiven,
    urgencyKind: carriedUrgency(urgency, alertRules ? alert : null),
    alternativeIds: offered.map((a) => a.itemId).join(','),
    question,
  };
}

export function routeCard(input: RouteCardInput): AdaptiveCard {
  return routeCardLayout(routeCardData(input));
}
