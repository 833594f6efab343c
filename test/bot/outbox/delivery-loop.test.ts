// The outbox loop goes on when held-back messages are due, not at the next poll: a fan-out that fills
// a rate-limit window carries on the moment the window frees. (With only the 1-second poll, a tenant's
// 30 a second became 30 every two seconds: the window frees 1,020 ms after its first send.)
import { describe, expect, it } from 'vitest';
import { ALICE, channel, message } from '../../helpers/activities';
import { startBot } from '../../helpers/bot-harness';
import { TestClock } from '../../helpers/clock';

describe('the outbox delivery loop', () => {
  it('delivers a message held back by the 7-a-second limit when it is due, without waiting for a poll', async () => {
    const clock = new TestClock(new Date('2025-06-05T10:00:00+02:00')); // no reminder due
    const bot = await startBot({ clock, env: { COORDINATORS: ALICE.aadObjectId! } });
    try {
      const werkgroep = channel('werkgroep-delivery-loop');
      await bot.post(message(bot.connector.serviceUrl, 'help', { conversation: werkgroep }));
      await bot.connector.waitFor(werkgroep.id, 1);
      for (let i = 1; i <= 8; i++) {
        await bot.runtime.outbox.enqueue(`delivery-loop-${i}`, werkgroep.channelId, null, { type: 'message', text: `bericht ${i}` });
      }

      // A poll once a minute: only the loop's own "due again" run can send the eighth in time.
      const scheduler = await bot.runtime.startScheduler({ outboxPollMs: 60_000 });
      await scheduler.caughtUp();
      expect(bot.connector.sentTo(werkgroep.channelId)).toHaveLength(7);
      // The conversation's second passes (the limiter counts by the bot's clock).
      clock.advance(1_100);
      const sent = await bot.connector.waitFor(werkgroep.channelId, 8, 10_000);
      expect(sent.map((a) => a.text)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => `bericht ${i}`));
    } finally {
      await bot.destroy();
    }
  }, 30_000);
});
