// Turns due reminder occasions into outbox messages: one message per occasion and subscribed
// conversation (one card per gemeente), keyed so that it is queued once, whichever instance runs it.
// On the same tick, agenda items not handled at a meeting that is over move to the next meeting.
import { CardFactory } from 'botbuilder';
import { mijlpalenCard } from '../cards/mijlpalen-cards';
import { OPEN, type StatusRecord } from '../plan/plan';
import { quarterLabel } from '../plan/quarter';
import { dueOccasions, type Occasion } from '../plan/reminder-rules';
import type { HolidayCalendar } from '../plan/werkdagen';
import type { BotDeps } from './deps';
import type { Outbox } from './outbox/outbox';
import { agendaCard, meetingLabel } from '../cards/werkgroep-cards';
import { agendaDeadline, dayReminderAt, upcomingMeetings } from '../agenda/meeting-schedule';
import { amsterdamParts } from '../plan/amsterdam-time';
import type { StoredMeeting } from './werkgroep/agenda-store';
import { formatTime } from '../agenda/dutch-dates';
import { storedTenantKey } from './tenants';
import type { ActiveSubscription } from './storage/plan-store';

export class ReminderService {
  constructor(
    private readonly deps: Pick<BotDeps, 'plan' | 'planStore' | 'store' | 'clock' | 'logger' | 'werkgroep' | 'tenants'>,
    private readonly outbox: Outbox,
    private readonly calendar: HolidayCalendar,
  ) {}

  /** Queues every due reminder that was not queued before; returns how many were new. */
  async queueDue(): Promise<number> {
    return (await this.queueQuarterly()) + (await this.queueMeetingReminders());
  }

  /**
   * For each werkgroep: first the carry-over of items not handled at a meeting that is over; then for
   * each meeting the agenda two werkdagen before at 09:00 (when submissions close), and a short
   * reminder on the morning of the meeting. Both until the meeting starts.
   */
  private async queueMeetingReminders(): Promise<number> {
    const now = this.deps.clock.now();
    const werkgroep = this.deps.werkgroep;
    // All meeting series in one read, grouped per conversation.
    const seriesByConversation = new Map<string, StoredMeeting[]>();
    for (const series of await werkgroep.store.meetings()) {
      seriesByConversation.set(series.conversationId, [...(seriesByConversation.get(series.conversationId) ?? []), series]);
    }
    let queued = 0;
    for (const [conversationId, series] of seriesByConversation) {
      // First what was not handled at a meeting that is over, so the next agenda posted includes it.
      await werkgroep.carryOverEnded(conversationId, series);
      const conversation = await this.deps.store.conversation(conversationId);
      if (!conversation?.active || !(await this.deps.tenants.mayReceive(storedTenantKey(conversation.tenantId)))) continue;
      const meetings = upcomingMeetings(series, amsterdamParts(now), 4).filter((m) => !m.cancelled);
      const done = await this.outbox.queuedKeys(meetings.flatMap((m) => [`agenda:${conversationId}:${m.dateKey}`, `overlegdag:${conversationId}:${m.dateKey}`]));
      for (const meeting of meetings) {
        const label = meetingLabel(meeting);
        const deadline = agendaDeadline(meeting, werkgroep.calendar);
        if (now.getTime() >= meeting.start.getTime()) continue; // reminders only until the meeting starts
        if (deadline.getTime() <= now.getTime() && !done.has(`agenda:${conversationId}:${meeting.dateKey}`)) {
          const items = await werkgroep.store.items(conversationId, meeting.dateKey);
          const card = agendaCard(meeting, items, deadline, `Agenda overleg ${label}`);
          if (await this.outbox.enqueue(`agenda:${conversationId}:${meeting.dateKey}`, conversationId, conversation.tenantId, { type: 'message', attachments: [CardFactory.adaptiveCard(card)] })) queued++;
        }
        if (dayReminderAt(meeting).getTime() <= now.getTime() && !done.has(`overlegdag:${conversationId}:${meeting.dateKey}`)) {
          const items = await werkgroep.store.items(conversationId, meeting.dateKey, ['gepland']);
          const text = `Vandaag om ${formatTime(meeting.time)}: overleg van de werkgroep Zorg & Veiligheid. Op de agenda: ${items.length} ${items.length === 1 ? 'punt' : 'punten'}. Typ agenda om ze te zien.`;
          if (await this.outbox.enqueue(`overlegdag:${conversationId}:${meeting.dateKey}`, conversationId, conversation.tenantId, { type: 'message', text })) queued++;
        }
      }
    }
    return queued;
  }

  private async queueQuarterly(): Promise<number> {
    const occasions = dueOccasions(this.deps.clock.now(), this.calendar).filter((o) => this.deps.plan.covers(o.quarter));
    if (occasions.length === 0) return 0;
    const subscriptions: ActiveSubscription[] = [];
    for (const subscription of await this.deps.planStore.activeSubscriptions()) {
      if (await this.deps.tenants.mayReceive(subscription.tenantId)) subscriptions.push(subscription);
    }
    if (subscriptions.length === 0) return 0;
    // Each tenant's werkgroep keeps its own milestone status: read once per tenant.
    const statusesByTenant = new Map<string, Map<string, StatusRecord>>();
    for (const tenantKey of new Set(subscriptions.map((s) => s.tenantId))) statusesByTenant.set(tenantKey, await this.deps.planStore.statuses(tenantKey));
    const statusesOf = (tenantKey: string) => (id: string): StatusRecord => statusesByTenant.get(tenantKey)?.get(id) ?? OPEN;
    // The scheduler asks every few minutes; what was queued before is not built again.
    const done = await this.outbox.queuedKeys(occasions.flatMap((o) => subscriptions.map((s) => `${o.key}:${s.conversationId}`)));
    let queued = 0;
    for (const occasion of occasions) {
      for (const subscription of subscriptions) {
        if (done.has(`${occasion.key}:${subscription.conversationId}`)) continue;
        const attachments = subscription.gemeenten
          .filter((g) => this.deps.plan.gemeente(g))
          .map((g) => CardFactory.adaptiveCard(this.cardFor(occasion, g, statusesOf(subscription.tenantId))));
        if (attachments.length === 0) continue;
        const isNew = await this.outbox.enqueue(`${occasion.key}:${subscription.conversationId}`, subscription.conversationId, subscription.tenantId, {
          type: 'message',
          attachments,
        });
        if (isNew) queued++;
      }
    }
    if (queued > 0) this.deps.logger.info({ event: 'reminders-queued', count: queued }, 'reminders queued');
    return queued;
  }

  private cardFor(occasion: Occasion, gemeente: string, statusOf: (id: string) => StatusRecord) {
    const plan = this.deps.plan;
    if (occasion.kind === 'kwartaalstart') {
      return mijlpalenCard({
        plan,
        gemeente,
        quarter: occasion.quarter,
        statusOf,
        overdue: plan.overdue(gemeente, occasion.quarter, statusOf),
        heading: `Nieuw kwartaal: mijlpalen ${gemeente} — ${quarterLabel(occasion.quarter)}`,
      });
    }
    return mijlpalenCard({
      plan,
      gemeente,
      quarter: occasion.quarter,
      statusOf: (id) => statusOf(id),
      overdue: [],
      heading: `Nog twee weken: open mijlpalen ${gemeente} — ${quarterLabel(occasion.quarter)}`,
    });
  }
}
