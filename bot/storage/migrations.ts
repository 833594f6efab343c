// The SQL schema as numbered migrations, applied in order at start. Never edit an applied
// migration: add a new one. Two instances starting at once take turns through an advisory lock.
import type { SqlClient } from './sql-client';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'bot state, user settings, feedback, unanswered questions, conversation references',
    sql: `
      create table bot_state (
        key text primary key,
        value jsonb not null,
        etag bigint not null default 1,
        updated_at timestamptz not null default now()
      );
      create table user_settings (
        user_id text primary key,
        gemeente text,
        updated_at timestamptz not null
      );
      create table feedback (
        id bigserial primary key,
        item_id text not null,
        useful boolean not null,
        created_at timestamptz not null
      );
      create table unanswered_questions (
        id bigserial primary key,
        masked_question text not null,
        closest_ids text[] not null default '{}',
        gemeente text,
        created_at timestamptz not null
      );
      create table conversation_references (
        conversation_id text primary key,
        reference jsonb not null,
        conversation_type text not null,
        tenant_id text,
        active boolean not null default true,
        updated_at timestamptz not null
      );
    `,
  },
  {
    version: 2,
    name: 'milestone status, reminder subscriptions, outbox',
    sql: `
      create table milestone_status (
        milestone_id text primary key,
        status text not null check (status in ('open', 'bezig', 'gereed')),
        changed_by text,
        changed_by_id text,
        changed_at timestamptz not null
      );
      create table reminder_subscriptions (
        conversation_id text primary key references conversation_references (conversation_id),
        gemeenten text[] not null,
        subscribed_by text,
        created_at timestamptz not null
      );
      -- One row per proactive message. idempotency_key (occasion + conversation) makes a second
      -- enqueue of the same reminder a no-op, across restarts and instances.
      create table outbox (
        id bigserial primary key,
        idempotency_key text not null unique,
        conversation_id text not null,
        tenant_id text,
        payload jsonb not null,
        status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
        attempts integer not null default 0,
        next_attempt_at timestamptz not null,
        locked_until timestamptz,
        last_error text,
        created_at timestamptz not null,
        sent_at timestamptz
      );
      create index outbox_due on outbox (status, next_attempt_at);
    `,
  },
  {
    version: 3,
    name: 'werkgroep: coordinators, meetings, agenda items and their audit trail',
    sql: `
      create table coordinators (
        user_id text primary key,
        name text,
        added_by text,
        added_at timestamptz not null
      );
      create table meetings (
        id bigserial primary key,
        conversation_id text not null,
        kind text not null check (kind in ('once', 'recurring')),
        date text,
        rrule text,
        hour integer not null,
        minute integer not null,
        description text not null,
        created_by text,
        created_at timestamptz not null
      );
      create table meeting_cancellations (
        meeting_id bigint not null references meetings (id),
        date text not null,
        cancelled_by text,
        primary key (meeting_id, date)
      );
      create table agenda_items (
        id bigserial primary key,
        conversation_id text not null,
        meeting_date text not null,
        position integer not null,
        topic text not null check (char_length(topic) between 1 and 200),
        duration_min integer,
        toelichting text check (char_length(toelichting) <= 1000),
        status text not null check (status in ('gepland', 'afgerond', 'verwijderd', 'voorstel', 'afgewezen')),
        added_by_id text not null,
        added_by_name text,
        added_at timestamptz not null
      );
      create index agenda_items_meeting on agenda_items (conversation_id, meeting_date);
      create table agenda_audit (
        id bigserial primary key,
        conversation_id text not null,
        at timestamptz not null,
        actor_id text,
        actor_name text,
        action text not null
      );
    `,
  },
];

// Any fixed number shared by all instances of Meldwijzer works as the lock key.
const MIGRATION_LOCK_KEY = 7_424_242;

/** Applies the migrations this database has not seen yet; returns the versions applied now. */
export async function migrate(sql: SqlClient, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
    const done = new Set((await tx.query<{ version: number }>('select version from schema_migrations')).map((r) => r.version));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}
