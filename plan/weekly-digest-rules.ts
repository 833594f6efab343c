// When the weekly kennisbank digest goes out: Monday 09:00 Amsterdam, or the first werkdag of the
// week after a holiday (Tweede Paasdag, Tweede Pinksterdag). Missed while the bot was down, it still
// goes out later that week; the next week has its own. Pure: give it a time and a holiday calendar.
import { addDays, amsterdamInstant, amsterdamParts, formatLocalDate, type LocalDate } from '../time/amsterdam-time';
import { werkdagOnOrAfter, type HolidayCalendar } from '../time/werkdagen';

export const DIGEST_HOUR = 9;

export interface DigestOccasion {
  /** The Monday of the week: the digest covers the week before it. */
  weekStart: LocalDate;
  /** Unique per week: part of the idempotency key of every digest message. */
  key: string;
  fireAt: Date;
  expiresAt: Date;
}

/** The Monday of the (ISO) week a date falls in. */
export function mondayOf(date: LocalDate): LocalDate {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

export function digestOccasionOf(weekStart: LocalDate, calendar: HolidayCalendar): DigestOccasion {
  const day = werkdagOnOrAfter(weekStart, calendar);
  return {
    weekStart,
    key: `kennisbank:${formatLocalDate(weekStart)}`,
    fireAt: amsterdamInstant(day, DIGEST_HOUR),
    expiresAt: amsterdamInstant(addDays(weekStart, 7)),
  };
}

/** This week's digest when it has fired by `now` (and the week is not over), else null. */
export function dueDigest(now: Date, calendar: HolidayCalendar): DigestOccasion | null {
  const occasion = digestOccasionOf(mondayOf(amsterdamParts(now)), calendar);
  return occasion.fireAt.getTime() <= now.getTime() && now.getTime() < occasion.expiresAt.getTime() ? occasion : null;
}
