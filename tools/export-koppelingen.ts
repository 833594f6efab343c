// npm run export:koppelingen [-- --json]: the questions coordinators paired with an item in the weekly
// overview ("Koppel aan item…"), per item, for a content editor to review and add to `questions`.
// Nothing changes search until someone commits that. Reads the database of DATA_DIR / DATABASE_URL
// (stop a bot that uses the same PGlite folder first).
import { stringify } from 'yaml';
import { loadConfig } from '../bot/config';
import { migrate } from '../bot/storage/migrations';
import { openSqlClient } from '../bot/storage/sql-client';
import { ImprovementStore } from '../bot/storage/improvement-store';
import { systemClock } from '../bot/clock';
import { createKnowledgeBase } from '../knowledge/index';
import { exportPairings } from './exports';

const config = loadConfig();
const sql = await openSqlClient({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  await migrate(sql);
  const exported = exportPairings(await new ImprovementStore(sql, systemClock).pairings(), await createKnowledgeBase());
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(exported, null, 2)}\n` : stringify(exported));
} finally {
  await sql.close();
}
