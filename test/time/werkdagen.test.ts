// Werkdagen: Monday to Friday, not a Dutch public holiday.
import { describe, expect, it } from 'vitest';
import { dutchHolidays, werkdagenBefore } from '../../time/werkdagen';

const calendar = dutchHolidays();

describe('werkdagen', () => {
  it('count werkdagen back over a weekend and a holiday', () => {
    // Two werkdagen before Tuesday 2 April 2024 (Monday 1 April is Tweede Paasdag): Thursday 28 March.
    expect(werkdagenBefore({ year: 2024, month: 4, day: 2 }, 2, calendar)).toEqual({ year: 2024, month: 3, day: 28 });
  });
});
