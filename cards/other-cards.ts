// The cards around the answer: no answer, welcome and help, and the coordinators' curation list.
import { formatDutchDateTime } from '../time/dutch-dates';
import { alertLineFor, contactButtons, PRIVACY_NOTICE, type AlertLine, type ItemLink, type LinkButton } from './route-card';
import { fitCard, moreLine, truncateText } from './limits';
import { renderTemplate, type AdaptiveCard } from './render';
import type { Contact } from '../knowledge/index';
import type { UrgencyKind } from '../knowledge/urgency';

export interface NoAnswerCardData {
  /** "Is er nu direct gevaar? Bel 112" (113 for self-harm) on top, when the question had a danger word. */
  alert: AlertLine | null;
  privacyNotice: string | null;
  closest: ItemLink[];
  fallbacks: LinkButton[];
}

export function noAnswerCard(input: { privacyNotice: boolean; closest: ItemLink[]; fallbackContacts: Contact[]; alert?: UrgencyKind | null }): AdaptiveCard {
  const alert = input.alert ? alertLineFor(input.alert) : null;
  // A number the alert line already calls is not offered a second time further down.
  const seen = new Set<string>(alert?.buttons.map((b) => b.url));
  const fallbacks = input.fallbackContacts.flatMap(contactButtons).filter((b) => !seen.has(b.url) && seen.add(b.url));
  const data: NoAnswerCardData = {
    alert,
    privacyNotice: input.privacyNotice ? PRIVACY_NOTICE : null,
    closest: input.closest.slice(0, 3),
    fallbacks,
  };
  return renderTemplate('no-answer', data);
}

export interface WelcomeCardData {
  heading: string;
  intro: string;
  /** Short button titles (they must fit side by side); each asks its question as if typed. */
  examples: Array<{ title: string; question: string }>;
  footnote: string | null;
}

/** The three examples of the welcome and help cards: a short title, the question it asks. */
export const WELCOME_EXAMPLES: WelcomeCardData['examples'] = [
  { title: 'Huiselijk geweld', question: 'Waar meld ik een vermoeden van huiselijk geweld?' },
  { title: 'Agressieve klant', question: 'Klant wordt agressief aan de balie' },
  { title: 'Huurachterstand', question: 'Huurder heeft twee maanden huurachterstand' },
];

const INTRO = 'Stel je vraag in gewone taal. Ik laat zien waar je meldt, wie je belt en welke stappen je zet.';

/**
 * For a frontline worker: what to do, 112 first, three examples, privacy. `welkom` on install and on
 * a greeting; `help` adds the gemeente command and where the werkgroep's commands are.
 */
export function welcomeCard(kind: 'welkom' | 'help'): AdaptiveCard {
  const data: WelcomeCardData = {
    heading: kind === 'welkom' ? 'Welkom bij Meldwijzer' : 'Wat Meldwijzer kan',
    intro: kind === 'welkom' ? INTRO : `${INTRO} Met **gemeente Baarn** (of je eigen gemeente) zie je ook je lokale meldpunt.`,
    examples: WELCOME_EXAMPLES,
    footnote: kind === 'help' ? 'Werkgroep of coördinator? Typ **help werkgroep** voor de opdrachten voor overleg, agenda en mijlpalen.' : null,
  };
  return renderTemplate('welcome', data);
}

export interface WerkgroepHelpCardData {
  heading: string;
  /** Who added Meldwijzer, shown literally (a name is user text). */
  addedBy: string | null;
  intro: string;
  everyone: string[];
  coordinators: string[];
}

const WERKGROEP_EVERYONE = [
  '**mijlpalen** — de mijlpalen van het uitvoeringsplan voor je gemeente dit kwartaal; ook **mijlpalen Baarn Q3 2024** of **mijlpalen overzicht**.',
  '**overleg** — de volgende overleggen van de werkgroep.',
  '**agenda** — de agenda van het volgende overleg; **agenda voorstel** met een onderwerp stelt een punt voor; **agenda geschiedenis** laat zien wie wat wijzigde.',
  '**herinneringen** — of de kwartaalherinneringen hier aan staan; **overzicht** — of het wekelijkse overzicht van de kennisbank hier aan staat.',
  '**meldpunten Baarn** — de lokale meldpunten van een gemeente, ingevuld of niet; beheerders van die gemeente vullen ze daar in met **Wijzigen**. Ook **meldpunten Baarn geschiedenis** en **meldpunten overzicht**.',
];

const WERKGROEP_COORDINATORS = [
  '**overleg plannen 9 december 10:00** of **overleg plannen elke 2e dinsdag 10:00**; **overleg annuleren 9 december**.',
  '**agenda toevoegen** met een onderwerp; **agenda verwijderen**, **verplaatsen** en **afgerond** met het nummer van het punt; **agenda publiceren**.',
  '**herinneringen aan Baarn** en **herinneringen uit**.',
  '**coordinator toevoegen @naam** en **coordinator verwijderen @naam**; **beheerder toevoegen Baarn @naam** maakt iemand beheerder van de meldpunten van die gemeente.',
  '**overzicht aan** en **overzicht uit** — elke maandag om 09:00 het overzicht van de kennisbank hier; **statistieken** (of **statistieken 8**) toont het nu.',
  '**onbeantwoord** — de vragen waarop ik geen antwoord had (zonder persoonsgegevens).',
  '**experts hier** — typ dit in het kanaal van de experts: vragen zonder antwoord kunnen dan aan de collega\'s daar worden doorgegeven.',
];

/**
 * For the werkgroep and its coordinators: `help werkgroep`, and the welcome when Meldwijzer is added to
 * a team or a group chat (`addedTo`).
 */
export function werkgroepHelpCard(options: { addedTo?: 'team' | 'chat'; addedBy?: string | null } = {}): AdaptiveCard {
  const data: WerkgroepHelpCardData = {
    heading: options.addedTo ? `Meldwijzer is aan ${options.addedTo === 'team' ? 'dit team' : 'deze chat'} toegevoegd` : 'Meldwijzer voor de werkgroep',
    addedBy: options.addedTo && options.addedBy ? `Toegevoegd door ${options.addedBy}.` : null,
    intro:
      'Noem @Meldwijzer met een vraag in gewone taal, of met een van deze opdrachten. Overleg, agenda en herinneringen werken in het kanaal of de groepschat van de werkgroep.',
    everyone: WERKGROEP_EVERYONE,
    coordinators: WERKGROEP_COORDINATORS,
  };
  return renderTemplate('werkgroep-help', data);
}

export interface UnansweredCardData {
  intro: string;
  questions: Array<{ text: string; meta: string }>;
  /** "En nog …" when not every question fits in the card. */
  more: string | null;
}

/** A masked question shows this much; the coordinator reads the gist, and 20 of them fit a card. */
export const UNANSWERED_QUESTION_SHOWN = 500;

export function unansweredCard(questions: Array<{ maskedQuestion: string; createdAt: Date; gemeente: string | null; closestIds: string[] }>): AdaptiveCard {
  const intro =
    questions.length === 0
      ? 'Er zijn geen onbeantwoorde vragen.'
      : `${questions.length === 1 ? 'De laatste vraag' : `De laatste ${questions.length} vragen`} zonder antwoord (persoonsgegevens zijn gemaskeerd).`;
  const entries = questions.map((q) => ({
    text: truncateText(q.maskedQuestion, UNANSWERED_QUESTION_SHOWN),
    meta: [
      formatDutchDateTime(q.createdAt),
      q.gemeente ? `gemeente ${q.gemeente}` : null,
      q.closestIds.length > 0 ? `dichtstbij: ${q.closestIds.join(', ')}` : null,
    ]
      .filter(Boolean)
      .join(' · '),
  }));
  return fitCard(entries.length, (shown) => {
    const data: UnansweredCardData = {
      intro,
      questions: entries.slice(0, shown),
      more: moreLine(entries.length - shown, 'vraag; die past niet meer op deze kaart.', 'vragen; die passen niet meer op deze kaart.'),
    };
    return renderTemplate('unanswered', data);
  });
}
