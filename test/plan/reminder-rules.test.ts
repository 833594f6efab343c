// When quarterly reminders fire: first werkdag 09:00 Amsterdam, two weeks before the end, holidays moved.
import { describe, expect, it } from 'vitest';
import { dueOccasions, occasionsOf } from '../../plan/reminder-rules';
import { dutchHolidays } from '../../time/werkdagen';

const calendar = dutchHolidays();

describe('reminder occasions', () => {
  it('fire at 09:00 Amsterdam on the first werkdag of the quarter', () => {
    const [start] = occasionsOf({ year: 2024, quarter: 3 }, calendar);
    expect(start!.fireAt.toISOString()).toBe('2024-07-01T07:00:00.000Z'); // Monday 1 July, 09:00 CEST
  });

  it('use winter time in a quarter that starts in winter and summer time after the DST change', () => {
    expect(occasionsOf({ year: 2025, quarter: 4 }, calendar)[0]!.fireAt.toISOString()).toBe('2025-10-01T07:00:00.000Z'); // CEST
    expect(occasionsOf({ year: 2026, quarter: 1 }, calendar)[0]!.fireAt.toISOString()).toBe('2026-01-02T08:00:00.000Z'); // CET
    // Q2 2025 starts after the change on 30 March: 09:00 is 07:00 UTC.
    expect(occasionsOf({ year: 2025, quarter: 2 }, calendar)[0]!.fireAt.toISOString()).toBe('2025-04-01T07:00:00.000Z');
  });

  it('move a date on a Dutch public holiday or weekend to the next werkdag', () => {
    // 1 January is Nieuwjaarsdag; 1 April 2024 is Tweede Paasdag; 1 June 2024... Q3 2024 starts Monday.
    expect(occasionsOf({ year: 2025, quarter: 1 }, calendar)[0]!.fireAt.toISOString()).toBe('2025-01-02T08:00:00.000Z');
    expect(occasionsOf({ year: 2024, quarter: 2 }, calendar)[0]!.fireAt.toISOString()).toBe('2024-04-02T07:00:00.000Z');
    // Q4 2026 starts on Thursday 1 October; Q2 2028 starts on Saturday 1 April → Monday 3 April.
    expect(occasionsOf({ year: 2028, quarter: 2 }, calendar)[0]!.fireAt.toISOString()).toBe('2028-04-03T07:00:00.000Z');
  });

  it('warn two weeks before the quarter ends, on a werkdag', () => {
    const [, end] = occasionsOf({ year: 2024, quarter: 2 }, calendar);
    expect(end!.fireAt.toISOString()).toBe('2024-06-17T07:00:00.000Z'); // 30 June − 14 days = Sunday 16 June → Monday
  });

  it('are due from their time until their window closes', () => {
    expect(dueOccasions(new Date('2024-04-02T06:59:00Z'), calendar).map((o) => o.key)).toEqual([]);
    expect(dueOccasions(new Date('2024-04-02T07:00:00Z'), calendar).map((o) => o.key)).toEqual(['kwartaalstart:2024-Q2']);
    expect(dueOccasions(new Date('2024-04-10T12:00:00Z'), calendar).map((o) => o.key)).toEqual(['kwartaalstart:2024-Q2']);
    expect(dueOccasions(new Date('2024-04-20T12:00:00Z'), calendar).map((o) => o.key)).toEqual([]);
    expect(dueOccasions(new Date('2024-06-20T12:00:00Z'), calendar).map((o) => o.key)).toEqual(['kwartaaleinde:2024-Q2']);
  });
});
