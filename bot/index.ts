// Entry point: read config, open storage, build the runtime, listen; on SIGTERM finish in-flight turns
// and close storage within SHUTDOWN_DEADLINE_MS, whatever hangs.
// Only the configuration and the storage code are loaded up front: a bad setting, a database that cannot
// be reached or a DATA_DIR that cannot be written stops the start before the rest of the bot (botbuilder,
// teams-ai, the knowledge base: most of a start) is loaded. The compiled bundle keeps that rest in chunks
// of its own (tools/build.mjs: splitting).
import { isLocalMode, listenHost, loadConfig, ConfigError } from './config';
import { asStartFailure, StartFailure } from './start-failure';

/** A setting that keeps Meldwijzer from starting: one Dutch line naming it, exit code 1, no stack. */
function stopStarting(error: unknown): never {
  if (error instanceof ConfigError || error instanceof StartFailure) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    stopStarting(error);
  }
  const { openStorage } = await import('./open-storage');
  let template: string | undefined;
  // The rest of the bot loads while the database opens, and the knowledge base while it finishes
  // opening; a database that cannot be opened still stops the start the moment that is known.
  const sql = openStorage(config, { onTemplate: (file) => (template = file) });
  sql.catch(stopStarting);
  const [{ createLogger }, { createRuntime }, { createServer, edgeOptionsFrom }, { prepareTemplates }] = await Promise.all([
    import('./logger'),
    import('./runtime'),
    import('./server'),
    import('../cards/render'),
  ]);
  const logger = createLogger(config.LOG_LEVEL);
  void sql.then(() => {
    if (template) logger.info({ event: 'database-from-template', file: template }, 'nieuwe database in DATA_DIR: gevuld uit het sjabloon van npm run build');
  }, () => undefined);
  const runtime = await createRuntime(config, { logger, sql }).catch(stopStarting);
  const host = listenHost(config);
  const http = createServer(runtime, logger, edgeOptionsFrom(config, runtime));
  await new Promise<void>((resolve) => http.server.listen(config.PORT, host, resolve));
  // Listening first (health checks pass, questions are answered); the card templates are parsed now so
  // the first answer does not wait for it.
  prepareTemplates();
  const scheduler = await runtime.startScheduler().catch((error: unknown) => stopStarting(asStartFailure(config, error)));
  http.setReady({ scheduler: () => scheduler.isRunning });
  if (isLocalMode(config)) {
    const reach = config.LOCAL_MODE_ALLOW_REMOTE ? 'ook van andere computers (LOCAL_MODE_ALLOW_REMOTE=true)' : 'alleen van deze computer';
    logger.warn({ event: 'local-mode', host, allowRemote: config.LOCAL_MODE_ALLOW_REMOTE }, `Lokale modus: geen MicrosoftAppId gezet; verzoeken zonder authenticatie, ${reach}`);
  } else {
    logger.info({ event: 'bot-framework-auth', host }, 'Bot Framework-authenticatie aan: elk verzoek heeft een geldig token nodig');
  }
  const tenants = await runtime.deps.tenants.startLine();
  logger.info({ event: 'tenants', allowed: tenants.allowed }, tenants.message);
  logger.info({ event: 'listening', host, port: config.PORT, items: runtime.deps.kb.items.length }, `Meldwijzer luistert op http://${host === '0.0.0.0' ? 'localhost' : host}:${config.PORT}/api/messages`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const deadlineMs = config.SHUTDOWN_DEADLINE_MS;
    logger.info({ event: 'stopping', signal, deadlineMs }, 'stopping: finishing turns in flight');
    // Whatever still hangs at the deadline (a connector, the database) does not keep the process alive.
    setTimeout(() => {
      logger.error({ event: 'stop-deadline', deadlineMs }, 'stopping took longer than the deadline: exiting');
      process.exit(1);
    }, deadlineMs).unref();
    // Turns get the deadline minus a moment to close storage (the outbox gives back what it holds).
    const { abandoned } = await http.drain(deadlineMs - Math.min(1_000, deadlineMs / 4));
    await runtime.close();
    logger.info({ event: 'stopped', abandoned }, 'stopped');
    process.exit(abandoned > 0 ? 1 : 0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
