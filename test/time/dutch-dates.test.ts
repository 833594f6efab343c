// Dutch dates: the one format for everything a user reads, and dates as coordinators type them.
import { describe, expect, it } from 'vitest';
import { formatDutchDate, formatDutchDateTime, parseDutchDate } from '../../time/dutch-dates';

const today = { year: 2026, month: 11, day: 23 }; // a Monday

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

describe('Dutch dates', () => {
  it.each([
    ['25-11', { year: 2026, month: 11, day: 25 }],
    ['25-11-2026', { year: 2026, month: 11, day: 25 }],
    ['25 november', { year: 2026, month: 11, day: 25 }],
    ['9 december', { year: 2026, month: 12, day: 9 }],
    ['3 jan', { year: 2027, month: 1, day: 3 }],
    ['20-11', { year: 2027, month: 11, day: 20 }],
    ['morgen', { year: 2026, month: 11, day: 24 }],
    ['overmorgen', { year: 2026, month: 11, day: 25 }],
    ['volgende dinsdag', { year: 2026, month: 11, day: 24 }],
    ['maandag', { year: 2026, month: 11, day: 23 }],
    ['volgende maandag', { year: 2026, month: 11, day: 30 }],
  ])('reads "%s"', (text, expected) => {
    expect(parseDutchDate(text, today)).toEqual(expected);
  });

  it.each(['31-11', '30 februari', 'gisteren?', 'blauwdag', '12-13-2026'])('refuses "%s"', (text) => {
    expect(parseDutchDate(text, today)).toBeNull();
  });
});
