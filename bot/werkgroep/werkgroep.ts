// The werkgroep's meetings and agenda for one channel: which meeting is next, which meeting a new
// item goes to (the deadline), carry-over of what was not handled, and who may change things.
import { agendaDeadline, upcomingMeetings, type MeetingOccurrence } from '../../agenda/meeting-schedule';
import { amsterdamParts, formatLocalDate } from '../../plan/amsterdam-time';
import type { HolidayCalendar } from '../../plan/werkdagen';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Actor, AgendaItem, AgendaStore, StoredMeeting } from './agenda-store';
import type { Activity } from 'botbuilder';
import { userIdOf } from '../identity';
import { tenantKeyOf, type TenantPolicy } from '../tenants';

/** Who changes the agenda when no person does (carry-over by the scheduler). */
export const SYSTEM_ACTOR: Actor = { id: 'meldwijzer', name: 'Meldwijzer' };

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
    private readonly tenants: Pick<TenantPolicy, 'isAllowed'>,
  ) {}

  /**
   * Coordinators of the tenant the activity comes from: the configured ids (COORDINATORS, AAD object
   * ids; they count in the allowed tenants) plus those added in chat in that tenant. A person is known
   * by the AAD object id; by the Teams id only where no AAD id could be found for them. The tenant is
   * the activity's (tenantKeyOf), never anything a card sends.
   */
  async isCoordinator(activity: Pick<Partial<Activity>, 'from' | 'conversation' | 'channelData'>): Promise<boolean> {
    const from = activity.from;
    if (!from) return false;
    const tenantKey = tenantKeyOf(activity);
    if (!(await this.tenants.isAllowed(tenantKey))) return false;
    const ids = [userIdOf(from), from.id];
    if (ids.some((id) => this.config.COORDINATORS.includes(id))) return true;
    const added = await this.store.coordinatorIds(tenantKey);
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

  /**
   * The next meeting's agenda. Reading writes nothing: carry-over is the scheduler's (carryOverEnded).
   * The viewer is not used; the parameter stays until the agenda handler stops passing it.
   */
  async agenda(conversationId: string): Promise<AgendaView | null> {
    const meeting = await this.nextMeeting(conversationId);
    if (!meeting) return null;
    return { meeting, items: await this.store.items(conversationId, meeting.dateKey), deadline: agendaDeadline(meeting, this.calendar) };
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
