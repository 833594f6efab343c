// Cards for the werkgroep: the agenda, a proposal to decide on, a meeting plan to confirm, and
// plain lists (meetings, history). Everything users typed is shown literally (TextRun).
import { formatDutchDate, formatDutchDateTime, formatTime } from '../agenda/dutch-dates';
import type { MeetingOccurrence } from '../agenda/meeting-schedule';
import type { MeetingPlan } from '../agenda/recurrence';
import { renderTemplate, type AdaptiveCard } from './render';

export interface AgendaCardItem {
  topic: string;
  durationMin: number | null;
  toelichting: string | null;
  status: 'gepland' | 'afgerond' | string;
  addedByName: string | null;
  addedAt: Date;
}

export function meetingLabel(meeting: Pick<MeetingOccurrence, 'date' | 'time'>): string {
  return `${formatDutchDate(meeting.date)} om ${formatTime(meeting.time)}`;
}

export function agendaCard(meeting: MeetingOccurrence, items: AgendaCardItem[], deadline: Date, heading?: string): AdaptiveCard {
  const totalMinutes = items.filter((i) => i.status === 'gepland').reduce((sum, i) => sum + (i.durationMin ?? 0), 0);
  return renderTemplate('agenda', {
    heading: heading ?? `Agenda overleg ${meetingLabel(meeting)}`,
    subheading: `Punten aandragen tot ${formatDutchDateTime(deadline)}${totalMinutes > 0 ? ` · geplande tijd ${totalMinutes} min` : ''}`,
    emptyText: items.length === 0 ? 'Er staan nog geen punten op de agenda.' : null,
    items: items.map((item, i) => ({
      number: i + 1,
      topic: item.topic,
      done: item.status === 'afgerond',
      suffix: [item.durationMin ? ` (${item.durationMin} min)` : '', item.status === 'afgerond' ? ' — afgerond' : ''].join(''),
      toelichting: item.toelichting ?? '',
      meta: `toegevoegd door ${item.addedByName ?? 'onbekend'} op ${formatDutchDateTime(item.addedAt)}`,
    })),
  });
}

export function proposalCard(input: { itemId: number; topic: string; toelichting: string | null; proposer: string | null; meeting: string; outcome?: string }): AdaptiveCard {
  return renderTemplate('voorstel', {
    heading: 'Agendavoorstel',
    itemId: input.itemId,
    topic: input.topic,
    toelichting: input.toelichting ?? '',
    meta: `voorgesteld door ${input.proposer ?? 'onbekend'} voor het overleg van ${input.meeting}`,
    outcome: input.outcome ?? '',
    open: !input.outcome,
  });
}

/** The plan itself stays on the server; the card carries only its id (planId). */
export function meetingConfirmCard(plan: MeetingPlan, planId: string, firstDates: string[], outcome?: string): AdaptiveCard {
  const description =
    plan.kind === 'once' ? `Eenmalig overleg op ${formatDutchDate(plan.date)} om ${formatTime(plan.time)}.` : `Terugkerend overleg: ${plan.description} om ${formatTime(plan.time)}. De eerste keren:`;
  return renderTemplate('overleg-bevestigen', {
    heading: outcome ? 'Overleg' : 'Overleg plannen?',
    description,
    dates: plan.kind === 'once' ? [] : firstDates,
    planId,
    outcome: outcome ?? '',
    open: !outcome,
  });
}

export function listCard(heading: string, lines: string[], emptyText: string): AdaptiveCard {
  return renderTemplate('lijst', { heading, lines, emptyText: lines.length === 0 ? emptyText : null });
}
