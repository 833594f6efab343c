// The databases storage tests run against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
// Each PostgreSQL test gets a schema of its own, dropped afterwards.
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export function uniqueSchema(prefix = 'mw'): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function dropSchemas(...schemas: string[]): Promise<void> {
  if (!TEST_DATABASE_URL) return;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
