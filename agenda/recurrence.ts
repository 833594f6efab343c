// Meeting plans: once ("9 december 10:00") or recurring ("elke 2e dinsdag 10:00", "elke 4 weken op
// donderdag 14:00", "elke maandag 9:30"), kept as an RRULE (rrule library). Occurrences are computed
// on Amsterdam wall-clock dates and times. Pure.
import rrulePackage from 'rrule';
import { type LocalDate } from '../plan/amsterdam-time';
import { parseDutchDate, parseDutchTime, WEEKDAYS, type LocalTime } from './dutch-dates';

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
    if (interval < 1 || interval > 52) return { ok: false, reason: 'Kies elke 1 tot 52 weken.' };
    const rule = new RRule({ freq: RRule.WEEKLY, interval, byweekday: [RRULE_DAYS[weekday]!], dtstart });
    return { ok: true, plan: { kind: 'recurring', rrule: rule.toString(), time, description: interval === 1 ? `elke ${m[2]}` : `elke ${interval} weken op ${m[2]}` } };
  }
  return { ok: false, reason: 'Die herhaling begrijp ik niet. Voorbeelden: elke 2e dinsdag 10:00, elke 4 weken op donderdag 14:00, elke maandag 9:30.' };
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
