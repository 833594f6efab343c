// Every chat command and card verb in one place; the manifest's command lists are checked against
// these by a test, so Teams' suggestions and the bot never drift apart.

export interface CommandDescription {
  /** What the user types (the manifest's command title). */
  title: string;
  /** One line for Teams' command menu. */
  description: string;
  /** Where Teams' command menu offers it (the manifest's command lists are made from this). */
  scopes: ReadonlyArray<'personal' | 'team' | 'groupChat'>;
}

export const COMMANDS = {
  help: { title: 'help', description: 'Wat Meldwijzer kan, met voorbeelden; help werkgroep voor de opdrachten van de werkgroep', scopes: ['personal', 'team', 'groupChat'] },
  // A personal setting: in the menu of the personal chat only (typed, it works everywhere).
  gemeente: { title: 'gemeente', description: 'Toon of kies je gemeente, bijvoorbeeld: gemeente Baarn', scopes: ['personal'] },
  onbeantwoord: { title: 'onbeantwoord', description: 'Coördinatoren: vragen zonder antwoord', scopes: ['personal', 'team', 'groupChat'] },
  mijlpalen: { title: 'mijlpalen', description: 'Mijlpalen uitvoeringsplan, bijvoorbeeld: mijlpalen Baarn Q3 2024 of mijlpalen overzicht', scopes: ['personal', 'team', 'groupChat'] },
  coordinator: { title: 'coordinator', description: 'Coördinatoren: coordinator toevoegen @naam of coordinator verwijderen @naam', scopes: ['team', 'groupChat'] },
  overleg: { title: 'overleg', description: 'Volgende overleggen; overleg plannen 9 december 10:00 of elke 2e dinsdag 10:00; overleg annuleren 9 december', scopes: ['team', 'groupChat'] },
  agenda: { title: 'agenda', description: 'Agenda van het volgende overleg; agenda toevoegen, voorstel, verwijderen, verplaatsen, afgerond, geschiedenis, publiceren', scopes: ['team', 'groupChat'] },
  herinneringen: { title: 'herinneringen', description: 'Kwartaalherinneringen in dit kanaal of deze chat: herinneringen aan Baarn, herinneringen uit', scopes: ['team', 'groupChat'] },
  meldpunten: { title: 'meldpunten', description: 'Lokale meldpunten van een gemeente: meldpunten Baarn, meldpunten Baarn geschiedenis, meldpunten overzicht', scopes: ['personal', 'team', 'groupChat'] },
  beheerder: { title: 'beheerder', description: 'Coördinatoren: beheerder toevoegen Baarn @naam of beheerder verwijderen Baarn @naam', scopes: ['team', 'groupChat'] },
  overzicht: { title: 'overzicht', description: 'Wekelijks overzicht van de kennisbank in dit kanaal: overzicht aan of overzicht uit', scopes: ['team', 'groupChat'] },
  statistieken: { title: 'statistieken', description: 'Coördinatoren: vragen, antwoorden en feedback van de laatste weken, bijvoorbeeld statistieken 4', scopes: ['personal', 'team', 'groupChat'] },
  experts: { title: 'experts', description: 'Welk kanaal het expertskanaal is (Vraag een collega); coördinatoren: experts hier', scopes: ['personal', 'team', 'groupChat'] },
} as const satisfies Record<string, CommandDescription>;

export const HELP_PATTERN = /^\s*(help|hulp|hi|hoi|hallo|hello|hey|goedemorgen|goedemiddag|\?)\s*[!?.]*\s*$/i;
/** `help werkgroep`: the werkgroep's and coordinators' commands (plain help is for frontline staff). */
export const HELP_WERKGROEP_PATTERN = /^\s*(help|hulp)\s+werkgroep\s*[!?.]*\s*$/i;
export const GREETING_PATTERN = /^\s*(hi|hoi|hallo|hello|hey|goedemorgen|goedemiddag)\s*[!?.]*\s*$/i;
export const GEMEENTE_PATTERN = /^\s*gemeente(?:\s+(?<naam>.*))?$/i;
export const UNANSWERED_PATTERN = /^\s*onbeantwoord\s*$/i;
export const MIJLPALEN_PATTERN = /^\s*mijlpalen(?:\s+(?<rest>.*))?$/i;
// Bare "coordinator" (as Teams' command menu sends it) too: it answers how to use it, not as a question.
export const COORDINATOR_PATTERN = /^\s*co[oö]rdinator(?:\s+(?<action>toevoegen|verwijderen)\b|\s*$)/i;
export const OVERLEG_PATTERN = /^\s*overleg(?:\s+(?<rest>[\s\S]*))?$/i;
export const AGENDA_PATTERN = /^\s*agenda(?:\s+(?<rest>[\s\S]*))?$/i;
export const MELDPUNTEN_PATTERN = /^\s*meldpunten(?:\s+(?<rest>.*))?$/i;
export const BEHEERDER_PATTERN = /^\s*beheerder(?:\s+(?<action>toevoegen|verwijderen)\b(?<rest>.*)|\s*$)/i;
export const OVERZICHT_PATTERN = /^\s*overzicht(?:\s+(?<rest>aan|uit))?\s*[.!]?\s*$/i;
export const STATISTIEKEN_PATTERN = /^\s*statistieken(?:\s+(?<weken>\S+))?\s*$/i;
export const HERINNERINGEN_PATTERN = /^\s*herinneringen(?:\s+(?<rest>.*))?$/i;
/** Only `experts` and `experts hier`: anything longer ("experts bij verward gedrag?") is a question. */
export const EXPERTS_PATTERN = /^\s*experts(?:\s+(?<hier>hier))?\s*[.!]?\s*$/i;

/** The message extension's search command: must equal the id in manifest/manifest.json. */
export const SEARCH_COMMAND_ID = 'zoek';

export const CARD_VERBS = {
  feedback: 'feedback',
  /** An alternative item on a route card: an Action.Submit, so it arrives as a message value (turn-data.ts). */
  showItem: 'showItem',
  /** A welcome example: asks its question as if typed. */
  vraag: 'vraag',
  mijlpaalStatus: 'mijlpaalStatus',
  agendaVoorstel: 'agendaVoorstel',
  overlegPlannen: 'overlegPlannen',
  vraagCollega: 'vraagCollega',
  expertOppakken: 'expertOppakken',
  expertBeantwoorden: 'expertBeantwoorden',
  meldpuntWijzigen: 'meldpuntWijzigen',
  meldpuntOpslaan: 'meldpuntOpslaan',
  meldpuntenTonen: 'meldpuntenTonen',
  koppelen: 'koppelen',
  negeren: 'negeren',
} as const;
