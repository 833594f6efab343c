// Expands a card template from cards/templates with typed data. User text is always data, never
// template: the templating engine evaluates only the template's own ${…} expressions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';

// The route card is built in code (route-card-layout.ts): it goes with every answer.
export const CARD_TEMPLATES = ['no-answer', 'welcome', 'werkgroep-help', 'unanswered', 'mijlpalen', 'mijlpalen-overzicht', 'agenda', 'voorstel', 'overleg-bevestigen', 'lijst', 'vraag-collega', 'expert-vraag', 'collega-antwoord', 'meldpunten', 'meldpunten-overzicht', 'kennisbank-overzicht'] as const;
export type CardTemplateName = (typeof CARD_TEMPLATES)[number];

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

// From the repository root, so the compiled bundle (dist/bot.mjs, also one folder deep) finds them too.
const templateDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'cards', 'templates');
// Parsed on first use: preparing all templates' expressions up front took half a second of every start.
const templates = new Map<CardTemplateName, ACData.Template>();

function template(name: CardTemplateName): ACData.Template {
  let prepared = templates.get(name);
  if (!prepared) {
    prepared = new ACData.Template(JSON.parse(readFileSync(path.join(templateDir, `${name}.json`), 'utf8')));
    templates.set(name, prepared);
  }
  return prepared;
}

/** Parses every template now (after start, so the first answer does not pay for it). */
export function prepareTemplates(): void {
  for (const name of CARD_TEMPLATES) template(name);
}

export function renderTemplate(name: CardTemplateName, data: object): AdaptiveCard {
  return template(name).expand({ $root: data }) as AdaptiveCard;
}
