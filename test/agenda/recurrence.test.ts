// Meeting plans as coordinators type them: once or recurring (RRULE), and their dates.
import { describe, expect, it } from 'vitest';
import { occurrences, parseMeetingPlan } from '../../agenda/recurrence';

const today = { year: 2026, month: 11, day: 23 }; // a Monday

describe('meeting plans', () => {
  it('keeps a recurring plan as an RRULE and lists its dates', () => {
    const second = parseMeetingPlan('elke 2e dinsdag 10:00', today);
    expect(second.ok && second.plan.kind === 'recurring' && second.plan.rrule).toContain('RRULE:FREQ=MONTHLY;BYDAY=+2TU');
    const everyFour = parseMeetingPlan('elke 4 weken op donderdag 14:00', today);
    expect(everyFour.ok && everyFour.plan.kind === 'recurring' && everyFour.plan.rrule).toContain('FREQ=WEEKLY;INTERVAL=4;BYDAY=TH');
    expect(everyFour.ok && occurrences(everyFour.plan, today, 3)).toEqual([
      { year: 2026, month: 11, day: 26 },
      { year: 2026, month: 12, day: 24 },
      { year: 2027, month: 1, day: 21 },
    ]);
  });

  it('reads a one-off plan with its time', () => {
    expect(parseMeetingPlan('25-11-2026 10.30', today)).toEqual({ ok: true, plan: { kind: 'once', date: { year: 2026, month: 11, day: 25 }, time: { hour: 10, minute: 30 } } });
    expect(parseMeetingPlan('morgen 9 uur', today)).toMatchObject({ ok: true, plan: { date: { day: 24 }, time: { hour: 9, minute: 0 } } });
  });

  it('explains what it cannot read', () => {
    expect(parseMeetingPlan('elke blauwe maan 10:00', today)).toMatchObject({ ok: false });
    expect(parseMeetingPlan('1-1-2020 10:00', today)).toEqual({ ok: false, reason: 'Die datum ligt in het verleden.' });
  });
});
