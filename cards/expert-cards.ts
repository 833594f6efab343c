// "Vraag een collega": the section under a route or no-answer card (the form, or who to ask when no
// experts' channel is set, or the confirmation), the question card in the experts' channel, and the
// answer the asker gets in a 1:1 chat. Everything users typed is shown literally (TextRun, input value).
import { formatDutchDateTime } from '../time/dutch-dates';
import { renderTemplate, type AdaptiveCard } from './render';
import type { CarriedUrgency } from './route-card';

/** What a route card carries of the question (masked), so "Niet nuttig" can prefill the form. */
export const CARRIED_QUESTION_MAX = 500;
/** The longest question and answer, after masking. */
export const ASK_QUESTION_MAX = 1000;
export const EXPERT_ANSWER_MAX = 2000;

/** The card the form sits under, so the card can be shown again around the confirmation. */
export type AskHost =
  | { kind: 'route'; itemId: string; urgency: CarriedUrgency; alternativeIds: string }
  | { kind: 'geenAntwoord'; closestIds: string; urgency: CarriedUrgency };

export type AskColleagueSection =
  /** The form, prefilled with the (masked) question; `error` says why a sent form was not accepted. */
  | { kind: 'form'; formId: string; question: string; host: AskHost; error?: string }
  /** No experts' channel: whom to ask instead (coordinators' names, when known). */
  | { kind: 'wieVragen'; coordinators: string[] }
  | { kind: 'verstuurd'; question: string; again: boolean };

export const ASK_NOTICE =
  "Collega's in het expertskanaal van de werkgroep Zorg & Veiligheid lezen wat je hier verstuurt. Persoonsgegevens (BSN, telefoonnummer, e-mail, adres, geboortedatum) vervang ik eerst door labels, en je naam zien zij niet. Het antwoord krijg je van mij in een 1-op-1-chat.";

/** "Alice", "Alice of Bob", "Alice, Bob of Carla". */
function namesOr(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} of ${names[names.length - 1]}`;
}

export function whoToAsk(coordinators: string[]): string {
  const who = coordinators.length > 0 ? `een coördinator: ${namesOr(coordinators.slice(0, 5))}` : 'een coördinator van de werkgroep Zorg & Veiligheid';
  return `Er is nog geen expertskanaal ingesteld, dus ik kan je vraag niet doorsturen. Vraag het ${who}.`;
}

/** The section as a card of its own (tests validate it so); `withAskColleague` puts it under another card. */
export function askColleagueSection(section: AskColleagueSection): AdaptiveCard {
  const host = section.kind === 'form' ? section.host : null;
  return renderTemplate('vraag-collega', {
    kind: section.kind,
    notice: ASK_NOTICE,
    error: section.kind === 'form' ? (section.error ?? '') : '',
    maxLength: ASK_QUESTION_MAX,
    question: section.kind === 'wieVragen' ? '' : section.question,
    formId: section.kind === 'form' ? section.formId : '',
    host: host?.kind ?? '',
    itemId: host?.kind === 'route' ? host.itemId : '',
    urgency: host?.urgency ?? '',
    alternativeIds: host?.kind === 'route' ? host.alternativeIds : '',
    closestIds: host?.kind === 'geenAntwoord' ? host.closestIds : '',
    text:
      section.kind === 'wieVragen'
        ? whoToAsk(section.coordinators)
        : section.kind === 'verstuurd'
          ? `${section.again ? 'Deze vraag had je al doorgestuurd' : 'Je vraag is doorgestuurd'} naar de collega's in het expertskanaal. Je krijgt het antwoord van mij in een 1-op-1-chat.`
          : '',
    footnote: section.kind === 'wieVragen' ? 'Een coördinator stelt het expertskanaal in door in een teamkanaal "@Meldwijzer experts hier" te typen.' : '',
  });
}

/** The card with the "Vraag een collega" section added at the end of its body. */
export function withAskColleague(card: AdaptiveCard, section: AskColleagueSection): AdaptiveCard {
  return { ...card, body: [...card.body, ...askColleagueSection(section).body] };
}

export interface ExpertQuestionView {
  questionId: string;
  maskedQuestion: string;
  gemeente: string | null;
  itemTitle: string | null;
  claimed: { name: string | null; at: Date } | null;
  answered: { name: string | null; at: Date; maskedAnswer: string } | null;
  /** Shown only to the one who pressed a button: why it did not go through. */
  notice?: string;
  /** An answer that was not accepted (too long, or the question was answered already): kept, not lost. */
  draftAnswer?: string;
  rejectedAnswer?: string;
}

const when = (date: Date) => formatDutchDateTime(date);

const nameOf = (name: string | null) => name ?? 'een collega';

export function expertQuestionCard(view: ExpertQuestionView): AdaptiveCard {
  const status = view.answered
    ? `Beantwoord door ${nameOf(view.answered.name)} (${when(view.answered.at)}):`
    : view.claimed
      ? `Opgepakt door ${nameOf(view.claimed.name)} (${when(view.claimed.at)}).`
      : 'Nog niet opgepakt.';
  return renderTemplate('expert-vraag', {
    questionId: view.questionId,
    question: view.maskedQuestion,
    meta: [view.gemeente ? `gemeente ${view.gemeente}` : null, view.itemTitle ? `gezocht bij: ${view.itemTitle}` : null].filter(Boolean).join(' · '),
    status,
    answer: view.answered?.maskedAnswer ?? '',
    notice: view.notice ?? '',
    rejectedAnswer: view.rejectedAnswer ?? '',
    draftAnswer: view.draftAnswer ?? '',
    maxLength: EXPERT_ANSWER_MAX,
    open: !view.answered,
    canClaim: !view.answered && !view.claimed,
    footnote:
      'Iedereen in dit kanaal mag een vraag oppakken en beantwoorden. Persoonsgegevens zijn vervangen door labels; wie de vraag stelde zie je niet. Het antwoord gaat via Meldwijzer in een 1-op-1-chat naar de vraagsteller en wordt (zonder persoonsgegevens) bewaard als voorbeeld voor de kennisbank.',
  });
}

export function colleagueAnswerCard(input: { maskedQuestion: string; maskedAnswer: string; answeredBy: string | null; answeredAt: Date; itemTitle: string | null }): AdaptiveCard {
  return renderTemplate('collega-antwoord', {
    question: input.maskedQuestion,
    answer: input.maskedAnswer,
    meta: [`Beantwoord door ${nameOf(input.answeredBy)} in het expertskanaal, ${when(input.answeredAt)}`, input.itemTitle ? `bij: ${input.itemTitle}` : null]
      .filter(Boolean)
      .join(' · '),
  });
}
