// Structured logs. Never pass question text or card contents to the logger: log ids, kinds and counts.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'meldwijzer' },
    // Belt and braces: should a whole activity ever be logged, its text and value are cut.
    redact: { paths: ['text', 'value', '*.text', '*.value', 'activity.text', 'activity.value'], censor: '[verwijderd]' },
  });
}
