// The werkgroep's meetings and agenda for one channel (the service over agenda/'s pure rules and the
// AgendaStore): which meeting is next, which meeting a new item goes to (the deadline), and carry-over
// of what was not handled. Who may change things is bot/roles.ts.
import { agendaDeadline, upcomingMeetings, type MeetingOccurrence, type ParsedAgendaItem } from '../../agenda/meeting-schedule';
import type { MeetingPlan } from '../../agenda/recurrence';
import { meetingLabel } from '../../cards/werkgroep-cards';
import { formatDutchDate, formatTime } from '../../time/dutch-dates';
import { amsterdamParts, formatLocalDate, type LocalDate } from '../../time/amsterdam-time';
import type { HolidayCalendar } from '../../time/werkdagen';
import type { Clock } from '../clock';
import type { Actor, AgendaItem, AgendaStore, StoredMeeting } from './agenda-store';

/** Who changes the agenda when no person does (carry-over by the scheduler). */
export const SYSTEM_ACTOR: Actor = { id: 'meldwijzer', name: 'Meldwijzer' };

export interface AgendaView {
  meeting: MeetingOccurrence;
  items: AgendaItem[];
  deadline: Date;
}

/** Where a new item went: its meeting, its number there, and the meeting whose agenda had closed. */
export interface AddedItem {
  itemId: number;
  meeting: MeetingOccurrence;
  /** The item's number on that agenda (for an added item; a proposal has none yet). */
  number: number;
  deadlinePassedFor: MeetingOccurrence | null;
}

/** What a coordinator does to a numbered point of the next agenda. */
export type ItemChange = { kind: 'verwijderen' | 'afgerond'; number: number } | { kind: 'verplaatsen'; number: number; to: number };

export type ItemChangeResult =
  | { ok: false; reason: 'no-meeting' }
  | { ok: false; reason: 'out-of-range'; number: number; meeting: MeetingOccurrence; count: number }
  | { ok: true; topic: string };

export type ProposalDecision =
  | { ok: false; reason: 'decided' | 'no-meeting'; meetingLabel: string }
  | { ok: true; accepted: boolean; meetingLabel: string };

const quoted = (topic: string) => `"${topic}"`;

export class AgendaService {
  constructor(
    readonly store: AgendaStore,
    private readonly clock: Clock,
    readonly calendar: HolidayCalendar,
  ) {}

  async upcoming(conversationId: string, limit: number): Promise<MeetingOccurrence[]> {
    const now = this.clock.now();
    const series = await this.store.meetings(conversationId);
    return upcomingMeetings(series, amsterdamParts(now), limit);
  }

  /** The next meeting that is not cancelled. */
  async nextMeeting(conversationId: string, skip = 0): Promise<MeetingOccurrence | null> {
    const meetings = (await this.upcoming(conversationId, 12 + skip)).filter((m) => !m.cancelled);
    return meetings[skip] ?? null;
  }

  /** The meeting a new item goes to: the next one, or the one after when its deadline has passed. */
  async meetingForNewItem(conversationId: string): Promise<{ meeting: MeetingOccurrence; deadlinePassedFor: MeetingOccurrence | null } | null> {
    const next = await this.nextMeeting(conversationId);
    if (!next) return null;
    if (this.clock.now().getTime() < agendaDeadline(next, this.calendar).getTime()) return { meeting: next, deadlinePassedFor: null };
    const after = await this.nextMeeting(conversationId, 1);
    return after ? { meeting: after, deadlinePassedFor: next } : null;
  }

  /**
   * The next meeting's agenda. Reading writes nothing: carry-over is the scheduler's (carryOverEnded).
   */
  async nextAgenda(conversationId: string): Promise<AgendaView | null> {
    const meeting = await this.nextMeeting(conversationId);
    if (!meeting) return null;
    return { meeting, items: await this.store.items(conversationId, meeting.dateKey), deadline: agendaDeadline(meeting, this.calendar) };
  }

  /** Stores a confirmed meeting plan, recorded in the audit trail. */
  async planMeeting(conversationId: string, plan: MeetingPlan, by: Actor): Promise<void> {
    await this.store.addMeeting(conversationId, plan, by);
    const described = plan.kind === 'once' ? `eenmalig op ${formatDutchDate(plan.date)}` : plan.description;
    await this.store.recordAudit(conversationId, by, `overleg gepland: ${described} om ${formatTime(plan.time)}`);
  }

  /** Cancels the meeting on that date (its items move on with carry-over); says when there is none or it was. */
  async cancelMeeting(conversationId: string, date: LocalDate, by: Actor): Promise<{ outcome: 'none' } | { outcome: 'already' | 'cancelled'; meeting: MeetingOccurrence }> {
    const meeting = (await this.upcoming(conversationId, 30)).find((m) => m.dateKey === formatLocalDate(date));
    if (!meeting) return { outcome: 'none' };
    if (meeting.cancelled) return { outcome: 'already', meeting };
    await this.store.cancelOccurrence(meeting.meetingId, meeting.dateKey, by);
    await this.store.recordAudit(conversationId, by, `overleg van ${meetingLabel(meeting)} geannuleerd`);
    return { outcome: 'cancelled', meeting };
  }

  /** The next agenda, published by a coordinator: recorded in the audit trail. */
  async publish(conversationId: string, by: Actor): Promise<AgendaView | null> {
    const view = await this.nextAgenda(conversationId);
    if (view) await this.store.recordAudit(conversationId, by, `agenda van ${meetingLabel(view.meeting)} gepubliceerd`);
    return view;
  }

  /**
   * Puts an item on the agenda of the meeting it goes to ('gepland', by a coordinator) or keeps it as a
   * proposal for that meeting ('voorstel'); null when no meeting is planned.
   */
  async addItem(conversationId: string, item: ParsedAgendaItem, status: 'gepland' | 'voorstel', by: Actor): Promise<AddedItem | null> {
    const target = await this.meetingForNewItem(conversationId);
    if (!target) return null;
    const { meeting } = target;
    const audit = `${status === 'gepland' ? 'toegevoegd' : 'voorgesteld'}: ${quoted(item.topic)} (overleg ${meetingLabel(meeting)})`;
    const itemId = await this.store.addItem(conversationId, meeting.dateKey, { ...item, status }, by, audit);
    const number = status === 'gepland' ? (await this.store.items(conversationId, meeting.dateKey)).length : 0;
    return { itemId, meeting, number, deadlinePassedFor: target.deadlinePassedFor };
  }

  /** Takes a point off the next agenda, marks it done, or moves it to another number. */
  async changeItem(conversationId: string, change: ItemChange, by: Actor): Promise<ItemChangeResult> {
    const view = await this.nextAgenda(conversationId);
    if (!view) return { ok: false, reason: 'no-meeting' };
    const numbers = change.kind === 'verplaatsen' ? [change.number, change.to] : [change.number];
    const outOfRange = numbers.find((n) => n < 1 || n > view.items.length);
    if (outOfRange !== undefined) return { ok: false, reason: 'out-of-range', number: outOfRange, meeting: view.meeting, count: view.items.length };
    const item = view.items[change.number - 1]!;
    if (change.kind === 'verplaatsen') {
      const order = view.items.filter((i) => i.id !== item.id).map((i) => i.id);
      order.splice(change.to - 1, 0, item.id);
      await this.store.reorder(conversationId, order, by, `verplaatst: ${quoted(item.topic)} van ${change.number} naar ${change.to}`);
    } else if (change.kind === 'verwijderen') {
      // One transaction: the item goes and the rest close up, also with a second instance at work.
      await this.store.removeItem(item.id, conversationId, by, `verwijderd: ${quoted(item.topic)}`);
    } else {
      await this.store.setStatus(item.id, conversationId, 'afgerond', by, `afgerond: ${quoted(item.topic)}`);
    }
    return { ok: true, topic: item.topic };
  }

  /** A proposal (or any item) of this werkgroep; null when it does not exist here. */
  async proposal(conversationId: string, itemId: number): Promise<AgendaItem | null> {
    const item = await this.store.item(itemId);
    return item && item.conversationId === conversationId ? item : null;
  }

  /**
   * A coordinator accepts a proposal (onto the meeting a new item goes to now) or rejects it; one
   * already decided stays as it was. `meetingLabel` names the meeting it is (or would be) for.
   */
  async decideProposal(conversationId: string, proposal: AgendaItem, accept: boolean, by: Actor): Promise<ProposalDecision> {
    const target = await this.meetingForNewItem(conversationId);
    const label = target ? meetingLabel(target.meeting) : proposal.meetingDate;
    if (proposal.status !== 'voorstel') return { ok: false, reason: 'decided', meetingLabel: label };
    if (accept) {
      // Accepting needs a meeting to put it on; without one nothing is decided (not a silent rejection).
      if (!target) return { ok: false, reason: 'no-meeting', meetingLabel: label };
      await this.store.setStatus(proposal.id, conversationId, 'gepland', by, `voorstel geaccepteerd: ${quoted(proposal.topic)}`, target.meeting.dateKey);
    } else {
      await this.store.setStatus(proposal.id, conversationId, 'afgewezen', by, `voorstel afgewezen: ${quoted(proposal.topic)}`);
    }
    return { ok: true, accepted: accept, meetingLabel: label };
  }

  /**
   * Once a meeting's day is over (the day it stays the current meeting), what was still planned for it
   * moves to the next meeting that is not cancelled, recorded as done by Meldwijzer. The scheduler
   * calls this on every tick; an item moves once, whichever instance gets there first.
   */
  async carryOverEnded(conversationId: string, series?: StoredMeeting[]): Promise<number> {
    const today = amsterdamParts(this.clock.now());
    const next = upcomingMeetings(series ?? (await this.store.meetings(conversationId)), today, 12).find((m) => !m.cancelled);
    if (!next) return 0;
    return this.store.carryOver(conversationId, next.dateKey, SYSTEM_ACTOR, formatLocalDate(today));
  }
}
