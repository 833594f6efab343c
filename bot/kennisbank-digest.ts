// The weekly kennisbank digest, and the same overview on demand (statistieken): gathers the counts,
// the week's unanswered questions (grouped when they are the same after folding), items often marked
// niet nuttig, items due for review and empty meldpunten, and queues the digest once per week and
// conversation through the outbox.
import { CardFactory } from 'botbuilder';
import { formatDutchDateTime } from '../time/dutch-dates';
import { digestCard, type DigestView, type DigestWeek } from '../cards/digest-card';
import { reviewBeforeOf } from '../knowledge/review';
import { foldText } from '../knowledge/text';
import { addDays, amsterdamInstant, amsterdamParts, formatLocalDate, type LocalDate } from '../time/amsterdam-time';
import { dueDigest, mondayOf } from '../plan/weekly-digest-rules';
import type { HolidayCalendar } from '../time/werkdagen';
import type { BotDeps } from './deps';
import type { Outbox } from './outbox/outbox';

const DAY_MS = 86_400_000;
const SHOWN_GROUPS = 6;
const NOT_USEFUL_MORE_THAN = 2;
const REVIEW_AHEAD_DAYS = 30;
export const DEFAULT_WEEKS = 5;
export const MAX_WEEKS = 12;

/** ISO week number, for short chart labels ("week 47"). */
function isoWeek(date: LocalDate): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY_MS);
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  return 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / DAY_MS / 7 - (3 - ((firstThursday.getUTCDay() + 6) % 7)) / 7);
}

export class KennisbankDigest {
  constructor(
    private readonly deps: Pick<BotDeps, 'kb' | 'improvement' | 'gemeenten' | 'clock' | 'logger' | 'tenants'>,
    private readonly outbox: Outbox,
    private readonly calendar: HolidayCalendar,
  ) {}

  /** Queues this week's digest to every subscribed conversation that did not get it; returns how many. */
  async queueDue(): Promise<number> {
    const occasion = dueDigest(this.deps.clock.now(), this.calendar);
    if (!occasion) return 0;
    const subscriptions = await this.deps.improvement.activeDigestSubscriptions();
    if (subscriptions.length === 0) return 0;
    const done = await this.outbox.queuedKeys(subscriptions.map((s) => `${occasion.key}:${s.conversationId}`));
    const todo = subscriptions.filter((s) => !done.has(`${occasion.key}:${s.conversationId}`));
    if (todo.length === 0) return 0;
    // One card per tenant: each sees its own counts and unanswered questions; none to a tenant no longer allowed.
    const cards = new Map<string, ReturnType<typeof digestCard> | null>();
    let queued = 0;
    for (const s of todo) {
      if (!cards.has(s.tenantId)) cards.set(s.tenantId, (await this.deps.tenants.mayReceive(s.tenantId)) ? digestCard(await this.weekView(s.tenantId, occasion.weekStart)) : null);
      const card = cards.get(s.tenantId);
      if (!card) continue;
      if (await this.outbox.enqueue(`${occasion.key}:${s.conversationId}`, s.conversationId, s.tenantId, { type: 'message', attachments: [CardFactory.adaptiveCard(card)] })) queued++;
    }
    if (queued > 0) this.deps.logger.info({ event: 'digest-queued', count: queued }, 'kennisbank digest queued');
    return queued;
  }

  /** The digest sent on `weekStart` (a Monday): the week before it, beside the four weeks before that. */
  async weekView(tenantKey: string, weekStart: LocalDate, notice?: string): Promise<DigestView> {
    const reported = addDays(weekStart, -7);
    const periods = Array.from({ length: DEFAULT_WEEKS }, (_, i) => {
      const start = addDays(weekStart, -7 * (DEFAULT_WEEKS - i));
      return { start, from: amsterdamInstant(start), to: amsterdamInstant(addDays(start, 7)), label: `week ${isoWeek(start)}` };
    });
    return this.view(tenantKey, {
      heading: `Kennisbank: week ${isoWeek(reported)}`,
      subheading: `${formatDutchDateTime(reported)} tot en met ${formatDutchDateTime(addDays(reported, 6))}, naast de vier weken ervoor.`,
      periods,
      week: formatLocalDate(weekStart),
      notice,
    });
  }

  /** On demand: this week so far and the weeks before it (statistieken [weken]). */
  async currentView(tenantKey: string, weeks: number, notice?: string): Promise<DigestView> {
    const now = this.deps.clock.now();
    const monday = mondayOf(amsterdamParts(now));
    const periods = Array.from({ length: weeks }, (_, i) => {
      const start = addDays(monday, -7 * (weeks - 1 - i));
      const isCurrent = i === weeks - 1;
      // Up to and including this moment.
      return { start, from: amsterdamInstant(start), to: isCurrent ? new Date(now.getTime() + 1) : amsterdamInstant(addDays(start, 7)), label: isCurrent ? 'deze week' : `week ${isoWeek(start)}` };
    });
    return this.view(tenantKey, {
      heading: `Kennisbank: de laatste ${weeks === 1 ? 'week' : `${weeks} weken`}`,
      subheading: `Tot ${formatDutchDateTime(now)}; "deze week" loopt nog.`,
      periods,
      week: formatLocalDate(addDays(monday, 7)),
      notice,
    });
  }

  /** One tenant's overview: its counts, feedback and unanswered questions (content and meldpunten are everyone's). */
  private async view(tenantKey: string, input: { heading: string; subheading: string; periods: Array<{ from: Date; to: Date; label: string }>; week: string; notice?: string }): Promise<DigestView> {
    const { kb, improvement, gemeenten, clock } = this.deps;
    const weeks: DigestWeek[] = [];
    for (const p of input.periods) weeks.push({ label: p.label, ...(await improvement.counts(tenantKey, p.from, p.to)) });
    const last = input.periods.at(-1)!;
    const open = await improvement.openUnanswered(tenantKey, last.from, last.to, 500);
    const groups = new Map<string, { text: string; ids: number[]; closest: Set<string> }>();
    for (const q of open) {
      const key = foldText(q.maskedQuestion);
      const group = groups.get(key) ?? { text: q.maskedQuestion, ids: [], closest: new Set<string>() };
      group.ids.push(q.id);
      for (const id of q.closestIds) if (kb.item(id)) group.closest.add(id);
      groups.set(key, group);
    }
    const sorted = [...groups.values()].sort((a, b) => b.ids.length - a.ids.length || a.ids[0]! - b.ids[0]!);
    const allChoices = [...kb.items].sort((a, b) => a.title.localeCompare(b.title, 'nl')).map((i) => ({ title: i.title, value: i.id }));
    const now = clock.now();
    const stored = await gemeenten.allMeldpunten();
    const slots = kb.meldpuntSlots();
    return {
      heading: input.heading,
      subheading: input.subheading,
      notice: input.notice,
      weeks,
      week: input.week,
      unanswered: sorted.slice(0, SHOWN_GROUPS).map((g) => ({
        text: g.text,
        count: g.ids.length,
        ids: g.ids,
        // The nearest items first; all items when search found none near.
        choices: g.closest.size > 0 ? [...g.closest].map((id) => ({ title: kb.item(id)!.title, value: id })) : allChoices,
      })),
      moreUnanswered: Math.max(0, sorted.length - SHOWN_GROUPS),
      notUseful: (await improvement.notUsefulCounts(tenantKey, input.periods[0]!.from))
        .filter((n) => n.count > NOT_USEFUL_MORE_THAN && kb.item(n.itemId))
        .map((n) => ({ title: kb.item(n.itemId)!.title, count: n.count })),
      review: kb.items
        .map((item) => ({ item, before: reviewBeforeOf(item) }))
        .filter(({ before }) => amsterdamInstant(before).getTime() <= now.getTime() + REVIEW_AHEAD_DAYS * DAY_MS)
        .sort((a, b) => formatLocalDate(a.before).localeCompare(formatLocalDate(b.before)))
        .map(({ item, before }) => ({ title: item.title, owner: item.owner.role, date: formatDutchDateTime(before), overdue: amsterdamInstant(before).getTime() <= now.getTime() })),
      emptyMeldpunten: kb.gemeenten.map((g) => ({ gemeente: g.naam, empty: slots.filter((s) => !kb.meldpunt(g, s, stored.get(g.naam))).length, total: slots.length })),
    };
  }
}
