// When the quarterly reminders fire. Pure: give it a time and a holiday calendar.
//  - kwartaalstart: the first werkdag of the quarter, 09:00 Amsterdam: that quarter's milestones
//    and what is still open from before.
//  - kwartaaleinde: two weeks before the quarter's last day (moved to the next werkdag), 09:00:
//    what is still open in the quarter.
// A reminder missed while the bot was down is still sent when it comes back within its window.
import { addDays, amsterdamInstant } from '../time/amsterdam-time';
import { addQuarters, firstDayOf, lastDayOf, quarterKey, quarterOf, type Quarter } from './quarter';
import { werkdagOnOrAfter, type HolidayCalendar } from '../time/werkdagen';

export type OccasionKind = 'kwartaalstart' | 'kwartaaleinde';

export interface Occasion {
  kind: OccasionKind;
  quarter: Quarter;
  /** Unique per occasion: part of the idempotency key of every message it sends. */
  key: string;
  fireAt: Date;
  /** After this the occasion is no longer worth sending (the next one is near). */
  expiresAt: Date;
}

export const REMINDER_HOUR = 9;
const START_WINDOW_DAYS = 14;

export function occasionsOf(quarter: Quarter, calendar: HolidayCalendar): Occasion[] {
  const startDay = werkdagOnOrAfter(firstDayOf(quarter), calendar);
  const endWarningDay = werkdagOnOrAfter(addDays(lastDayOf(quarter), -14), calendar);
  const quarterEnd = amsterdamInstant(firstDayOf(addQuarters(quarter, 1)));
  const start = amsterdamInstant(startDay, REMINDER_HOUR);
  return [
    {
      kind: 'kwartaalstart',
      quarter,
      key: `kwartaalstart:${quarterKey(quarter)}`,
      fireAt: start,
      expiresAt: new Date(Math.min(start.getTime() + START_WINDOW_DAYS * 86_400_000, quarterEnd.getTime())),
    },
    {
      kind: 'kwartaaleinde',
      quarter,
      key: `kwartaaleinde:${quarterKey(quarter)}`,
      fireAt: amsterdamInstant(endWarningDay, REMINDER_HOUR),
      expiresAt: quarterEnd,
    },
  ];
}

/** Occasions that have fired by `now` and have not expired. */
export function dueOccasions(now: Date, calendar: HolidayCalendar): Occasion[] {
  const current = quarterOf(now);
  return [addQuarters(current, -1), current]
    .flatMap((q) => occasionsOf(q, calendar))
    .filter((o) => o.fireAt.getTime() <= now.getTime() && now.getTime() < o.expiresAt.getTime());
}
