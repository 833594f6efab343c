// The cards around the answer: no answer, welcome and help, and the coordinators' curation list.
import { contactButtons, PRIVACY_NOTICE, type ItemLink, type LinkButton } from './route-card';
import { renderTemplate, type AdaptiveCard } from './render';
import type { Contact } from '../knowledge/index';

export interface NoAnswerCardData {
  privacyNotice: string | null;
  closest: ItemLink[];
  fallbacks: LinkButton[];
}

export function noAnswerCard(input: { privacyNotice: boolean; closest: ItemLink[]; fallbackContacts: Contact[] }): AdaptiveCard {
  const seen = new Set<string>();
  const fallbacks = input.fallbackContacts.flatMap(contactButtons).filter((b) => !seen.has(b.url) && seen.add(b.url));
  const data: NoAnswerCardData = {
    privacyNotice: input.privacyNotice ? PRIVACY_NOTICE : null,
    closest: input.closest.slice(0, 3),
    fallbacks,
  };
  return renderTemplate('no-answer', data);
}

export interface WelcomeCardData {
  heading: string;
  intro: string;
  abilities: string[];
  examples: string[];
}

const ABILITIES = [
  'Stel een vraag in gewone taal, bijvoorbeeld "waar meld ik een vermoeden van huiselijk geweld?". Ik geef de meldroute: waar je meldt, wie je belt, de stappen en de bron.',
  '**gemeente Baarn** (of een andere gemeente) onthoudt je gemeente, zodat je ook het lokale meldpunt ziet; **gemeente** laat zien welke je hebt gekozen.',
  '**help** of **hulp** toont dit overzicht.',
  'Via het zoekvak onder het berichtvenster (Meldwijzer → zoek) voeg je een meldroute in elk gesprek in.',
  '**mijlpalen** toont de mijlpalen van het uitvoeringsplan voor je gemeente in dit kwartaal; bijvoorbeeld **mijlpalen Baarn Q3 2024** of **mijlpalen overzicht**. Met de knoppen zet je een mijlpaal op open, bezig of gereed.',
  'In een kanaal: **herinneringen** toont of kwartaalherinneringen aan staan; coördinatoren zetten ze aan met **herinneringen aan Baarn** en uit met **herinneringen uit**.',
  'In het werkgroepkanaal: **overleg** toont de volgende overleggen en **agenda** de agenda; **agenda voorstel** gevolgd door een onderwerp stelt een punt voor. Coördinatoren plannen met **overleg plannen 9 december 10:00** en houden de agenda bij met **agenda toevoegen**.',
  'Coördinatoren: **onbeantwoord** toont de vragen waarop ik geen antwoord had.',
];

const EXAMPLES = ['Waar meld ik een vermoeden van huiselijk geweld?', 'Klant wordt agressief aan de balie', 'Huurder heeft twee maanden huurachterstand'];

export function welcomeCard(kind: 'welkom' | 'help'): AdaptiveCard {
  const data: WelcomeCardData = {
    heading: kind === 'welkom' ? 'Welkom bij Meldwijzer' : 'Wat Meldwijzer kan',
    intro:
      kind === 'welkom'
        ? 'Ik help je de juiste meldroute te vinden bij zorgen over veiligheid: huiselijk geweld, verward gedrag, agressie, huurachterstanden en meer.'
        : 'Stel je vraag in gewone taal, of gebruik een van deze opdrachten.',
    abilities: ABILITIES,
    examples: EXAMPLES,
  };
  return renderTemplate('welcome', data);
}

export interface UnansweredCardData {
  intro: string;
  questions: Array<{ text: string; meta: string }>;
}

export function unansweredCard(questions: Array<{ maskedQuestion: string; createdAt: Date; gemeente: string | null; closestIds: string[] }>): AdaptiveCard {
  const data: UnansweredCardData = {
    intro:
      questions.length === 0
        ? 'Er zijn geen onbeantwoorde vragen.'
        : `De laatste ${questions.length} vragen zonder antwoord (persoonsgegevens zijn gemaskeerd).`,
    questions: questions.map((q) => ({
      text: q.maskedQuestion,
      meta: [
        q.createdAt.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'short' }),
        q.gemeente ? `gemeente ${q.gemeente}` : null,
        q.closestIds.length > 0 ? `dichtstbij: ${q.closestIds.join(', ')}` : null,
      ]
        .filter(Boolean)
        .join(' · '),
    })),
  };
  return renderTemplate('unanswered', data);
}
