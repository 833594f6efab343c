// Migration 10 keeps every tenant's world apart. A database from before it records the tenant its
// data names first as the first install's, and its coordinators, beheerders, unanswered queue, counts,
// feedback and milestone status become that tenant's; with no tenant in the data they become local.
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../bot/storage/migrations';
import { sqlBackends } from '../helpers/databases';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const backends = sqlBackends(cleanups);
const BEFORE_TENANTS = MIGRATIONS.filter((m) => m.version < 10);
const AT = '2026-11-01T10:00:00Z';

/** One row in every table that becomes per tenant, as the bot wrote them before migration 10. */
const ROWS_WITHOUT_TENANT = `
  insert into coordinators (user_id, name, added_by, added_at) values ('aad-bob', 'Bob', 'Alice', '${AT}');
  insert into gemeente_beheerders (gemeente, user_id, name, added_by, added_at) values ('Baarn', 'aad-carol', 'Carol', 'Alice', '${AT}');
  insert into milestone_status (milestone_id, status, changed_by, changed_by_id, changed_at) values ('baarn/2024-Q1/x', 'gereed', 'Alice', 'aad-alice', '${AT}');
  insert into unanswered_questions (masked_question, closest_ids, gemeente, created_at) values ('vraag [e-mail]', '{}', 'Baarn', '${AT}');
  insert into question_log (at, item_id, answered, urgent) values ('${AT}', null, false, false);
  insert into feedback (item_id, useful, created_at) values ('meldroutes/huiselijk-geweld', true, '${AT}');
`;

const tenantsOf = async (sql: Awaited<ReturnType<(typeof backends)[number][1]>>) => {
  const tables = ['coordinators', 'gemeente_beheerders', 'milestone_status', 'unanswered_questions', 'question_log', 'feedback'];
  const result: Record<string, string[]> = {};
  for (const table of tables) result[table] = (await sql.query<{ tenant_id: string }>(`select tenant_id from ${table}`)).map((r) => r.tenant_id);
  return result;
};

describe.each(backends)('migration 10 on %s', (_name, open) => {
  it('gives rows stored before to the tenant the data names first, and records it as the first install', async () => {
    const sql = await open();
    cleanups.push(() => sql.close());
    await migrate(sql, BEFORE_TENANTS);
    const reference = (id: string) => JSON.stringify({ conversation: { id } });
    await sql.exec(`
      insert into conversation_references values
        ('19:eerste@thread.tacv2', '${reference('19:eerste@thread.tacv2')}', 'channel', 'tenant-a', true, '2026-10-01T10:00:00Z'),
        ('19:later@thread.tacv2', '${reference('19:later@thread.tacv2')}', 'channel', 'tenant-b', true, '2026-11-02T10:00:00Z'),
        ('a:lokaal', '${reference('a:lokaal')}', 'personal', null, true, '2026-09-01T10:00:00Z');
      insert into expert_channels values ('onbekend', 'a:lokaal', '{}', 'aad-alice', 'Alice', '${AT}');
      ${ROWS_WITHOUT_TENANT}
    `);

    expect(await migrate(sql)).toEqual(MIGRATIONS.filter((m) => m.version >= 10).map((m) => m.version));

    expect(await sql.query('select tenant_id, source from first_install_tenant')).toEqual([{ tenant_id: 'tenant-a', source: 'bestaande gegevens' }]);
    expect(await tenantsOf(sql)).toEqual({
      coordinators: ['tenant-a'],
      gemeente_beheerders: ['tenant-a'],
      milestone_status: ['tenant-a'],
      unanswered_questions: ['tenant-a'],
      question_log: ['tenant-a'],
      feedback: ['tenant-a'],
    });
    // The experts' channel set in local mode keeps being the local one, under the local key.
    expect(await sql.query('select tenant_id from expert_channels')).toEqual([{ tenant_id: 'lokaal' }]);
    // Each tenant may now have a coordinator, beheerder and status of its own for the same person or milestone.
    await sql.exec(`
      insert into coordinators (tenant_id, user_id, added_at) values ('tenant-b', 'aad-bob', '${AT}');
      insert into gemeente_beheerders (tenant_id, gemeente, user_id, added_at) values ('tenant-b', 'Baarn', 'aad-carol', '${AT}');
      insert into milestone_status (tenant_id, milestone_id, status, changed_at) values ('tenant-b', 'baarn/2024-Q1/x', 'open', '${AT}');
    `);
    await expect(sql.query(`insert into coordinators (tenant_id, user_id, added_at) values ('tenant-a', 'aad-bob', '${AT}')`)).rejects.toThrow();
    await expect(sql.query(`insert into unanswered_questions (masked_question, created_at) values ('zonder tenant', '${AT}')`)).rejects.toThrow();
  });

  it('makes them local when the data names no tenant, and leaves the first install to the first tenant that talks', async () => {
    const sql = await open();
    cleanups.push(() => sql.close());
    await migrate(sql, BEFORE_TENANTS);
    await sql.exec(ROWS_WITHOUT_TENANT);
    await migrate(sql);
    expect(await sql.query('select * from first_install_tenant')).toEqual([]);
    expect(new Set(Object.values(await tenantsOf(sql)).flat())).toEqual(new Set(['lokaal']));
  });
});
