// The weekly kennisbank digest fires Monday 09:00 Amsterdam, the next werkdag after a holiday, and
// stays due for the rest of that week only.
import { describe, expect, it } from 'vitest';
import { dueDigest, mondayOf } from '../../plan/weekly-digest-rules';
import { dutchHolidays } from '../../time/werkdagen';

const calendar = dutchHolidays();

describe('dueDigest', () => {
  it('is due from Monday 09:00 local time, in winter and in summer time', () => {
    expect(dueDigest(new Date('2026-11-30T08:59:00+01:00'), calendar)).toBeNull();
    expect(dueDigest(new Date('2026-11-30T09:00:00+01:00'), calendar)?.key).toBe('kennisbank:2026-11-30');
    expect(dueDigest(new Date('2026-06-08T08:59:00+02:00'), calendar)).toBeNull();
    expect(dueDigest(new Date('2026-06-08T09:00:00+02:00'), calendar)?.fireAt.toISOString()).toBe('2026-06-08T07:00:00.000Z');
  });

  it('moves to Tuesday after Tweede Paasdag and Tweede Pinksterdag', () => {
    expect(dueDigest(new Date('2027-03-29T10:00:00+02:00'), calendar)).toBeNull(); // Tweede Paasdag 2027
    expect(dueDigest(new Date('2027-03-30T09:00:00+02:00'), calendar)?.key).toBe('kennisbank:2027-03-29');
    expect(dueDigest(new Date('2026-05-25T12:00:00+02:00'), calendar)).toBeNull(); // Tweede Pinksterdag 2026
  });

  it('stays due for the rest of the week (a bot that was down sends it late), not after', () => {
    expect(dueDigest(new Date('2026-12-06T23:59:00+01:00'), calendar)?.key).toBe('kennisbank:2026-11-30');
    expect(dueDigest(new Date('2026-12-07T00:00:00+01:00'), calendar)).toBeNull();
  });

  it('finds the Monday of any day', () => {
    expect(mondayOf({ year: 2026, month: 11, day: 29 })).toEqual({ year: 2026, month: 11, day: 23 });
    expect(mondayOf({ year: 2026, month: 11, day: 23 })).toEqual({ year: 2026, month: 11, day: 23 });
  });
});
