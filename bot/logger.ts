// Structured logs. Never pass question text or card contents to the logger: log ids, kinds and counts.
// JSON lines for log collectors; readable lines when a person watches the terminal (stdout is a TTY).
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT = { paths: ['text', 'value', '*.text', '*.value', 'activity.text', 'activity.value'], censor: '[verwijderd]' };

export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? Boolean(process.stdout.isTTY);
  return pino({
    level,
    base: { app: 'meldwijzer' },
    // Belt and braces: should a whole activity ever be logged, its text and value are cut.
    redact: REDACT,
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' } } } : {}),
  });
}
