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
