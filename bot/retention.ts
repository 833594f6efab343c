// The daily retention job: what users typed (masked unanswered questions, feedback, questions to
// colleagues and their answers, pairings) is deleted once older than RETENTION_DAYS.
import type { Clock } from './clock';
import type { Logger } from './logger';
import type { ImprovementStore } from './storage/improvement-store';

const DAY_MS = 86_400_000;

export class Retention {
  constructor(
    private readonly store: ImprovementStore,
    private readonly clock: Clock,
    private readonly days: number,
    private readonly logger: Logger,
  ) {}

  async run(): Promise<Record<string, number>> {
    const cutoff = new Date(this.clock.now().getTime() - this.days * DAY_MS);
    const deleted = await this.store.deleteOlderThan(cutoff);
    this.logger.info({ event: 'retention', days: this.days, deleted }, 'old records deleted');
    return deleted;
  }
}
