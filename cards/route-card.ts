// The answer card: the route for a question, fitted to the user's gemeente. An urgent card (acute
// danger, suicide) opens with the number(s) to call and stays short enough to be seen whole on a
// laptop: its steps and source fold away behind "Alle stappen".
import { formatDutchDateTime } from '../agenda/dutch-dates';
import { ACUTE_ROUTE_ID, SUICIDE_ROUTE_ID, type Contact, type LocalizedItem } from '../knowledge/index';
import { renderTemplate, type AdaptiveCard } from './render';

export type Urgency = 'geweld' | 'suicide' | null;

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
  /** False when the acute heading already says what the item's title says (the item is its own route). */
  showTitle: boolean;
  privacyNotice: string | null;
  localNotice: string | null;
  contacts: LinkButton[];
  steps: Array<{ number: number; text: string }>;
  /** Urgent cards fold steps and source behind "Alle stappen" so the call buttons stay in view. */
  collapseSteps: boolean;
  source: string;
  /** "23 november 2026" */
  reviewed: string;
  alternatives: ItemLink[];
  feedbackGiven: boolean;
  /** Carried in the feedback buttons, so the refreshed card keeps its acute block and alternatives. */
  urgencyKind: string;
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

const ACUTE_BLOCKS: Record<'geweld' | 'suicide', AcuteBlockRules> = {
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
};

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
function contactButtonsFor(contacts: Contact[], acute: AcuteBlockRules | null): LinkButton[] {
  const seen = new Set<string>();
  let callsLeft = acute ? URGENT_MAX_CALL_BUTTONS - acute.buttons.length : Infinity;
  return contacts.flatMap(contactButtons).filter((button) => {
    if (seen.has(button.url)) return false;
    seen.add(button.url);
    if (!isCall(button)) return true;
    if (acute?.covers.includes(button.url.slice('tel:'.length))) return false;
    if (callsLeft <= 0) return false;
    callsLeft -= 1;
    return true;
  });
}

export interface RouteCardInput {
  item: LocalizedItem;
  urgency: Urgency;
  privacyNotice: boolean;
  alternatives: ItemLink[];
  feedbackGiven?: boolean;
  /** The masked question; see RouteCardData.question. */
  question?: string;
}

export function routeCardData({ item, urgency, privacyNotice, alternatives, feedbackGiven = false, question = '' }: RouteCardInput): RouteCardData {
  const acute = urgency ? ACUTE_BLOCKS[urgency] : null;
  const offered = alternatives.filter((a) => !acute?.coveredRoutes.includes(a.itemId)).slice(0, 3);
  return {
    itemId: item.id,
    title: item.title,
    summary: item.summary,
    acute: acute ? { heading: acute.heading, text: acute.text, buttons: acute.buttons } : null,
    showTitle: acute?.routeId !== item.id,
    privacyNotice: privacyNotice ? PRIVACY_NOTICE : null,
    localNotice: item.localNotice,
    contacts: contactButtonsFor(item.contacts, acute),
    steps: item.steps.map((text, i) => ({ number: i + 1, text })),
    collapseSteps: acute !== null,
    source: item.source.map((s) => `${s.document} (${s.section})`).join('; '),
    reviewed: formatDutchDateTime(item.reviewed),
    alternatives: offered,
    feedbackGiven,
    urgencyKind: urgency ?? '',
    alternativeIds: offered.map((a) => a.itemId).join(','),
    question,
  };
}

export function routeCard(input: RouteCardInput): AdaptiveCard {
  return renderTemplate('route', routeCardData(input));
}
