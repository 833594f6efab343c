// Storage for the werkgroep's meetings: meeting plans and cancellations, agenda items and the audit
// trail of every change (coordinators are in storage/coordinator-store.ts).
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { formatDutchDateTime } from '../../time/dutch-dates';
import { formatLocalDate } from '../../time/amsterdam-time';
import type { SqlClient } from '../storage/sql-client';
import type { MeetingPlan } from '../../agenda/recurrence';
import { MAX_TOELICHTING, MAX_TOPIC } from '../../agenda/meeting-schedule';
import { maskPersonalData } from '../../knowledge/privacy';

export type AgendaStatus = 'gepland' | 'afgerond' | 'verwijderd' | 'voorstel' | 'afgewezen';

export interface StoredMeeting {
  id: number;
  conversationId: string;
  plan: MeetingPlan;
  cancelledDates: Set<string>;
}

export interface AgendaItem {
  id: number;
  meetingDate: string;
  position: number;
  topic: string;
  durationMin: number | null;
  toelichting: string | null;
  status: AgendaStatus;
  addedById: string;
  addedByName: string | null;
  addedAt: Date;
}

export interface Actor {
  id: string;
  name: string | null;
}

interface ItemRow {
  id: string;
  meeting_date: string;
  position: number;
  topic: string;
  duration_min: number | null;
  toelichting: string | null;
  status: AgendaStatus;
  added_by_id: string;
  added_by_name: string | null;
  added_at: Date;
}

const toItem = (r: ItemRow): AgendaItem => ({
  id: Number(r.id),
  meetingDate: r.meeting_date,
  position: r.position,
  topic: r.topic,
  durationMin: r.duration_min,
  toelichting: r.toelichting,
  status: r.status,
  addedById: r.added_by_id,
  addedByName: r.added_by_name,
  addedAt: new Date(r.added_at),
});

/** The statuses of an item that stands on a meeting's agenda (and holds a position there). */
const ON_AGENDA: AgendaStatus[] = ['gepland', 'afgerond'];

// Every change to a werkgroep's agenda positions takes this lock first, in its own transaction, so
// two instances on one PostgreSQL server take turns (PGlite has one connection: it costs nothing).
const AGENDA_LOCK_CLASS = 7_424_243;

async function lockWerkgroep(tx: SqlClient, conversationId: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1::int, hashtext($2))', [AGENDA_LOCK_CLASS, conversationId]);
}

/** The position after the last item on a meeting's agenda; call it under lockWerkgroep. */
async function nextPosition(tx: SqlClient, conversationId: string, meetingDate: string): Promise<number> {
  const [row] = await tx.query<{ next: number }>(
    'select coalesce(max(position), 0) + 1 as next from agenda_items where conversation_id = $1 and meeting_date = $2 and status = any($3)',
    [conversationId, meetingDate, ON_AGENDA],
  );
  return Number(row!.next);
}

/** Numbers a meeting's agenda 1..n: the ids in `first` in that order, then the rest as they stood. */
async function renumber(tx: SqlClient, conversationId: string, meetingDate: string, first: number[]): Promise<void> {
  await tx.query(
    `update agenda_items a set position = r.n
     from (
       select id, row_number() over (order by coalesce(array_position($3::bigint[], id), 2147483647), position, id) as n
       from agenda_items where conversation_id = $1 and meeting_date = $2 and status = any($4)
     ) r
     where a.id = r.id and a.position <> r.n`,
    [conversationId, meetingDate, first, ON_AGENDA],
  );
}

export class AgendaStore {
  constructor(
    readonly sql: SqlClient,
    private readonly clock: Clock,
  ) {}

  async addMeeting(conversationId: string, plan: MeetingPlan, by: Actor): Promise<number> {
    const rows = await this.sql.query<{ id: string }>(
      `insert into meetings (conversation_id, kind, date, rrule, hour, minute, description, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        conversationId,
        plan.kind,
        plan.kind === 'once' ? formatLocalDate(plan.date) : null,
        plan.kind === 'recurring' ? plan.rrule : null,
        plan.time.hour,
        plan.time.minute,
        plan.kind === 'recurring' ? plan.description : 'eenmalig',
        by.name,
        this.clock.now(),
      ],
    );
    return Number(rows[0]!.id);
  }

  async meetings(conversationId?: string): Promise<StoredMeeting[]> {
    const rows = await this.sql.query<{ id: string; conversation_id: string; kind: 'once' | 'recurring'; date: string | null; rrule: string | null; hour: number; minute: number; description: string }>(
      conversationId ? 'select * from meetings where conversation_id = $1 order by id' : 'select * from meetings order by id',
      conversationId ? [conversationId] : [],
    );
    const cancellations = await this.sql.query<{ meeting_id: string; date: string }>(
      'select meeting_id, date from meeting_cancellations where meeting_id = any($1)',
      [rows.map((r) => r.id)],
    );
    return rows.map((r) => {
      const time = { hour: r.hour, minute: r.minute };
      const [year, month, day] = (r.date ?? '0-0-0').split('-').map(Number);
      const plan: MeetingPlan =
        r.kind === 'once' ? { kind: 'once', date: { year: year!, month: month!, day: day! }, time } : { kind: 'recurring', rrule: r.rrule!, time, description: r.description };
      return {
        id: Number(r.id),
        conversationId: r.conversation_id,
        plan,
        cancelledDates: new Set(cancellations.filter((c) => Number(c.meeting_id) === Number(r.id)).map((c) => c.date)),
      };
    });
  }

  /** Keeps a meeting plan until its coordinator confirms it; the card carries only the returned id. */
  async savePendingPlan(werkgroepKey: string, plan: MeetingPlan, by: Actor, ttlMs: number): Promise<string> {
    const id = randomUUID();
    const now = this.clock.now();
    await this.sql.query('delete from pending_meeting_plans where expires_at < $1', [now]);
    await this.sql.query('insert into pending_meeting_plans (id, werkgroep_key, plan, created_by_id, expires_at) values ($1, $2, $3, $4, $5)', [
      id,
      werkgroepKey,
      JSON.stringify(plan),
      by.id,
      new Date(now.getTime() + ttlMs),
    ]);
    return id;
  }

  /**
   * Takes a pending plan of this werkgroep (it can be used once). 'expired' when its time ran out,
   * null when there is no such plan for this werkgroep.
   */
  async takePendingPlan(id: string, werkgroepKey: string): Promise<{ plan: unknown } | 'expired' | null> {
    const rows = await this.sql.query<{ plan: unknown; expires_at: Date }>(
      'delete from pending_meeting_plans where id = $1 and werkgroep_key = $2 returning plan, expires_at',
      [id, werkgroepKey],
    );
    const row = rows[0];
    if (!row) return null;
    return new Date(row.expires_at).getTime() < this.clock.now().getTime() ? 'expired' : { plan: row.plan };
  }

  async cancelOccurrence(meetingId: number, date: string, by: Actor): Promise<void> {
    await this.sql.query('insert into meeting_cancellations (meeting_id, date, cancelled_by) values ($1, $2, $3) on conflict do nothing', [meetingId, date, by.name]);
  }

  async items(conversationId: string, meetingDate: string, statuses: AgendaStatus[] = ['gepland', 'afgerond']): Promise<AgendaItem[]> {
    const rows = await this.sql.query<ItemRow>(
      'select * from agenda_items where conversation_id = $1 and meeting_date = $2 and status = any($3) order by position, id',
      [conversationId, meetingDate, statuses],
    );
    return rows.map(toItem);
  }

  async item(id: number): Promise<(AgendaItem & { conversationId: string }) | null> {
    const rows = await this.sql.query<ItemRow & { conversation_id: string }>('select * from agenda_items where id = $1', [id]);
    return rows[0] ? { ...toItem(rows[0]), conversationId: rows[0].conversation_id } : null;
  }

  /**
   * Adds an item at the end of a meeting's agenda, with its audit line, in one transaction. Topic and
   * toelichting are stored masked (a case note pasted in chat may hold a BSN or an address), and so is
   * the topic where the audit line quotes it.
   */
  async addItem(conversationId: string, meetingDate: string, item: { topic: string; durationMin: number | null; toelichting: string | null; status: 'gepland' | 'voorstel' }, by: Actor, audit: string): Promise<number> {
    const topic = maskPersonalData(item.topic).masked.slice(0, MAX_TOPIC);
    const toelichting = item.toelichting === null ? null : maskPersonalData(item.toelichting).masked.slice(0, MAX_TOELICHTING);
    return this.sql.transaction(async (tx) => {
      await lockWerkgroep(tx, conversationId);
      const rows = await tx.query<{ id: string }>(
        `insert into agenda_items (conversation_id, meeting_date, position, topic, duration_min, toelichting, status, added_by_id, added_by_name, added_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
        [conversationId, meetingDate, await nextPosition(tx, conversationId, meetingDate), topic, item.durationMin, toelichting, item.status, by.id, by.name, this.clock.now()],
      );
      await this.audit(tx, conversationId, by, audit.split(item.topic).join(topic));
      return Number(rows[0]!.id);
    });
  }

  /**
   * Sets an item's status, in one transaction under the werkgroep's lock: with a meeting date it moves
   * to the end of that meeting's agenda (an accepted proposal); an item taken off the agenda
   * ('verwijderd') closes the gap it leaves.
   */
  async setStatus(itemId: number, conversationId: string, status: AgendaStatus, by: Actor, audit: string, meetingDate?: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await lockWerkgroep(tx, conversationId);
      if (meetingDate) {
        const position = await nextPosition(tx, conversationId, meetingDate);
        await tx.query('update agenda_items set status = $2, meeting_date = $3, position = $4 where id = $1', [itemId, status, meetingDate, position]);
      } else {
        const [row] = await tx.query<{ meeting_date: string }>('update agenda_items set status = $2 where id = $1 returning meeting_date', [itemId, status]);
        if (row && status === 'verwijderd') await renumber(tx, conversationId, row.meeting_date, []);
      }
      await this.audit(tx, conversationId, by, audit);
    });
  }

  /**
   * Takes an item off its meeting's agenda and renumbers the rest, in one transaction; false when it
   * was no longer on an agenda (taken off at the same moment by someone else).
   */
  async removeItem(itemId: number, conversationId: string, by: Actor, audit: string): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      await lockWerkgroep(tx, conversationId);
      const [row] = await tx.query<{ meeting_date: string }>(
        `update agenda_items set status = 'verwijderd' where id = $1 and conversation_id = $2 and status = any($3) returning meeting_date`,
        [itemId, conversationId, ON_AGENDA],
      );
      if (!row) return false;
      await renumber(tx, conversationId, row.meeting_date, []);
      await this.audit(tx, conversationId, by, audit);
      return true;
    });
  }

  /**
   * Renumbers a meeting's agenda in the given order of item ids. Items on that agenda the list does not
   * name (added since the list was read) keep their order after the named ones.
   */
  async reorder(conversationId: string, orderedIds: number[], by: Actor, audit: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await lockWerkgroep(tx, conversationId);
      const [row] = await tx.query<{ meeting_date: string }>('select meeting_date from agenda_items where id = any($1) and conversation_id = $2 limit 1', [orderedIds, conversationId]);
      if (row) await renumber(tx, conversationId, row.meeting_date, orderedIds);
      await this.audit(tx, conversationId, by, audit);
    });
  }

  /**
   * Moves items still planned for meetings before `endedBefore` (a date key: their day is over) onto
   * the agenda of `meetingDate`, after its own items. Under the werkgroep's lock, so two instances
   * doing this at once move each item once.
   */
  async carryOver(conversationId: string, meetingDate: string, by: Actor, endedBefore: string = meetingDate): Promise<number> {
    return this.sql.transaction(async (tx) => {
      await lockWerkgroep(tx, conversationId);
      const open = await tx.query<{ id: string; topic: string; meeting_date: string }>(
        `select id, topic, meeting_date from agenda_items
         where conversation_id = $1 and meeting_date < $2 and meeting_date < $3 and status = 'gepland' order by meeting_date, position, id`,
        [conversationId, meetingDate, endedBefore],
      );
      if (open.length === 0) return 0;
      const next = await nextPosition(tx, conversationId, meetingDate);
      for (const [i, row] of open.entries()) {
        await tx.query('update agenda_items set meeting_date = $2, position = $3 where id = $1', [row.id, meetingDate, next + i]);
        await this.audit(tx, conversationId, by, `"${row.topic}" niet behandeld op ${formatDutchDateTime(row.meeting_date)}; doorgeschoven naar ${formatDutchDateTime(meetingDate)}`);
      }
      return open.length;
    });
  }

  async history(conversationId: string, limit: number): Promise<Array<{ at: Date; actorName: string | null; action: string }>> {
    const rows = await this.sql.query<{ at: Date; actor_name: string | null; action: string }>(
      'select at, actor_name, action from agenda_audit where conversation_id = $1 order by id desc limit $2',
      [conversationId, limit],
    );
    return rows.map((r) => ({ at: new Date(r.at), actorName: r.actor_name, action: r.action }));
  }

  async recordAudit(conversationId: string, by: Actor, action: string): Promise<void> {
    await this.audit(this.sql, conversationId, by, action);
  }

  private async audit(sql: SqlClient, conversationId: string, by: Actor, action: string): Promise<void> {
    await sql.query('insert into agenda_audit (conversation_id, at, actor_id, actor_name, action) values ($1, $2, $3, $4, $5)', [
      conversationId,
      this.clock.now(),
      by.id,
      by.name,
      action,
    ]);
  }
}
