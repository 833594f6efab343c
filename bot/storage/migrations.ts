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
  {
    version: 4,
    name: 'one key per werkgroep (channel threads become their channel), one id per person, pending meeting plans',
    sql: `
      -- A channel thread's conversation id is the channel id plus ';messageid=<root>': key by the channel.
      insert into conversation_references (conversation_id, reference, conversation_type, tenant_id, active, updated_at)
        select distinct on (split_part(conversation_id, ';messageid=', 1))
          split_part(conversation_id, ';messageid=', 1),
          jsonb_set(reference, '{conversation,id}', to_jsonb(split_part(conversation_id, ';messageid=', 1))),
          conversation_type, tenant_id, active, updated_at
        from conversation_references where conversation_id like '%;messageid=%'
        order by split_part(conversation_id, ';messageid=', 1), updated_at desc
      on conflict (conversation_id) do nothing;
      insert into reminder_subscriptions (conversation_id, gemeenten, subscribed_by, created_at)
        select distinct on (split_part(conversation_id, ';messageid=', 1))
          split_part(conversation_id, ';messageid=', 1), gemeenten, subscribed_by, created_at
        from reminder_subscriptions where conversation_id like '%;messageid=%'
        order by split_part(conversation_id, ';messageid=', 1), created_at desc
      on conflict (conversation_id) do nothing;
      delete from reminder_subscriptions where conversation_id like '%;messageid=%';
      delete from conversation_references where conversation_id like '%;messageid=%';
      update meetings set conversation_id = split_part(conversation_id, ';messageid=', 1) where conversation_id like '%;messageid=%';
      update agenda_items set conversation_id = split_part(conversation_id, ';messageid=', 1) where conversation_id like '%;messageid=%';
      update agenda_audit set conversation_id = split_part(conversation_id, ';messageid=', 1) where conversation_id like '%;messageid=%';
      update outbox set conversation_id = split_part(conversation_id, ';messageid=', 1) where conversation_id like '%;messageid=%';

      -- One id per person: the AAD object id. Teams ids (29:…) stored before are mapped through the
      -- users the stored conversation references name.
      create temporary table person_ids on commit drop as
        select distinct on (reference->'user'->>'id') reference->'user'->>'id' as teams_id, reference->'user'->>'aadObjectId' as aad_id
        from conversation_references
        where reference->'user'->>'id' is not null and coalesce(reference->'user'->>'aadObjectId', '') <> ''
        order by reference->'user'->>'id', updated_at desc;
      delete from coordinators c using person_ids p
        where c.user_id = p.teams_id and exists (select 1 from coordinators d where d.user_id = p.aad_id);
      update coordinators c set user_id = p.aad_id from person_ids p where c.user_id = p.teams_id;
      update agenda_items i set added_by_id = p.aad_id from person_ids p where i.added_by_id = p.teams_id;
      update agenda_audit a set actor_id = p.aad_id from person_ids p where a.actor_id = p.teams_id;
      update milestone_status m set changed_by_id = p.aad_id from person_ids p where m.changed_by_id = p.teams_id;
      delete from user_settings s using person_ids p
        where s.user_id = p.teams_id and exists (select 1 from user_settings t where t.user_id = p.aad_id);
      update user_settings s set user_id = p.aad_id from person_ids p where s.user_id = p.teams_id;

      -- A meeting plan waiting for its coordinator's confirmation: the card carries only the id.
      create table pending_meeting_plans (
        id text primary key,
        werkgroep_key text not null,
        plan jsonb not null,
        created_by_id text not null,
        expires_at timestamptz not null
      );
    `,
  },
  {
    version: 5,
    name: 'vraag een collega: experts channel per tenant, questions to experts, answers, candidate phrasings; outbox recipients',
    sql: `
      -- A message can carry its own recipient: a conversation reference, or a person to reach in a
      -- 1:1 chat the bot starts. The id Teams gave a sent message, to update it later.
      alter table outbox add column recipient jsonb;
      alter table outbox add column sent_activity_id text;

      -- The channel where colleagues' questions are posted, one per tenant; reference.conversation.id
      -- is the channel id, so a post there is a new post, not a reply in a thread.
      create table expert_channels (
        tenant_id text primary key,
        conversation_id text not null,
        reference jsonb not null,
        set_by_id text not null,
        set_by_name text,
        set_at timestamptz not null
      );

      -- A question to the experts: masked text only. The asker's ids, service url and the bot's id
      -- are what Teams needs to start the 1:1 chat the answer goes to.
      create table expert_questions (
        id text primary key,
        tenant_id text not null,
        form_id text not null,
        masked_question text not null check (char_length(masked_question) between 1 and 1000),
        item_id text,
        gemeente text,
        asker_teams_id text not null,
        asker_aad_id text,
        service_url text not null,
        bot_id text not null,
        channel_conversation_id text not null,
        claimed_by_id text,
        claimed_by_name text,
        claimed_at timestamptz,
        answered_by_id text,
        answered_by_name text,
        answered_at timestamptz,
        masked_answer text check (char_length(masked_answer) between 1 and 2000),
        created_at timestamptz not null,
        -- The same form sent twice (a double click) is one question.
        unique (asker_teams_id, form_id)
      );

      -- Question and answer kept for content editors as a candidate phrasing for an item (if any),
      -- until an editor removes it.
      create table candidate_phrasings (
        id bigserial primary key,
        question_id text not null unique,
        item_id text,
        masked_question text not null,
        masked_answer text not null,
        answered_by_name text,
        created_at timestamptz not null
      );
    `,
  },
  {
    version: 6,
    name: 'beheer: gemeente beheerders, meldpunten set in Teams with their audit trail, question counts, pairings, digest subscriptions',
    sql: `
      create table gemeente_beheerders (
        gemeente text not null,
        user_id text not null,
        name text,
        added_by text,
        added_at timestamptz not null,
        primary key (gemeente, user_id)
      );
      -- Values set in Teams override knowledge/gemeenten/*.yaml; every change is in meldpunt_audit.
      create table meldpunten (
        gemeente text not null,
        slot text not null,
        value jsonb not null,
        changed_by_id text not null,
        changed_by text,
        changed_at timestamptz not null,
        primary key (gemeente, slot)
      );
      create table meldpunt_audit (
        id bigserial primary key,
        gemeente text not null,
        slot text not null,
        at timestamptz not null,
        actor_id text not null,
        actor_name text,
        old_value jsonb,
        new_value jsonb not null,
        bron text not null
      );
      -- One row per question for the statistics: what was answered, never the text.
      create table question_log (
        id bigserial primary key,
        at timestamptz not null,
        item_id text,
        answered boolean not null,
        urgent boolean not null
      );
      create index question_log_at on question_log (at);
      alter table unanswered_questions add column handled text check (handled in ('gekoppeld', 'genegeerd'));
      create index unanswered_questions_created on unanswered_questions (created_at);
      create index feedback_created on feedback (created_at);
      -- "Koppel aan item…": a masked question an editor may add to the item's questions.
      create table unanswered_pairings (
        id bigserial primary key,
        masked_question text not null,
        item_id text not null,
        paired_by_id text not null,
        paired_by text,
        paired_at timestamptz not null
      );
      create table digest_subscriptions (
        conversation_id text primary key references conversation_references (conversation_id),
        subscribed_by text,
        created_at timestamptz not null
      );
    `,
  },
  {
    version: 7,
    name: 'rate limits shared by all instances',
    sql: `
      -- Teams' limits (per tenant 30/s; per conversation 7/s and 60/30 s) kept in the database, so all
      -- instances together stay within them. key is t:<tenant> or c:<conversation>; sent_at_ms the
      -- times (ms since the epoch, ascending) of its latest sends, as many as its largest window counts.
      create table rate_limit_windows (
        key text primary key,
        sent_at_ms jsonb not null default '[]',
        updated_at timestamptz not null default now()
      );
    `,
  },
  {
    version: 8,
    name: 'no teams-ai state',
    sql: `
      -- No handler keeps teams-ai conversation or user state; reading it cost a query on every turn.
      drop table if exists bot_state;
    `,
  },
  {
    version: 9,
    name: 'outbox claims carry a fencing token',
    sql: `
      -- The token of the claim that holds a 'sending' row: a send is recorded, renewed or released only
      -- under it, so an instance whose lease ran out cannot overwrite the row's new owner.
      alter table outbox add column claim text;
    `,
  },
  {
    version: 10,
    name: 'one tenant, one world: the first install tenant; coordinators, beheerders, the unanswered queue, counts and milestone status per tenant',
    sql: `
      -- When ALLOWED_TENANTS is not set, the first tenant that talks to the bot is the only one served.
      -- A database with data from before records the tenant its data names first.
      create table first_install_tenant (
        singleton boolean primary key default true check (singleton),
        tenant_id text not null,
        recorded_at timestamptz not null,
        source text not null
      );
      insert into first_install_tenant (tenant_id, recorded_at, source)
        select lower(tenant_id), now(), 'bestaande gegevens' from (
          select tenant_id, updated_at as seen_at from conversation_references
          union all select tenant_id, created_at from outbox
          union all select tenant_id, set_at from expert_channels
          union all select tenant_id, created_at from expert_questions
        ) seen
        where coalesce(tenant_id, '') not in ('', 'onbekend', 'lokaal')
        order by seen_at, tenant_id limit 1;

      -- Turns without a tenant (local mode) were keyed 'onbekend'; their key is now 'lokaal'.
      update expert_channels set tenant_id = 'lokaal' where tenant_id = 'onbekend';
      update expert_questions set tenant_id = 'lokaal' where tenant_id = 'onbekend';

      -- Rows stored before belong to the first install's tenant, or to the local key when none is known.
      create temporary table tenant_of_existing_rows on commit drop as
        select coalesce((select tenant_id from first_install_tenant), 'lokaal') as tenant_id;

      alter table coordinators add column tenant_id text;
      update coordinators set tenant_id = (select tenant_id from tenant_of_existing_rows);
      alter table coordinators alter column tenant_id set not null;
      alter table coordinators drop constraint coordinators_pkey;
      alter table coordinators add primary key (tenant_id, user_id);

      alter table gemeente_beheerders add column tenant_id text;
      update gemeente_beheerders set tenant_id = (select tenant_id from tenant_of_existing_rows);
      alter table gemeente_beheerders alter column tenant_id set not null;
      alter table gemeente_beheerders drop constraint gemeente_beheerders_pkey;
      alter table gemeente_beheerders add primary key (tenant_id, gemeente, user_id);

      alter table milestone_status add column tenant_id text;
      update milestone_status set tenant_id = (select tenant_id from tenant_of_existing_rows);
      alter table milestone_status alter column tenant_id set not null;
      alter table milestone_status drop constraint milestone_status_pkey;
      alter table milestone_status add primary key (tenant_id, milestone_id);

      alter table unanswered_questions add column tenant_id text;
      update unanswered_questions set tenant_id = (select tenant_id from tenant_of_existing_rows);
      alter table unanswered_questions alter column tenant_id set not null;
      create index unanswered_questions_tenant on unanswered_questions (tenant_id, created_at);

      alter table question_log add column tenant_id text;
      update question_log set tenant_id = (select tenant_id from tenant_of_existing_rows);
      alter table question_log alter column tenant_id set not null;
      drop index question_log_at;
      create index question_log_tenant_at on question_log (tenant_id, at);

      alter table feedback add column tenant_id text;
      update feedback set tenant_id = (select tenant_id from tenant_of_existing_rows);
      alter table feedback alter column tenant_id set not null;
      create index feedback_tenant_created on feedback (tenant_id, created_at);
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
