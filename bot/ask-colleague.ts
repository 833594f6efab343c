// "Vraag een collega" under an answer: the form when the tenant has an experts' channel, otherwise
// whom to ask (never a form that leads nowhere).
import { randomUUID } from 'node:crypto';
import { CARRIED_QUESTION_MAX, type AskColleagueSection, type AskHost } from '../cards/expert-cards';
import { maskPersonalData } from '../knowledge/privacy';
import type { BotDeps } from './deps';

/** The question as a card may carry it: masked (again; it may come from a card) and short. */
export function carriedQuestion(question: string): string {
  return maskPersonalData(question).masked.trim().slice(0, CARRIED_QUESTION_MAX);
}

/** The form, prefilled with the masked question, or whom to ask when the tenant has no experts' channel. */
export async function askColleagueOffer(deps: Pick<BotDeps, 'experts' | 'roles'>, tenantKey: string, question: string, host: AskHost): Promise<AskColleagueSection> {
  if (!(await deps.experts.channel(tenantKey))) return { kind: 'wieVragen', coordinators: await deps.roles.coordinators.names(tenantKey) };
  return { kind: 'form', formId: randomUUID(), question: carriedQuestion(question), host };
}
