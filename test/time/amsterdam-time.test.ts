// Amsterdam wall-clock time from an instant and back, across the DST changes.
import { describe, expect, it } from 'vitest';
import { addDays, amsterdamInstant, amsterdamParts, formatLocalDate, weekdayOf } from '../../time/amsterdam-time';

describe('Amsterdam time', () => {
  it('reads an instant as Amsterdam date, time and weekday, in winter and in summer', () => {
    expect(amsterdamParts(new Date('2026-01-05T08:30:00Z'))).toEqual({ year: 2026, month: 1, day: 5, hour: 9, minute: 30, weekday: 1 });
    expect(amsterdamParts(new Date('2026-07-01T22:30:00Z'))).toEqual({ year: 2026, month: 7, day: 2, hour: 0, minute: 30, weekday: 4 });
  });

  it('finds the instant Amsterdam clocks show a date and time, also on the days the clocks change', () => {
    expect(amsterdamInstant({ year: 2026, month: 3, day: 29 }, 9).toISOString()).toBe('2026-03-29T07:00:00.000Z'); // summer time began at 02:00
    expect(amsterdamInstant({ year: 2026, month: 10, day: 25 }, 9).toISOString()).toBe('2026-10-25T08:00:00.000Z'); // winter time again
    expect(amsterdamInstant({ year: 2026, month: 3, day: 29 }, 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 02:30 does not exist: the hour after
  });

  it('counts calendar days across months and years', () => {
    expect(addDays({ year: 2026, month: 12, day: 30 }, 3)).toEqual({ year: 2027, month: 1, day: 2 });
    expect(formatLocalDate(addDays({ year: 2024, month: 3, day: 1 }, -1))).toBe('2024-02-29');
    expect(weekdayOf({ year: 2026, month: 11, day: 23 })).toBe(1);
  });
});
