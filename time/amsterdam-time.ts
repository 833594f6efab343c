// Wall-clock time in Europe/Amsterdam, DST-safe, without a date library: Intl knows the offsets.

export const TIME_ZONE = 'Europe/Amsterdam';

export interface LocalDate {
  year: number;
  month: number; // 1–12
  day: number;
}

// Built on first use, not on import (an Intl formatter costs a few milliseconds to make).
let partsFormat: Intl.DateTimeFormat | undefined;
const amsterdamFormat = () =>
  (partsFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  }));

/** The Amsterdam calendar date, time and weekday (0 = Sunday) of an instant. */
export function amsterdamParts(instant: Date): LocalDate & { hour: number; minute: number; weekday: number } {
  const parts = Object.fromEntries(amsterdamFormat().formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!),
  };
}

/** The instant at which Amsterdam clocks show this date and time (for a time that does not exist, the hour after). */
export function amsterdamInstant(date: LocalDate, hour = 0, minute = 0): Date {
  const wanted = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // Start from the UTC reading and correct by the offset Amsterdam has there; twice covers DST edges.
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const p = amsterdamParts(new Date(guess));
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wanted - shown;
  }
  return new Date(guess);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, for a calendar date (independent of time zones). */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function formatLocalDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
