// Migration 4 moves rows stored before one werkgroep key and one person id existed: channel threads
// become their channel, and Teams ids (29:…) become the AAD object id the stored references name.
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../bot/storage/migrations';
import { sqlBackends } from '../helpers/databases';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const backends = sqlBackends(cleanups);

const CHANNEL = '19:werkgroep@thread.tacv2';
const ALICE_AAD = '00000000-0000-0000-0000-00000000a11c';

describe.each(backends)('migration 4 on %s', (_name, open) => {
  it('re-keys threads to their channel and Teams ids to AAD ids, keeping every row', async () => {
    const sql = await open();
    cleanups.push(() => sql.close());
    await migrate(sql, MIGRATIONS.filter((m) => m.version <= 3));
    const reference = (conversationId: string, user: Record<string, string>) => JSON.stringify({ conversation: { id: conversationId }, user });
    const at = '2026-11-01T10:00:00Z';
    await sql.exec(`
      insert into conversation_references values
        ('${CHANNEL};messageid=1', '${reference(`${CHANNEL};messageid=1`, { id: '29:alice', aadObjectId: ALICE_AAD })}', 'channel', 't', true, '2026-11-01T10:00:00Z'),
        ('${CHANNEL};messageid=2', '${reference(`${CHANNEL};messageid=2`, { id: '29:bob' })}', 'channel', 't', true, '2026-11-02T10:00:00Z'),
        ('a:personal', '${reference('a:personal', { id: '29:alice', aadObjectId: ALICE_AAD })}', 'personal', 't', true, '${at}');
      insert into reminder_subscriptions values ('${CHANNEL};messageid=1', '{Baarn}', 'Alice', '${at}');
      insert into coordinators values ('29:alice', 'Alice', 'config', '${at}'), ('29:bob', 'Bob', 'Alice', '${at}');
      insert into meetings (conversation_id, kind, date, hour, minute, description, created_at) values ('${CHANNEL};messageid=1', 'once', '2026-12-09', 10, 0, 'eenmalig', '${at}');
      insert into agenda_items (conversation_id, meeting_date, position, topic, status, added_by_id, added_at) values ('${CHANNEL};messageid=2', '2026-12-09', 1, 'Punt', 'gepland', '29:alice', '${at}');
      insert into agenda_audit (conversation_id, at, actor_id, action) values ('${CHANNEL};messageid=2', '${at}', '29:alice', 'toegevoegd');
      insert into user_settings values ('29:alice', 'Baarn', '${at}');
    `);

    expect(await migrate(sql)).toEqual(MIGRATIONS.filter((m) => m.version > 3).map((m) => m.version));

    const references = await sql.query<{ conversation_id: string; reference: { conversation: { id: string } } }>('select conversation_id, reference from conversation_references order by 1');
    expect(references.map((r) => r.conversation_id)).toEqual([CHANNEL, 'a:personal']);
    // The newest thread's reference, pointing at the channel itself (proactive posts are new posts).
    expect(references[0]!.reference.conversation.id).toBe(CHANNEL);
    expect(await sql.query('select conversation_id, gemeenten from reminder_subscriptions')).toEqual([{ conversation_id: CHANNEL, gemeenten: ['Baarn'] }]);
    expect(await sql.query('select conversation_id from meetings')).toEqual([{ conversation_id: CHANNEL }]);
    expect(await sql.query('select conversation_id, added_by_id from agenda_items')).toEqual([{ conversation_id: CHANNEL, added_by_id: ALICE_AAD }]);
    expect(await sql.query('select conversation_id, actor_id from agenda_audit')).toEqual([{ conversation_id: CHANNEL, actor_id: ALICE_AAD }]);
    // Bob has no AAD id in any stored reference: his Teams id stays (the one id where no AAD id exists).
    expect((await sql.query<{ user_id: string }>('select user_id from coordinators order by user_id')).map((r) => r.user_id)).toEqual(['00000000-0000-0000-0000-00000000a11c', '29:bob'].sort());
    expect(await sql.query('select user_id, gemeente from user_settings')).toEqual([{ user_id: ALICE_AAD, gemeente: 'Baarn' }]);
  });
});
