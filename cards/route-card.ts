// The answer card: the route for a question, fitted to the user's gemeente.
import type { Contact, LocalizedItem } from '../knowledge/index';
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
  acute: { heading: string; text: string; buttons: LinkButton[] } | null;
  privacyNotice: string | null;
  localNotice: string | null;
  contacts: LinkButton[];
  steps: Array<{ number: number; text: string }>;
  source: string;
  reviewed: string;
  alternatives: ItemLink[];
  feedbackGiven: boolean;
  /** Carried in the feedback buttons, so the refreshed card keeps its acute block and alternatives. */
  urgencyKind: string;
  alternativeIds: string;
}

export const PRIVACY_NOTICE =
  'Deel geen persoonsgegevens (BSN, adres, telefoonnummer, e-mail, geboortedatum) in de chat. Ik heb ze niet opgeslagen; alleen een versie zonder die gegevens.';

const ACUTE_BLOCKS: Record<'geweld' | 'suicide', RouteCardData['acute']> = {
  geweld: {
    heading: 'Acuut gevaar? Bel 112',
    text: 'Is iemand nu in gevaar? Bel direct 112 en zorg eerst voor je eigen veiligheid.',
    buttons: [{ title: 'Bel 112', url: 'tel:112', tooltip: 'Alarmnummer, 24/7' }],
  },
  suicide: {
    heading: 'Zorgen over zelfmoord? Bel 113 — bij direct levensgevaar 112',
    text: '113 Zelfmoordpreventie is 24/7, anoniem en gratis bereikbaar (ook 0800-0113). Is iemand nu in levensgevaar, bel 112.',
    buttons: [
      { title: 'Bel 113', url: 'tel:113', tooltip: '113 Zelfmoordpreventie, 24/7, anoniem, gratis' },
      { title: 'Bel 112', url: 'tel:112', tooltip: 'Alarmnummer, 24/7' },
    ],
  },
};

/** Buttons for a contact: its phone as a tel: link, its website and e-mail. */
export function contactButtons(contact: Contact): LinkButton[] {
  const tooltip = [contact.hours, contact.note].filter(Boolean).join(' · ') || contact.name;
  const buttons: LinkButton[] = [];
  if (contact.phone) {
    // "Bel Alarmnummer 112", not "Bel Alarmnummer 112 (112)".
    const label = contact.name.includes(contact.phone) ? contact.name : `${contact.name} (${contact.phone})`;
    buttons.push({ title: `Bel ${label}`, url: `tel:${telDigits(contact.phone)}`, tooltip });
  }
  if (contact.url) buttons.push({ title: `${contact.name} (website)`, url: contact.url, tooltip });
  if (contact.email) buttons.push({ title: `Mail ${contact.name}`, url: `mailto:${contact.email}`, tooltip });
  return buttons;
}

function telDigits(phone: string): string {
  return phone.replace(/[^\d+]/g, '');
}

export interface RouteCardInput {
  item: LocalizedItem;
  urgency: Urgency;
  privacyNotice: boolean;
  alternatives: ItemLink[];
  feedbackGiven?: boolean;
}

export function routeCardData({ item, urgency, privacyNotice, alternatives, feedbackGiven = false }: RouteCardInput): RouteCardData {
  return {
    itemId: item.id,
    title: item.title,
    summary: item.summary,
    acute: urgency ? ACUTE_BLOCKS[urgency] : null,
    privacyNotice: privacyNotice ? PRIVACY_NOTICE : null,
    localNotice: item.localNotice,
    contacts: item.contacts.flatMap(contactButtons),
    steps: item.steps.map((text, i) => ({ number: i + 1, text })),
    source: item.source.map((s) => `${s.document} (${s.section})`).join('; '),
    reviewed: item.reviewed,
    alternatives: alternatives.slice(0, 3),
    feedbackGiven,
    urgencyKind: urgency ?? '',
    alternativeIds: alternatives.slice(0, 3).map((a) => a.itemId).join(','),
  };
}

export function routeCard(input: RouteCardInput): AdaptiveCard {
  return renderTemplate('route', routeCardData(input));
}
