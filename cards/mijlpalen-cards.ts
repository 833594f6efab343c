// Cards for the uitvoeringsplan: one gemeente's milestones in a quarter, with status buttons, and the
// overview of progress and overdue items. Titles and names are shown literally (TextRun).
import { formatDutchDateTime } from '../time/dutch-dates';
import { MILESTONE_STATUSES, type Mijlpaal, type MilestoneStatus, type Plan, type StatusRecord } from '../plan/plan';
import { compareQuarters, quarterLabel, type Quarter } from '../plan/quarter';
import { renderTemplate, type AdaptiveCard } from './render';

const STATUS_LABEL: Record<MilestoneStatus, string> = { open: 'Open', bezig: 'Bezig', gereed: 'Gereed' };
// Warning (yellow) on a white card is about 2.4:1; Accent keeps "Bezig" apart at an accessible contrast.
const STATUS_COLOR: Record<MilestoneStatus, string> = { open: 'Default', bezig: 'Accent', gereed: 'Good' };

export function statusText(record: StatusRecord): string {
  const base = `Status: ${STATUS_LABEL[record.status]}`;
  if (!record.changedAt) return base;
  return `${base} — gewijzigd${record.changedBy ? ` door ${record.changedBy}` : ''} op ${formatDutchDateTime(record.changedAt)}`;
}

function overdueLine(m: Mijlpaal, record: StatusRecord): string {
  return `${quarterLabel(m.quarter)} · ${m.gemeente} · ${m.title} (${STATUS_LABEL[record.status].toLowerCase()})`;
}

export interface MijlpalenCardInput {
  plan: Plan;
  gemeente: string;
  quarter: Quarter;
  statusOf: (id: string) => StatusRecord;
  overdue: Mijlpaal[];
  /** Without buttons, for reminders posted to a channel. */
  readOnly?: boolean;
  heading?: string;
}

export function mijlpalenCard(input: MijlpalenCardInput): AdaptiveCard {
  const items = input.plan.mijlpalenFor(input.gemeente, input.quarter);
  const data = {
    heading: input.heading ?? `Mijlpalen ${input.gemeente} — ${quarterLabel(input.quarter)}`,
    subheading: input.plan.name,
    emptyText: items.length === 0 ? `Voor ${input.gemeente} staan in ${quarterLabel(input.quarter)} geen mijlpalen in het uitvoeringsplan.` : null,
    mijlpalen: items.map((m) => {
      const record = input.statusOf(m.id);
      return {
        title: m.title,
        actionText: `Actie ${m.action.code}: ${m.action.description}`,
        statusText: statusText(record),
        statusColor: STATUS_COLOR[record.status],
        buttons: input.readOnly
          ? []
          : MILESTONE_STATUSES.filter((s) => s !== record.status).map((status) => ({ title: `Zet op ${STATUS_LABEL[status].toLowerCase()}`, milestoneId: m.id, status })),
      };
    }),
    overdue: input.overdue.map((m) => overdueLine(m, input.statusOf(m.id))),
  };
  return renderTemplate('mijlpalen', data);
}

/**
 * Progress of the whole plan per gemeente (a Teams chart with a table for other clients), what is overdue
 * as a count per gemeente with its list one press away (Action.ShowCard: no round trip to the server).
 */
export function mijlpalenOverviewCard(plan: Plan, gemeenten: string[], current: Quarter, statusOf: (id: string) => StatusRecord): AdaptiveCard {
  const inPlan = gemeenten.map((naam) => plan.gemeente(naam)).filter((g): g is string => g !== undefined);
  const totals = inPlan.map((gemeente) => {
    const count = (status: MilestoneStatus) => plan.mijlpalen.filter((m) => m.gemeente === gemeente && statusOf(m.id).status === status).length;
    return { gemeente, gereed: count('gereed'), bezig: count('bezig'), open: count('open') };
  });
  const overdue = plan.overdue(null, current, statusOf);
  const ended = compareQuarters(current, plan.to) > 0;
  const data = {
    heading: 'Voortgang uitvoeringsplan',
    subheading: ended ? `${plan.name}. Het uitvoeringsplan liep tot en met ${quarterLabel(plan.to)}.` : `${plan.name} · huidig kwartaal ${quarterLabel(current)}`,
    chart: totals.map((t) => ({
      title: t.gemeente,
      data: [
        { legend: 'gereed', value: t.gereed, color: 'good' },
        { legend: 'bezig', value: t.bezig, color: 'categoricalBlue' },
        { legend: 'open', value: t.open, color: 'neutral' },
      ],
    })),
    rows: totals.map((t) => ({ gemeente: t.gemeente, gereed: String(t.gereed), bezig: String(t.bezig), open: String(t.open) })),
    missing: gemeenten
      .filter((naam) => !plan.gemeente(naam))
      .map((naam) => ({ naam, emptyText: 'Geen mijlpalen in het uitvoeringsplan (de rij van deze gemeente ontbreekt in de bron).' })),
    overdue: inPlan
      .map((gemeente) => ({ gemeente, items: overdue.filter((m) => m.gemeente === gemeente) }))
      .filter((g) => g.items.length > 0)
      .map((g) => ({
        line: `${g.gemeente}: ${g.items.length} achterstallig`,
        button: `Achterstallig in ${g.gemeente}`,
        items: g.items.map((m) => `${quarterLabel(m.quarter)} · ${m.title} · ${STATUS_LABEL[statusOf(m.id).status].toLowerCase()}`),
      })),
  };
  return renderTemplate('mijlpalen-overzicht', data);
}
