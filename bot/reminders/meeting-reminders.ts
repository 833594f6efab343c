// Meeting reminders, per werkgroep: the agenda when submissions close (two werkdagen before, 09:00)
// and a short reminder on the morning of the meeting, each queued once in the outbox whichever instance
// runs it. On the same tick, agenda items not handled at a meeting that is over move to the next one.
import { CardFactory } from 'botbuilder';
import { agendaDeadline, dayReminderAt, upcomingMeetings } from '../../agenda/meeting-schedule';
import { agendaCard, meetingLabel } from '../../cards/werkgroep-cards';
import { amsterdamParts } from '../../time/amsterdam-time';
import { formatTime } from '../../time/dutch-dates';
import type { StoredMeeting } from '../agenda/agenda-store';
import type { BotDeps } from '../deps';
import type { Outbox } from '../outbox/outbox';
import type { DueWork } from '../scheduler';
import { storedTenantKey } from '../tenants';

export class MeetingReminders implements DueWork {
  constructor(
    private readonly deps: Pick<BotDeps, 'store' | 'clock' | 'agenda' | 'tenants'>,
    private readonly outbox: Outbox,
  ) {}

  /**
   * For each werkgroep: first the carry-over of items not handled at a meeting that is over; then for
   * each meeting the agenda two werkdagen before at 09:00 (when submissions close), and a short
   * reminder on the morning of the meeting. Both until the meeting starts.
   */
  async queueDue(): Promise<number> {
    const now = this.deps.clock.now();
    const agenda = this.deps.agenda;
    // All meeting series in one read, grouped per conversation.
    const seriesByConversation = new Map<string, StoredMeeting[]>();
    for (const series of await agenda.store.meetings()) {
      seriesByConversation.set(series.conversationId, [...(seriesByConversation.get(series.conversationId) ?? []), series]);
    }
    let queued = 0;
    for (const [conversationId, series] of seriesByConversation) {
      // First what was not handled at a meeting that is over, so the next agenda posted includes it.
      await agenda.carryOverEnded(conversationId, series);
      const conversation = await this.deps.store.conversation(conversationId);
      if (!conversation?.active || !(await this.deps.tenants.mayReceive(storedTenantKey(conversation.tenantId)))) continue;
      const meetings = upcomingMeetings(series, amsterdamParts(now), 4).filter((m) => !m.cancelled);
      const done = await this.outbox.queuedKeys(meetings.flatMap((m) => [`agenda:${conversationId}:${m.dateKey}`, `overlegdag:${conversationId}:${m.dateKey}`]));
      for (const meeting of meetings) {
        const label = meetingLabel(meeting);
        const deadline = agendaDeadline(meeting, agenda.calendar);
        if (now.getTime() >= meeting.start.getTime()) continue; // reminders only until the meeting starts
        if (deadline.getTime() <= now.getTime() && !done.has(`agenda:${conversationId}:${meeting.dateKey}`)) {
          const items = await agenda.store.items(conversationId, meeting.dateKey);
          const card = agendaCard(meeting, items, deadline, `Agenda overleg ${label}`);
          if (await this.outbox.enqueue(`agenda:${conversationId}:${meeting.dateKey}`, conversationId, conversation.tenantId, { type: 'message', attachments: [CardFactory.adaptiveCard(card)] })) queued++;
        }
        if (dayReminderAt(meeting).getTime() <= now.getTime() && !done.has(`overlegdag:${conversationId}:${meeting.dateKey}`)) {
          const items = await agenda.store.items(conversationId, meeting.dateKey, ['gepland']);
          const text = `Vandaag om ${formatTime(meeting.time)}: overleg van de werkgroep Zorg & Veiligheid. Op de agenda: ${items.length} ${items.length === 1 ? 'punt' : 'punten'}. Typ agenda om ze te zien.`;
          if (await this.outbox.enqueue(`overlegdag:${conversationId}:${meeting.dateKey}`, conversationId, conversation.tenantId, { type: 'message', text })) queued++;
        }
      }
    }
    return queued;
  }
}
