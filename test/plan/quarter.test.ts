// Quarters of the plan: keys, labels, arithmetic, boundaries in Amsterdam time and how staff type them.
import { describe, expect, it } from 'vitest';
import { addQuarters, compareQuarters, firstDayOf, lastDayOf, parseQuarter, quarterKey, quarterLabel, quarterOf, type Quarter } from '../../plan/quarter';

const q = (year: number, quarter: Quarter['quarter']): Quarter => ({ year, quarter });

describe('quarterKey and quarterLabel', () => {
  it('write the file\'s key and the staff label', () => {
    expect(quarterKey(q(2024, 3))).toBe('2024-Q3');
    expect(quarterLabel(q(2024, 3))).toBe('Q3 2024');
  });

  it('write keys that sort as the quarters do (the plan schema compares them as text)', () => {
    const quarters = [q(2025, 1), q(2024, 4), q(2024, 1), q(2025, 4)];
    const byKey = [...quarters].sort((a, b) => quarterKey(a).localeCompare(quarterKey(b)));
    expect(byKey).toEqual([...quarters].sort(compareQuarters));
  });
});

describe('quarterOf, in Europe/Amsterdam', () => {
  it.each([
    // New Year: 23:30 UTC on 31 December is already 00:30 on 1 January in Amsterdam (CET, +1).
    ['2024-12-31T22:59:59Z', q(2024, 4)],
    ['2024-12-31T23:00:00Z', q(2025, 1)],
    // 1 July, summer time (CEST, +2).
    ['2025-06-30T21:59:59Z', q(2025, 2)],
    ['2025-06-30T22:00:00Z', q(2025, 3)],
    // 1 October, still summer time.
    ['2025-09-30T21:59:59Z', q(2025, 3)],
    ['2025-09-30T22:00:00Z', q(2025, 4)],
  ])('puts %s in %o', (instant, quarter) => {
    expect(quarterOf(new Date(instant))).toEqual(quarter);
  });

  it('puts each month in its quarter', () => {
    const quarters = Array.from({ length: 12 }, (_, m) => quarterOf(new Date(Date.UTC(2026, m, 15, 12))).quarter);
    expect(quarters).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
  });
});

describe('addQuarters and compareQuarters', () => {
  it('cross year boundaries both ways', () => {
    expect(addQuarters(q(2024, 4), 1)).toEqual(q(2025, 1));
    expect(addQuarters(q(2025, 1), -1)).toEqual(q(2024, 4));
    expect(addQuarters(q(2024, 2), 7)).toEqual(q(2026, 1));
    expect(addQuarters(q(2024, 2), -9)).toEqual(q(2022, 1));
    expect(addQuarters(q(2024, 2), 0)).toEqual(q(2024, 2));
  });

  it('order quarters by year first, then quarter', () => {
    expect(compareQuarters(q(2024, 4), q(2025, 1))).toBeLessThan(0);
    expect(compareQuarters(q(2025, 1), q(2024, 4))).toBeGreaterThan(0);
    expect(compareQuarters(q(2025, 2), q(2025, 2))).toBe(0);
    expect(compareQuarters(addQuarters(q(2024, 1), 5), q(2024, 1))).toBe(5);
  });
});

describe('firstDayOf and lastDayOf', () => {
  it.each([
    [q(2024, 1), { year: 2024, month: 1, day: 1 }, { year: 2024, month: 3, day: 31 }],
    [q(2024, 2), { year: 2024, month: 4, day: 1 }, { year: 2024, month: 6, day: 30 }],
    [q(2024, 3), { year: 2024, month: 7, day: 1 }, { year: 2024, month: 9, day: 30 }],
    [q(2024, 4), { year: 2024, month: 10, day: 1 }, { year: 2024, month: 12, day: 31 }],
  ])('of %o', (quarter, first, last) => {
    expect(firstDayOf(quarter)).toEqual(first);
    expect(lastDayOf(quarter)).toEqual(last);
  });

  it('the day after the last day is the first day of the next quarter', () => {
    for (let i = 0; i < 8; i++) {
      const quarter = addQuarters(q(2024, 1), i);
      const last = lastDayOf(quarter);
      const next = firstDayOf(addQuarters(quarter, 1));
      expect(new Date(Date.UTC(last.year, last.month - 1, last.day + 1))).toEqual(new Date(Date.UTC(next.year, next.month - 1, next.day)));
    }
  });
});

describe('parseQuarter', () => {
  const reference = q(2025, 2);

  it.each([
    ['2024-Q3', q(2024, 3)],
    ['2024Q3', q(2024, 3)],
    ['2024 - q3', q(2024, 3)],
    ['Q3 2024', q(2024, 3)],
    ['q3-2024', q(2024, 3)],
    ['1e kwartaal 2026', q(2026, 1)],
    ['4E  Kwartaal  2026', q(2026, 4)],
    ['  Q1  ', q(2025, 1)],
  ])('reads "%s"', (text, quarter) => {
    expect(parseQuarter(text, reference)).toEqual(quarter);
  });

  it('takes the year of the reference for a bare "Q2"', () => {
    expect(parseQuarter('Q2', q(2031, 4))).toEqual(q(2031, 2));
  });

  it.each(['Q0 2024', 'Q5 2024', '2024-Q5', '5e kwartaal 2024', 'kwartaal 3', '2024', 'Q3 24', '', 'Q3 2024 en Q4 2024'])('refuses "%s"', (text) => {
    expect(parseQuarter(text, reference)).toBeNull();
  });

  it('refuses years outside 2000–2100', () => {
    expect(parseQuarter('Q1 1999', reference)).toBeNull();
    expect(parseQuarter('2101-Q1', reference)).toBeNull();
    expect(parseQuarter('Q1 2000', reference)).toEqual(q(2000, 1));
    expect(parseQuarter('2100-Q4', reference)).toEqual(q(2100, 4));
  });
});
