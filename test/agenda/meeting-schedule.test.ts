// Agenda items as coordinators type them: topic, duration and toelichting.
import { describe, expect, it } from 'vitest';
import { parseAgendaItem } from '../../agenda/meeting-schedule';

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
