// The framework floor for npm run bench:turn: the same restify server, CloudAdapter, teams-ai
// Application and database as Meldwijzer, with a handler that only echoes the text.
import { pino } from 'pino';
import { createAdapter, newApplication } from '../bot/app';
import { loadConfig } from '../bot/config';
import { createServer } from '../bot/server';
import { migrate } from '../bot/storage/migrations';
import { openSqlClient } from '../bot/storage/sql-client';

const config = loadConfig();
const sql = await openSqlClient({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await migrate(sql);
const adapter = createAdapter(config);
const app = newApplication(config, adapter);
app.activity('message', async (context) => {
  await context.sendActivity(context.activity.text ?? '');
});
const http = createServer({ app, adapter }, pino({ level: 'silent' }), { localMode: true, allowRemote: false });
http.server.listen(config.PORT, '127.0.0.1', () => http.setReady());
process.on('SIGTERM', () => {
  void http.drain().then(() => sql.close()).then(() => process.exit(0));
});
