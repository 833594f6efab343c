// Which meetings come next, when their agenda closes and when the reminders go. Pure.
import { amsterdamInstant, formatLocalDate, type LocalDate } from '../time/amsterdam-time';
import { werkdagenBefore, type HolidayCalendar } from '../time/werkdagen';
import type { LocalTime } from '../time/dutch-dates';
import { occurrences, type MeetingPlan } from './recurrence';

export interface MeetingSeries {
  id: number;
  plan: MeetingPlan;
  cancelledDates: ReadonlySet<string>;
}

export interface MeetingOccurrence {
  meetingId: number;
  date: LocalDate;
  /** "2026-12-09": what agenda items and cancellations refer to. */
  dateKey: string;
  time: LocalTime;
  start: Date;
  cancelled: boolean;
}

/** Items may be added until two werkdagen before the meeting, 09:00: when the agenda is posted. */
export const DEADLINE_WERKDAGEN = 2;
export const AGENDA_POST_HOUR = 9;
const DAY_REMINDER_HOUR = 8;

/**
 * Meetings from today on, cancelled ones included and marked, soonest first. A meeting stays the
 * current one for the rest of its day, so items can be marked afgerond during and after it.
 */
export function upcomingMeetings(series: ReadonlyArray<MeetingSeries>, today: LocalDate, limit: number): MeetingOccurrence[] {
  const all = series.flatMap((s) =>
    occurrences(s.plan, today, limit + 1).map((date) => {
      const dateKey = formatLocalDate(date);
      return { meetingId: s.id, date, dateKey, time: s.plan.time, start: amsterdamInstant(date, s.plan.time.hour, s.plan.time.minute), cancelled: s.cancelledDates.has(dateKey) };
    }),
  );
  return all
    .filter((m) => m.dateKey >= formatLocalDate(today))
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .slice(0, limit);
}

export function agendaDeadline(meeting: Pick<MeetingOccurrence, 'date'>, calendar: HolidayCalendar): Date {
  return amsterdamInstant(werkdagenBefore(meeting.date, DEADLINE_WERKDAGEN, calendar), AGENDA_POST_HOUR, 0);
}

/** The morning of the meeting, 08:00; an hour before when the meeting itself starts by 08:30. */
export function dayReminderAt(meeting: Pick<MeetingOccurrence, 'date' | 'start' | 'time'>): Date {
  const morning = amsterdamInstant(meeting.date, DAY_REMINDER_HOUR, 0);
  const early = meeting.time.hour * 60 + meeting.time.minute <= 8 * 60 + 30;
  return early ? new Date(meeting.start.getTime() - 3_600_000) : morning;
}

export interface ParsedAgendaItem {
  topic: string;
  durationMin: number | null;
  toelichting: string | null;
}

export const MAX_TOPIC = 200;
export const MAX_TOELICHTING = 1000;

/** "<onderwerp> [(15 min)] [— toelichting]"; a Dutch message when it does not fit. */
export function parseAgendaItem(text: string): { ok: true; item: ParsedAgendaItem } | { ok: false; reason: string } {
  const [head, ...rest] = text.split(/\s+[—–]\s+|\s+--\s+|\s+-\s+/);
  const toelichting = rest.length > 0 ? rest.join(' — ').trim() : null;
  const duration = /\((\d{1,3})\s*(?:min|minuten)\)\s*$/i.exec(head ?? '');
  const topic = (duration ? head!.slice(0, duration.index) : (head ?? '')).trim();
  if (topic === '') return { ok: false, reason: 'Geef een onderwerp, bijvoorbeeld: agenda toevoegen Evaluatie aanpak huurachterstanden (15 min) — stand van zaken per gemeente.' };
  if (topic.length > MAX_TOPIC) return { ok: false, reason: `Het onderwerp is ${topic.length} tekens; maximaal ${MAX_TOPIC}. Zet details in de toelichting (na een —).` };
  if (toelichting !== null && toelichting.length > MAX_TOELICHTING) return { ok: false, reason: `De toelichting is ${toelichting.length} tekens; maximaal ${MAX_TOELICHTING}.` };
  const durationMin = duration ? Number(duration[1]) : null;
  if (durationMin !== null && (durationMin < 1 || durationMin > 240)) return { ok: false, reason: 'Een duur is 1 tot 240 minuten.' };
  return { ok: true, item: { topic, durationMin, toelichting: toelichting || null } };
}
