// The werkgroep's meetings and agenda for one channel: which meeting is next, which meeting a new
// item goes to (the deadline), carry-over of what was not handled, and who may change things.
import { agendaDeadline, upcomingMeetings, type MeetingOccurrence } from '../../agenda/meeting-schedule';
import { amsterdamParts } from '../../plan/amsterdam-time';
import type { HolidayCalendar } from '../../plan/werkdagen';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Actor, AgendaItem, AgendaStore } from './agenda-store';
import { userIdOf } from '../identity';

export interface AgendaView {
  meeting: MeetingOccurrence;
  items: AgendaItem[];
  deadline: Date;
}

export class Werkgroep {
  constructor(
    readonly store: AgendaStore,
    private readonly config: Pick<Config, 'COORDINATORS'>,
    private readonly clock: Clock,
    readonly calendar: HolidayCalendar,
  ) {}

  /**
   * Coordinators: the configured ids (COORDINATORS, AAD object ids) plus those added in chat. A person
   * is known by the AAD object id; by the Teams id only where no AAD id could be found for them.
   */
  async isCoordinator(from: { id: string; aadObjectId?: string } | undefined): Promise<boolean> {
    if (!from) return false;
    const ids = [userIdOf(from), from.id];
    if (ids.some((id) => this.config.COORDINATORS.includes(id))) return true;
    const added = await this.store.coordinatorIds();
    return ids.some((id) => added.has(id));
  }

  isConfiguredCoordinator(userId: string): boolean {
    return this.config.COORDINATORS.includes(userId);
  }

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

  /** The next meeting's agenda, with items not handled at earlier meetings carried over to it. */
  async agenda(conversationId: string, actor: Actor): Promise<AgendaView | null> {
    const meeting = await this.nextMeeting(conversationId);
    if (!meeting) return null;
    await this.store.carryOver(conversationId, meeting.dateKey, actor);
    return { meeting, items: await this.store.items(conversationId, meeting.dateKey), deadline: agendaDeadline(meeting, this.calendar) };
  }
}
