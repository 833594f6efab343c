// The uitvoeringsplan as a domain object: which milestones a gemeente has in a quarter, and what is
// overdue. Pure: statuses come in as data, time as a quarter.
import type { PlanFile } from './plan-schema';
import { compareQuarters, quarterKey, type Quarter } from './quarter';

export const MILESTONE_STATUSES = ['open', 'bezig', 'gereed'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export interface Mijlpaal {
  /** Stable within a plan file: gemeente/quarter/title. */
  id: string;
  gemeente: string;
  quarter: Quarter;
  title: string;
  action: { code: string; description: string; doelstelling: number };
}

export interface StatusRecord {
  status: MilestoneStatus;
  changedBy: string | null;
  changedAt: Date | null;
}

export const OPEN: StatusRecord = { status: 'open', changedBy: null, changedAt: null };

export interface QuarterProgress {
  quarter: Quarter;
  total: number;
  gereed: number;
  bezig: number;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function toQuarter(text: string): Quarter {
  const [year, q] = text.split('-Q');
  return { year: Number(year), quarter: Number(q) as Quarter['quarter'] };
}

export class Plan {
  readonly name: string;
  readonly from: Quarter;
  readonly to: Quarter;
  readonly doelstellingen: PlanFile['doelstellingen'];
  readonly mijlpalen: ReadonlyArray<Mijlpaal>;
  private readonly gemeenteNames: string[];

  constructor(file: PlanFile) {
    this.name = file.period.name;
    this.from = toQuarter(file.period.from);
    this.to = toQuarter(file.period.to);
    this.doelstellingen = file.doelstellingen;
    const actions = new Map(file.doelstellingen.flatMap((d) => d.actions.map((a) => [a.code, { ...a, doelstelling: d.number }] as const)));
    this.gemeenteNames = file.gemeenten.map((g) => g.naam);
    this.mijlpalen = file.gemeenten.flatMap((g) =>
      g.mijlpalen.map((m) => ({
        id: `${slug(g.naam)}/${m.quarter}/${slug(m.title)}`,
        gemeente: g.naam,
        quarter: toQuarter(m.quarter),
        title: m.title,
        action: actions.get(m.action)!,
      })),
    );
  }

  get gemeenten(): ReadonlyArray<string> {
    return this.gemeenteNames;
  }

  /** The plan's spelling of a gemeente, case- and accent-insensitive; undefined when the plan has none. */
  gemeente(name: string): string | undefined {
    return this.gemeenteNames.find((g) => slug(g) === slug(name));
  }

  mijlpaal(id: string): Mijlpaal | undefined {
    return this.mijlpalen.find((m) => m.id === id);
  }

  quarters(): Quarter[] {
    const result: Quarter[] = [];
    for (let q = this.from; compareQuarters(q, this.to) <= 0; q = q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: (q.quarter + 1) as Quarter['quarter'] }) {
      result.push(q);
    }
    return result;
  }

  covers(q: Quarter): boolean {
    return compareQuarters(q, this.from) >= 0 && compareQuarters(q, this.to) <= 0;
  }

  mijlpalenFor(gemeente: string, quarter: Quarter): Mijlpaal[] {
    return this.mijlpalen.filter((m) => m.gemeente === gemeente && quarterKey(m.quarter) === quarterKey(quarter));
  }

  /** Milestones of quarters that have ended (before `current`) and are not gereed. */
  overdue(gemeente: string | null, current: Quarter, statusOf: (id: string) => StatusRecord): Mijlpaal[] {
    return this.mijlpalen.filter(
      (m) => (gemeente === null || m.gemeente === gemeente) && compareQuarters(m.quarter, current) < 0 && statusOf(m.id).status !== 'gereed',
    );
  }

  progress(gemeente: string, statusOf: (id: string) => StatusRecord): QuarterProgress[] {
    return this.quarters().map((quarter) => {
      const items = this.mijlpalenFor(gemeente, quarter);
      return {
        quarter,
        total: items.length,
        gereed: items.filter((m) => statusOf(m.id).status === 'gereed').length,
        bezig: items.filter((m) => statusOf(m.id).status === 'bezig').length,
      };
    });
  }
}
