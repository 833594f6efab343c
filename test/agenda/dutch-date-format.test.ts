// One Dutch date format for everything a user reads (cards and replies).
import { describe, expect, it } from 'vitest';
import { formatDutchDate, formatDutchDateTime } from '../../agenda/dutch-dates';

describe('formatDutchDateTime', () => {
  it.each([
    [new Date('2026-11-23T09:00:00Z'), {}, '23 november 2026 om 10:00'],
    [new Date('2026-07-01T22:30:00Z'), {}, '2 juli 2026 om 00:30'], // summer time: a day later in Amsterdam
    [new Date('2026-07-01T22:30:00Z'), { time: false }, '2 juli 2026'],
    ['2026-11-23', {}, '23 november 2026'],
    [{ year: 2026, month: 12, day: 9 }, { weekday: true }, 'woensdag 9 december 2026'],
    ['binnenkort', {}, 'binnenkort'],
  ] as const)('writes %s as "%s"', (value, options, expected) => {
    expect(formatDutchDateTime(value as Date | string, options)).toBe(expected);
  });

  it('gives a meeting date its weekday', () => {
    expect(formatDutchDate({ year: 2026, month: 11, day: 23 })).toBe('maandag 23 november 2026');
  });
});
