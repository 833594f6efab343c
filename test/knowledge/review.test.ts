// When an item must be checked against its sources again.
import { describe, expect, it } from 'vitest';
import { reviewBeforeOf, reviewOverdue } from '../../knowledge/review';
import { addMonths } from '../../knowledge/schema';

describe('review dates', () => {
  const item = { reviewBefore: '2027-11-23' };

  it('is not overdue before reviewBefore, and overdue from that day on', () => {
    expect(reviewOverdue(item, '2027-11-22')).toBe(false);
    expect(reviewOverdue(item, '2027-11-23')).toBe(true);
    expect(reviewOverdue(item, '2028-01-01')).toBe(true);
  });

  it('gives reviewBefore as a local date for the weekly digest', () => {
    expect(reviewBeforeOf(item)).toEqual({ year: 2027, month: 11, day: 23 });
  });

  it('counts 12 months in calendar months, ending at the last day of a shorter month', () => {
    expect(addMonths('2026-11-23', 12)).toBe('2027-11-23');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });
});
