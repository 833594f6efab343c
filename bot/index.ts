// Entry point: read config, build the runtime, listen; on SIGTERM finish in-flight turns and close storage.
import { isLocalMode, loadConfig, ConfigError } from './config';
import { createLogger } from './logger';
import { createRuntime } from './runtime';
import { createServer } from './server';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await createRuntime(config, { logger });
  const http = createServer(runtime, logger);
  await new Promise<void>((resolve) => http.server.listen(config.PORT, config.HOST, resolve));
  await runtime.startScheduler();
  http.setReady();
  if (isLocalMode(config)) {
    logger.warn({ event: 'local-mode' }, 'Lokale modus: geen MicrosoftAppId gezet, verzoeken van lokale clients worden zonder authenticatie geaccepteerd');
  }
  logger.info({ event: 'listening', port: config.PORT, items: runtime.deps.kb.items.length }, `Meldwijzer luistert op http://localhost:${config.PORT}/api/messages`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'stopping', signal }, 'stopping: finishing turns in flight');
    await http.drain();
    await runtime.close();
    logger.info({ event: 'stopped' }, 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
