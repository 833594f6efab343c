// npm run export:gemeenten: writes the meldpunten beheerders set in Teams back into
// knowledge/gemeenten/<gemeente>.yaml (with their bron), so a maintainer can review and commit them.
// Reads the database of DATA_DIR / DATABASE_URL (stop a bot that uses the same PGlite folder first).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../bot/config';
import { systemClock } from '../bot/clock';
import { GemeenteStore } from '../bot/storage/gemeente-store';
import { migrate } from '../bot/storage/migrations';
import { openSqlClient } from '../bot/storage/sql-client';
import { DEFAULT_KNOWLEDGE_DIR } from '../knowledge/index';
import { gemeenteYamlWith } from './exports';

const config = loadConfig();
const dir = path.join(DEFAULT_KNOWLEDGE_DIR, 'gemeenten');
const sql = await openSqlClient({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  await migrate(sql);
  const stored = await new GemeenteStore(sql, systemClock).allMeldpunten();
  for (const name of (await readdir(dir)).filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))) {
    const file = path.join(dir, name);
    const text = await readFile(file, 'utf8');
    const values = stored.get((parse(text) as { naam: string }).naam);
    if (!values || Object.keys(values).length === 0) continue;
    await writeFile(file, gemeenteYamlWith(text, values));
    process.stdout.write(`${name}: ${Object.keys(values).length} meldpunt(en) geschreven\n`);
  }
} finally {
  await sql.close();
}
