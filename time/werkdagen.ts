// Werkdagen: Monday to Friday, not a Dutch public holiday (from date-holidays, not a hand-written list).
import Holidays from 'date-holidays';
import { addDays, formatLocalDate, weekdayOf, type LocalDate } from './amsterdam-time';

export interface HolidayCalendar {
  isHoliday(date: LocalDate): boolean;
}

/** Dutch public holidays (type "public" in date-holidays: Nieuwjaarsdag, Pasen, Koningsdag, …). */
export function dutchHolidays(): HolidayCalendar {
  const holidays = new Holidays('NL');
  const cache = new Map<number, Set<string>>();
  const ofYear = (year: number) => {
    let set = cache.get(year);
    if (!set) {
      set = new Set(holidays.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      cache.set(year, set);
    }
    return set;
  };
  return { isHoliday: (date) => ofYear(date.year).has(formatLocalDate(date)) };
}

export function isWerkdag(date: LocalDate, calendar: HolidayCalendar): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !calendar.isHoliday(date);
}

/** The date itself when it is a werkdag, else the next werkdag. */
export function werkdagOnOrAfter(date: LocalDate, calendar: HolidayCalendar): LocalDate {
  let d = date;
  while (!isWerkdag(d, calendar)) d = addDays(d, 1);
  return d;
}

/** `count` werkdagen before the date (2 werkdagen before a Monday meeting is the Thursday before). */
export function werkdagenBefore(date: LocalDate, count: number, calendar: HolidayCalendar): LocalDate {
  let d = date;
  let left = count;
  while (left > 0) {
    d = addDays(d, -1);
    if (isWerkdag(d, calendar)) left--;
  }
  return d;
}
