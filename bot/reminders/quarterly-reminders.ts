// Quarterly milestone reminders: one message per occasion (kwartaalstart, kwartaaleinde) and subscribed
// conversation, one card per gemeente, keyed so that it is queued once, whichever instance runs it.
import { CardFactory } from 'botbuilder';
import { mijlpalenCard } from '../../cards/mijlpalen-cards';
import { OPEN, type StatusRecord } from '../../plan/plan';
import { quarterLabel } from '../../plan/quarter';
import { dueOccasions, type Occasion } from '../../plan/reminder-rules';
import type { HolidayCalendar } from '../../time/werkdagen';
import type { BotDeps } from '../deps';
import type { Outbox } from '../outbox/outbox';
import type { DueWork } from '../scheduler';
import type { ActiveSubscription } from '../storage/plan-store';

export class QuarterlyReminders implements DueWork {
  constructor(
    private readonly deps: Pick<BotDeps, 'plan' | 'planStore' | 'clock' | 'logger' | 'tenants'>,
    private readonly outbox: Outbox,
    private readonly calendar: HolidayCalendar,
  ) {}

  /** Queues every due quarterly reminder that was not queued before; returns how many were new. */
  async queueDue(): Promise<number> {
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
