// Quarters of the plan ("2024-Q3"), in Amsterdam time.
import { addDays, amsterdamParts, type LocalDate } from '../time/amsterdam-time';

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

export function quarterKey(q: Quarter): string {
  return `${q.year}-Q${q.quarter}`;
}

/** "Q3 2024" as staff read it. */
export function quarterLabel(q: Quarter): string {
  return `Q${q.quarter} ${q.year}`;
}

export function quarterOf(instant: Date): Quarter {
  const { year, month } = amsterdamParts(instant);
  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as Quarter['quarter'] };
}

export function addQuarters(q: Quarter, n: number): Quarter {
  const index = q.year * 4 + (q.quarter - 1) + n;
  return { year: Math.floor(index / 4), quarter: ((index % 4) + 1) as Quarter['quarter'] };
}

export function compareQuarters(a: Quarter, b: Quarter): number {
  return a.year * 4 + a.quarter - (b.year * 4 + b.quarter);
}

export function firstDayOf(q: Quarter): LocalDate {
  return { year: q.year, month: (q.quarter - 1) * 3 + 1, day: 1 };
}

export function lastDayOf(q: Quarter): LocalDate {
  return addDays(firstDayOf(addQuarters(q, 1)), -1);
}

/**
 * Reads a quarter as staff type it: "2024-Q3", "Q3 2024", "q3-2024", "3e kwartaal 2024", or "Q3"
 * (then the year of `reference`). Returns null when the text is not a quarter.
 */
export function parseQuarter(text: string, reference: Quarter): Quarter | null {
  const t = text.trim().toLowerCase();
  const patterns: Array<[RegExp, (m: RegExpExecArray) => [number, number]]> = [
    [/^(\d{4})\s*-?\s*q([1-4])$/, (m) => [Number(m[1]), Number(m[2])]],
    [/^q([1-4])\s*[- ]?\s*(\d{4})$/, (m) => [Number(m[2]), Number(m[1])]],
    [/^([1-4])e\s+kwartaal\s+(\d{4})$/, (m) => [Number(m[2]), Number(m[1])]],
    [/^q([1-4])$/, (m) => [reference.year, Number(m[1])]],
  ];
  for (const [pattern, read] of patterns) {
    const match = pattern.exec(t);
    if (match) {
      const [year, quarter] = read(match);
      if (year < 2000 || year > 2100) return null;
      return { year, quarter: quarter as Quarter['quarter'] };
    }
  }
  return null;
}
