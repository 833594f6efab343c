// Every refusal and failure someone can meet, each with a code and its one Dutch sentence (as bolt-js's
// errors.ts). Handlers, the app's error handler and the HTTP edge take the text from here; logs carry
// the code, never what the user wrote. A test checks every entry carries its own key as code.
import type { TurnContext } from 'botbuilder';
import type { Logger } from './logger';

export interface CodedError {
  readonly code: string;
  /** What the user (or the HTTP client) reads, in Dutch. */
  readonly text: string;
  /** For the HTTP edge: the status that goes with it. */
  readonly status?: number;
}

const NOT_A_COORDINATOR_TEXT = 'Dit kan alleen een coördinator van de werkgroep Zorg & Veiligheid. Vraag een coördinator om het te doen.';

export const ERRORS = {
  // Who may: tenants and roles.
  TENANT_REFUSED: {
    code: 'TENANT_REFUSED',
    text: 'Meldwijzer is niet ingesteld voor jouw organisatie, dus ik kan je hier niet helpen. Vraag de coördinator van de werkgroep Zorg & Veiligheid of je ICT-beheer om Meldwijzer voor jullie organisatie in te stellen. Bij acuut gevaar: bel 112.',
  },
  NOT_A_COORDINATOR: { code: 'NOT_A_COORDINATOR', text: NOT_A_COORDINATOR_TEXT },
  NOT_A_COORDINATOR_MAY_PROPOSE: {
    code: 'NOT_A_COORDINATOR_MAY_PROPOSE',
    text: `${NOT_A_COORDINATOR_TEXT} Je kunt het wel voorstellen: agenda voorstel <onderwerp>.`,
  },
  UNANSWERED_COORDINATORS_ONLY: {
    code: 'UNANSWERED_COORDINATORS_ONLY',
    text: 'Alleen coördinatoren kunnen de onbeantwoorde vragen bekijken. Vraag een coördinator van de werkgroep Zorg & Veiligheid.',
  },
  MILESTONE_STATUS_REFUSED: {
    code: 'MILESTONE_STATUS_REFUSED',
    text: 'Mijlpalen bijwerken kan in het kanaal of de groepschat van de werkgroep Zorg & Veiligheid (waar de herinneringen of overleggen staan), of door een coördinator.',
  },

  // Where: commands that work in one kind of conversation only.
  WERKGROEP_CHANNEL_ONLY: {
    code: 'WERKGROEP_CHANNEL_ONLY',
    text: 'Dit werkt in het kanaal van de werkgroep Zorg & Veiligheid: noem mij daar, bijvoorbeeld "@Meldwijzer agenda".',
  },
  REMINDERS_CHANNEL_ONLY: {
    code: 'REMINDERS_CHANNEL_ONLY',
    text: 'Herinneringen stel je in een kanaal van het werkgroepteam in: noem mij daar, bijvoorbeeld "@Meldwijzer herinneringen aan Baarn".',
  },
  EXPERTS_CHANNEL_ONLY: {
    code: 'EXPERTS_CHANNEL_ONLY',
    text: 'Het expertskanaal moet een kanaal in een team zijn, niet een persoonlijke chat of groepschat. Typ daar "@Meldwijzer experts hier".',
  },

  // Buttons on old cards, and what they pointed at that is gone.
  STALE_BUTTON: { code: 'STALE_BUTTON', text: 'Deze knop werkt niet meer.' },
  STALE_QUESTION_BUTTON: { code: 'STALE_QUESTION_BUTTON', text: 'Deze knop werkt niet meer. Stel je vraag opnieuw.' },
  STALE_DIGEST_BUTTON: { code: 'STALE_DIGEST_BUTTON', text: 'Deze knop werkt niet meer. Typ statistieken voor het actuele overzicht.' },
  STALE_MELDPUNTEN_BUTTON: {
    code: 'STALE_MELDPUNTEN_BUTTON',
    text: 'Deze knop werkt niet meer. Typ meldpunten gevolgd door de gemeente, bijvoorbeeld meldpunten Baarn.',
  },
  MILESTONE_GONE: { code: 'MILESTONE_GONE', text: 'Deze mijlpaal staat niet (meer) in het uitvoeringsplan. Vraag de mijlpalen opnieuw op.' },
  PROPOSAL_GONE: { code: 'PROPOSAL_GONE', text: 'Dit voorstel bestaat niet (meer).' },
  QUESTION_GONE: { code: 'QUESTION_GONE', text: 'Deze vraag bestaat niet (meer) in dit kanaal.' },

  // Meetings and their plans.
  NO_MEETING: { code: 'NO_MEETING', text: 'Er is nog geen overleg gepland. Een coördinator plant het met: overleg plannen 9 december 10:00.' },
  NO_MEETING_TO_ACCEPT: {
    code: 'NO_MEETING_TO_ACCEPT',
    text: 'Er is geen volgend overleg om dit voorstel op te zetten (het volgende is geannuleerd of nog niet gepland). Het voorstel blijft open: plan eerst een overleg met overleg plannen, en accepteer het dan.',
  },
  MEETING_PLAN_UNREADABLE: { code: 'MEETING_PLAN_UNREADABLE', text: 'Dit plan kan ik niet lezen. Plan het overleg opnieuw met: overleg plannen …' },
  MEETING_PLAN_EXPIRED: { code: 'MEETING_PLAN_EXPIRED', text: 'Dit voorstel is verlopen (na een uur). Plan het overleg opnieuw met: overleg plannen …' },
  MEETING_PLAN_GONE: { code: 'MEETING_PLAN_GONE', text: 'Dit plan is al bevestigd of bestaat niet (meer). Typ overleg voor de geplande overleggen.' },
  RECURRENCE_REFUSED: { code: 'RECURRENCE_REFUSED', text: 'Deze herhaling kan ik niet plannen. Plan het overleg opnieuw.' },

  // Failures of a turn (mapped once, in the app's error handler).
  STORAGE_UNAVAILABLE: { code: 'STORAGE_UNAVAILABLE', text: 'Meldwijzer kan dit nu niet opslaan, probeer het zo opnieuw.' },
  TURN_FAILED: { code: 'TURN_FAILED', text: 'Er ging iets mis bij het beantwoorden. Probeer het opnieuw; bij acuut gevaar: bel 112.' },

  // The HTTP edge: the body is { error: code, message: text }; the detail is in the log only.
  LOCAL_MODE_REMOTE_PEER: { code: 'LOCAL_MODE_REMOTE_PEER', status: 403, text: 'Lokale modus: Meldwijzer accepteert alleen verzoeken van deze computer.' },
  UNSUPPORTED_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415, text: 'Meldwijzer accepteert alleen activities als application/json.' },
  BAD_SERVICE_URL: { code: 'BAD_SERVICE_URL', status: 400, text: 'Ongeldige activity: serviceUrl moet https zijn.' },
  UNAUTHORIZED: { code: 'UNAUTHORIZED', status: 401, text: 'Niet geautoriseerd: een geldig Bot Framework-token is nodig.' },
  TEMPORARILY_UNAVAILABLE: { code: 'TEMPORARILY_UNAVAILABLE', status: 503, text: 'Meldwijzer kan dit verzoek nu niet verwerken. Probeer het zo opnieuw.' },
  INTERNAL_ERROR: { code: 'INTERNAL_ERROR', status: 500, text: 'Er ging iets mis in Meldwijzer. Probeer het zo opnieuw.' },
} as const satisfies Record<string, CodedError>;

/** Refusals that name who or how many: built here, so their words stay in this file too. */
export const errorWith = {
  /** Someone else tries to change a gemeente's meldpunten: names who can (the beheerders of the asker's tenant). */
  notABeheerder(gemeente: string, beheerders: string[]): CodedError & { code: 'NOT_A_BEHEERDER' } {
    const who = beheerders.length > 0 ? `de beheerders van ${gemeente} (${beheerders.join(', ')})` : `een beheerder van ${gemeente} (nog niet aangewezen)`;
    return {
      code: 'NOT_A_BEHEERDER',
      text: `Alleen ${who} en de coördinatoren kunnen de meldpunten van ${gemeente} wijzigen. Een coördinator wijst beheerders aan met: beheerder toevoegen ${gemeente} @naam.`,
    };
  },
  /** A question longer than search reads (a pasted document): 112 first, since it may describe danger. */
  questionTooLong(chars: number, max: number): CodedError & { code: 'QUESTION_TOO_LONG' } {
    const number = new Intl.NumberFormat('nl-NL');
    return {
      code: 'QUESTION_TOO_LONG',
      text:
        `Is er acuut gevaar? Bel 112. Je vraag is te lang voor mij: ${number.format(chars)} tekens, en ik lees er hoogstens ${number.format(max)}. ` +
        'Stel hem korter: wat er speelt en wat je wilt weten, zonder namen of andere persoonsgegevens.',
    };
  },
  /** "Vraag een collega" more often than an hour allows. */
  tooManyQuestions(perHour: number): CodedError & { code: 'TOO_MANY_QUESTIONS' } {
    return {
      code: 'TOO_MANY_QUESTIONS',
      text: `Je hebt het afgelopen uur al ${perHour} vragen aan collega's gesteld. Probeer het later opnieuw, of vraag het een coördinator.`,
    };
  },
};

/** Logs a refusal by its code (nothing the user wrote) and gives its text, for a card action's answer. */
export function refusal(logger: Pick<Logger, 'info'>, error: CodedError): string {
  logger.info({ event: 'refused', code: error.code }, 'refused');
  return error.text;
}

/** Logs a refusal by its code and says it as the reply to a message. */
export async function refuse(context: TurnContext, logger: Pick<Logger, 'info'>, error: CodedError): Promise<void> {
  await context.sendActivity(refusal(logger, error));
}
