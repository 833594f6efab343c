// Cards for the werkgroep: the agenda, a proposal to decide on, a meeting plan to confirm, and
// plain lists (meetings, history). Everything users typed is shown literally (TextRun).
import { formatDutchDate, formatDutchDateTime, formatTime } from '../time/dutch-dates';
import type { MeetingOccurrence } from '../agenda/meeting-schedule';
import type { MeetingPlan } from '../agenda/recurrence';
import { cardBytes, CARD_MAX_BYTES, fitCard, moreLine, truncateText } from './limits';
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

// Agenda texts at most this long; with many points, shorter (a topic down to TOPIC_SHORTEST, without its
// toelichting) before any point is left off the card.
const TOPIC_SHOWN = 300;
const TOPIC_SHORTEST = 40;
const TOELICHTING_SHOWN = 1000;
/** Who added or proposed a point: a Teams display name. */
const NAME_SHOWN = 60;
/** One line of a list (the agenda's history quotes topics). */
const LINE_SHOWN = 500;

export function agendaCard(meeting: MeetingOccurrence, items: AgendaCardItem[], deadline: Date, heading?: string): AdaptiveCard {
  const totalMinutes = items.filter((i) => i.status === 'gepland').reduce((sum, i) => sum + (i.durationMin ?? 0), 0);
  const render = (shown: number, topicMax: number) =>
    renderTemplate('agenda', {
      heading: heading ?? `Agenda overleg ${meetingLabel(meeting)}`,
      subheading: `Punten aandragen tot ${formatDutchDateTime(deadline)}${totalMinutes > 0 ? ` · geplande tijd ${totalMinutes} min` : ''}`,
      emptyText: items.length === 0 ? 'Er staan nog geen punten op de agenda.' : null,
      items: items.slice(0, shown).map((item, i) => ({
        number: i + 1,
        topic: truncateText(item.topic, topicMax),
        done: item.status === 'afgerond',
        suffix: [item.durationMin ? ` (${item.durationMin} min)` : '', item.status === 'afgerond' ? ' — afgerond' : ''].join(''),
        // The toelichting shrinks with the topic, and goes at the shortest.
        toelichting: topicMax > TOPIC_SHORTEST ? truncateText(item.toelichting ?? '', Math.round((TOELICHTING_SHOWN * topicMax) / TOPIC_SHOWN)) : '',
        meta: `toegevoegd door ${truncateText(item.addedByName ?? 'onbekend', NAME_SHOWN)} op ${formatDutchDateTime(item.addedAt)}`,
      })),
      more: moreLine(items.length - shown, 'punt; dat past niet meer op deze kaart.', 'punten; die passen niet meer op deze kaart.'),
    });
  // Every point with shorter texts, before fewer points.
  const everyPoint = fitCard(TOPIC_SHOWN - TOPIC_SHORTEST, (extra) => render(items.length, TOPIC_SHORTEST + extra));
  if (cardBytes(everyPoint) <= CARD_MAX_BYTES) return everyPoint;
  return fitCard(items.length, (shown) => render(shown, TOPIC_SHORTEST));
}

export function proposalCard(input: { itemId: number; topic: string; toelichting: string | null; proposer: string | null; meeting: string; outcome?: string }): AdaptiveCard {
  return renderTemplate('voorstel', {
    heading: 'Agendavoorstel',
    itemId: input.itemId,
    topic: truncateText(input.topic, TOPIC_SHOWN),
    toelichting: truncateText(input.toelichting ?? '', TOELICHTING_SHOWN),
    meta: `voorgesteld door ${truncateText(input.proposer ?? 'onbekend', NAME_SHOWN)} voor het overleg van ${input.meeting}`,
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

/** History and meetings: each line cut, and the last lines left off (and counted) when the card would be too big. */
export function listCard(heading: string, lines: string[], emptyText: string): AdaptiveCard {
  const shownLines = lines.map((line) => truncateText(line, LINE_SHOWN));
  return fitCard(shownLines.length, (shown) =>
    renderTemplate('lijst', {
      heading,
      lines: shownLines.slice(0, shown),
      emptyText: lines.length === 0 ? emptyText : null,
      more: moreLine(lines.length - shown, 'regel; die past niet meer op deze kaart.', 'regels; die passen niet meer op deze kaart.'),
    }),
  );
}
