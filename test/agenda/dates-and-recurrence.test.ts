// Dutch dates and meeting plans as coordinators type them.
import { describe, expect, it } from 'vitest';
import { parseDutchDate } from '../../agenda/dutch-dates';
import { parseAgendaItem } from '../../agenda/meeting-schedule';
import { occurrences, parseMeetingPlan } from '../../agenda/recurrence';

const today = { year: 2026, month: 11, day: 23 }; // a Monday

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

describe('agenda items', () => {
  it('read topic, duration and toelichting', () => {
    expect(parseAgendaItem('Zorg- en Veiligheidshuis aanmeldingen (15 min) — cijfers Q3')).toEqual({
      ok: true,
      item: { topic: 'Zorg- en Veiligheidshuis aanmeldingen', durationMin: 15, toelichting: 'cijfers Q3' },
    });
    expect(parseAgendaItem('Alleen een onderwerp')).toEqual({ ok: true, item: { topic: 'Alleen een onderwerp', durationMin: null, toelichting: null } });
    expect(parseAgendaItem('')).toMatchObject({ ok: false });
    expect(parseAgendaItem('Lang (500 min)')).toEqual({ ok: false, reason: 'Een duur is 1 tot 240 minuten.' });
  });
});
