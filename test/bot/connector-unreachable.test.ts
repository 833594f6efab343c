// A reply that cannot reach the Bot Connector is a failed turn, not a database outage: the log must
// send an operator to the network, not to PostgreSQL (both failures carry ECONNREFUSED).
import { describe, expect, it } from 'vitest';
import { message } from '../helpers/activities';
import { startBot } from '../helpers/bot-harness';
import { freePort } from '../helpers/free-port';
import { until } from '../helpers/until';

describe('a connector that refuses the reply', () => {
  it('is logged as a failed turn, not as storage away', async () => {
    const logLines: string[] = [];
    const bot = await startBot({ logLines });
    try {
      const nobody = `http://127.0.0.1:${await freePort()}`;
      await bot.post(message(nobody, 'waar meld ik een vermoeden van huiselijk geweld'));
      // botbuilder's HTTP client retries a refused connection with backoff (about 9 s) before the turn fails.
      await until(() => logLines.some((line) => line.includes('"turn-error"')), 'the failed turn in the log', { timeoutMs: 40_000 });
      const events = logLines.map((line) => (JSON.parse(line) as { event?: string }).event);
      expect(events).toContain('turn-error');
      expect(events).not.toContain('storage-unavailable');
    } finally {
      await bot.destroy();
    }
  }, 60_000);
});
