// Dutch dates and times as coordinators type them: "9 december", "25-11", "25-11-2026", "morgen",
// "overmorgen", "volgende dinsdag", "dinsdag", with "10:00", "10.00" or "10 uur". Pure.
import { addDays, amsterdamParts, weekdayOf, type LocalDate } from './amsterdam-time';

export const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const MONTH_ABBREVIATIONS: Record<string, number> = { jan: 1, feb: 2, mrt: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, okt: 10, nov: 11, dec: 12 };
export const WEEKDAYS = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'];

export interface LocalTime {
  hour: number;
  minute: number;
}

function monthNumber(word: string): number | null {
  const index = MONTHS.indexOf(word);
  if (index >= 0) return index + 1;
  return MONTH_ABBREVIATIONS[word] ?? null;
}

function isRealDate(d: LocalDate): boolean {
  const check = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return check.getUTCFullYear() === d.year && check.getUTCMonth() === d.month - 1 && check.getUTCDate() === d.day;
}

/** A date without a year is the next one on or after today. */
function upcoming(day: number, month: number, today: LocalDate): LocalDate {
  const thisYear = { year: today.year, month, day };
  const passed = month < today.month || (month === today.month && day < today.day);
  return passed ? { ...thisYear, year: today.year + 1 } : thisYear;
}

/** Reads a date; null when the text is not one (or not a real date, such as 31-11). */
export function parseDutchDate(text: string, today: LocalDate): LocalDate | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === 'vandaag') return today;
  if (t === 'morgen') return addDays(today, 1);
  if (t === 'overmorgen') return addDays(today, 2);
  let m = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}))?$/.exec(t);
  if (m) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    const date = m[3] ? { year: Number(m[3]), month, day } : upcoming(day, month, today);
    return isRealDate(date) ? date : null;
  }
  m = /^(?:(?:ma|di|wo|do|vr|za|zo)\w* )?(\d{1,2}) ([a-z]+)\.?(?: (\d{4}))?$/.exec(t);
  if (m) {
    const month = monthNumber(m[2]!);
    if (!month) return null;
    const day = Number(m[1]);
    const date = m[3] ? { year: Number(m[3]), month, day } : upcoming(day, month, today);
    return isRealDate(date) ? date : null;
  }
  m = /^(volgende |komende )?([a-z]+)$/.exec(t);
  if (m) {
    const weekday = WEEKDAYS.indexOf(m[2]!);
    if (weekday < 0) return null;
    let ahead = (weekday - weekdayOf(today) + 7) % 7;
    // "dinsdag" on a Tuesday is today; "volgende dinsdag" is always a later one.
    if (m[1] && ahead === 0) ahead = 7;
    return addDays(today, ahead);
  }
  return null;
}

export function parseDutchTime(text: string): LocalTime | null {
  // "10:00", "10.00", "10 uur" (and a bare "10").
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(?: ?uur)?$/.exec(text.trim().toLowerCase());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/**
 * The one way a user reads a date, on every card and in every reply: "23 november 2026"; an instant
 * with its time in Europe/Amsterdam, "23 november 2026 om 09:00"; with `weekday`, "maandag 23 november
 * 2026". Takes an instant (time shown unless `time: false`), a calendar date, or an ISO date
 * "2026-11-23" (as content's `reviewed`; anything else is returned as it is).
 */
export function formatDutchDateTime(value: Date | LocalDate | string, options: { time?: boolean; weekday?: boolean } = {}): string {
  let date: LocalDate;
  let time: LocalTime | null = null;
  if (value instanceof Date) {
    const parts = amsterdamParts(value);
    date = { year: parts.year, month: parts.month, day: parts.day };
    if (options.time !== false) time = { hour: parts.hour, minute: parts.minute };
  } else if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
    if (!m) return value;
    date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  } else {
    date = value;
  }
  const day = `${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
  const withWeekday = options.weekday ? `${WEEKDAYS[weekdayOf(date)]} ${day}` : day;
  return time ? `${withWeekday} om ${formatTime(time)}` : withWeekday;
}

/** A meeting's date: "dinsdag 9 december 2026" (formatDutchDateTime with the weekday). */
export function formatDutchDate(date: LocalDate): string {
  return formatDutchDateTime(date, { weekday: true });
}

export function formatTime(time: LocalTime): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}
