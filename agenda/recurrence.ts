// Meeting plans: once ("9 december 10:00") or recurring ("elke 2e dinsdag 10:00", "elke 4 weken op
// donderdag 14:00", "elke maandag 9:30"), kept as an RRULE (rrule library). Occurrences are computed
// on Amsterdam wall-clock dates and times. Pure.
import rrulePackage from 'rrule';
import { type LocalDate } from '../time/amsterdam-time';
import { parseDutchDate, parseDutchTime, WEEKDAYS, type LocalTime } from '../time/dutch-dates';

const { RRule, rrulestr } = rrulePackage;

export type MeetingPlan =
  | { kind: 'once'; date: LocalDate; time: LocalTime }
  | { kind: 'recurring'; rrule: string; time: LocalTime; description: string };

export type PlanParseResult = { ok: true; plan: MeetingPlan } | { ok: false; reason: string };

const RRULE_DAYS = [RRule.SU, RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA];
const ORDINALS: Record<string, number> = { '1e': 1, eerste: 1, '2e': 2, tweede: 2, '3e': 3, derde: 3, '4e': 4, vierde: 4, laatste: -1 };

function floating(date: LocalDate, time: LocalTime = { hour: 0, minute: 0 }): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute));
}

function toLocalDate(d: Date): LocalDate {
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Splits "… 10:00" into the part before and the time. */
function splitTime(text: string): { rest: string; time: LocalTime } | null {
  const m = /^(.*?)\s+(?:om\s+)?(\d{1,2}[:.]\d{2}|\d{1,2}\s?uur)$/.exec(text.trim());
  if (!m) return null;
  const time = parseDutchTime(m[2]!);
  return time ? { rest: m[1]!.trim(), time } : null;
}

export function parseMeetingPlan(text: string, today: LocalDate): PlanParseResult {
  const split = splitTime(text.toLowerCase());
  if (!split) return { ok: false, reason: 'Geef ook een tijd, bijvoorbeeld: overleg plannen 9 december 10:00.' };
  const { rest, time } = split;

  const recurring = /^elke\s+(.*)$/.exec(rest);
  if (!recurring) {
    const date = parseDutchDate(rest, today);
    if (!date) return { ok: false, reason: `Die datum begrijp ik niet: "${rest}". Schrijf bijvoorbeeld 9 december, 25-11-2026, morgen of volgende dinsdag.` };
    if (floating(date).getTime() < floating(today).getTime()) return { ok: false, reason: 'Die datum ligt in het verleden.' };
    return { ok: true, plan: { kind: 'once', date, time } };
  }

  const body = recurring[1]!.trim();
  const dtstart = floating(today, time);
  let m = /^(1e|2e|3e|4e|eerste|tweede|derde|vierde|laatste)\s+([a-z]+)(?:\s+van de maand)?$/.exec(body);
  if (m) {
    const weekday = WEEKDAYS.indexOf(m[2]!);
    if (weekday < 0) return { ok: false, reason: `"${m[2]}" is geen weekdag.` };
    const n = ORDINALS[m[1]!]!;
    const rule = new RRule({ freq: RRule.MONTHLY, byweekday: [RRULE_DAYS[weekday]!.nth(n)], dtstart });
    return { ok: true, plan: { kind: 'recurring', rrule: rule.toString(), time, description: `elke ${m[1]} ${m[2]}` } };
  }
  m = /^(?:(\d+)\s+weken|week)\s+op\s+([a-z]+)$/.exec(body) ?? /^()([a-z]+)$/.exec(body);
  if (m) {
    const weekday = WEEKDAYS.indexOf(m[2]!);
    if (weekday < 0) return { ok: false, reason: `"${m[2]}" is geen weekdag.` };
    const interval = m[1] ? Number(m[1]) : 1;
    if (interval < 1 || interval > MAX_INTERVAL) return { ok: false, reason: `Kies elke 1 tot ${MAX_INTERVAL} weken.` };
    const rule = new RRule({ freq: RRule.WEEKLY, interval, byweekday: [RRULE_DAYS[weekday]!], dtstart });
    return { ok: true, plan: { kind: 'recurring', rrule: rule.toString(), time, description: interval === 1 ? `elke ${m[2]}` : `elke ${interval} weken op ${m[2]}` } };
  }
  return { ok: false, reason: 'Die herhaling begrijp ik niet. Voorbeelden: elke 2e dinsdag 10:00, elke 4 weken op donderdag 14:00, elke maandag 9:30.' };
}

export const MAX_INTERVAL = 12;
const YEAR_MS = 366 * 24 * 3600_000;
// Only what parseMeetingPlan writes. Other parts (BYMONTHDAY=30 with BYMONTH=2, BYSETPOS, BYHOUR …)
// can make rrule search for years for an occurrence that never comes.
const ALLOWED_PARTS = new Set(['freq', 'interval', 'dtstart', 'byweekday', 'wkst', 'count', 'until']);

/**
 * Checks a recurrence before it is stored: weekly or monthly, every 1 to 12 weeks or months, on one
 * weekday (monthly: its 1st–4th or last), starting within a year of today.
 */
export function checkRecurrence(rruleText: string, today: LocalDate): { ok: true } | { ok: false; reason: string } {
  const refuse = { ok: false as const, reason: 'Deze herhaling kan ik niet plannen: kies wekelijks of maandelijks, elke 1 tot 12 weken, op één weekdag.' };
  if (rruleText.length > 300) return refuse;
  let options: Record<string, unknown>;
  try {
    options = rrulestr(rruleText).origOptions as Record<string, unknown>;
  } catch {
    return refuse;
  }
  const parts = Object.keys(options).filter((k) => options[k] !== undefined && options[k] !== null);
  if (parts.some((k) => !ALLOWED_PARTS.has(k))) return refuse;
  if (options.freq !== RRule.WEEKLY && options.freq !== RRule.MONTHLY) return refuse;
  const interval = (options.interval as number | undefined) ?? 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > MAX_INTERVAL) return refuse;
  const days = options.byweekday === undefined ? [] : ([] as unknown[]).concat(options.byweekday);
  if (days.length !== 1) return refuse;
  const nth = (days[0] as { n?: number } | undefined)?.n;
  if (options.freq === RRule.MONTHLY && !(nth === -1 || (typeof nth === 'number' && nth >= 1 && nth <= 4))) return refuse;
  if (options.freq === RRule.WEEKLY && nth !== undefined && nth !== 0) return refuse;
  const dtstart = options.dtstart;
  if (!(dtstart instanceof Date) || Math.abs(dtstart.getTime() - floating(today).getTime()) > YEAR_MS) {
    return { ok: false, reason: 'Een terugkerend overleg begint binnen een jaar. Plan het opnieuw.' };
  }
  return { ok: true };
}

/** The dates a plan's meetings fall on from `from` (inclusive), at most `limit`. */
export function occurrences(plan: MeetingPlan, from: LocalDate, limit: number): LocalDate[] {
  if (plan.kind === 'once') return floating(plan.date).getTime() >= floating(from).getTime() ? [plan.date] : [];
  const rule = rrulestr(plan.rrule);
  const result: LocalDate[] = [];
  let cursor = floating(from);
  while (result.length < limit) {
    const next = rule.after(cursor, true);
    if (!next) break;
    result.push(toLocalDate(next));
    cursor = new Date(next.getTime() + 60_000);
  }
  return result;
}
