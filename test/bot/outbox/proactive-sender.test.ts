// BotFrameworkSender against a fake adapter: what it asks of the adapter, that the connector's own retries
// are taken out, that a proactive post is no reply, and how a failure becomes a SendFailure.
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { BotFrameworkSender, type PersonRecipient, type SendFailure } from '../../../bot/outbox/proactive-sender';

const CONNECTOR_KEY = Symbol('ConnectorClient');
type SendHandler = (context: unknown, activities: Array<Partial<Activity>>, next: () => Promise<unknown>) => Promise<unknown>;

/** A turn context with just what the sender uses; records what was sent and which policies were removed. */
function fakeContext(options: { id?: string; withPipeline?: boolean } = {}) {
  const removedPolicies: string[] = [];
  const sent: Array<Partial<Activity>> = [];
  const handlers: SendHandler[] = [];
  const connector = options.withPipeline === false ? {} : { client: { pipeline: { removePolicy: ({ name }: { name: string }) => removedPolicies.push(name) } } };
  const context = {
    adapter: { ConnectorClientKey: CONNECTOR_KEY },
    turnState: new Map<unknown, unknown>([[CONNECTOR_KEY, connector]]),
    onSendActivities(handler: SendHandler) {
      handlers.push(handler);
      return context;
    },
    async sendActivity(activity: Partial<Activity>) {
      const outgoing = [{ replyToId: 'continuation-id', ...activity }];
      const run = async (i: number): Promise<void> => {
        if (i < handlers.length) await handlers[i]!(context, outgoing, () => run(i + 1));
        else sent.push(...outgoing);
      };
      await run(0);
      return options.id === undefined ? undefined : { id: options.id };
    },
  };
  return { context, removedPolicies, sent };
}

/** An adapter whose continue/create calls are recorded and run the callback on `context`, or throw `error`. */
function fakeAdapter(context: unknown, error?: unknown) {
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const adapter = {
    async continueConversationAsync(botAppId: string, reference: unknown, logic: (context: unknown) => Promise<void>) {
      calls.push({ method: 'continue', args: [botAppId, reference] });
      if (error) throw error;
      await logic(context);
    },
    async createConversationAsync(botAppId: string, channelId: string, serviceUrl: string, audience: unknown, parameters: unknown, logic: (context: unknown) => Promise<void>) {
      calls.push({ method: 'create', args: [botAppId, channelId, serviceUrl, audience, parameters] });
      if (error) throw error;
      await logic(context);
    },
  };
  return { adapter: adapter as unknown as TeamsAdapter, calls };
}

const REFERENCE = { conversation: { id: '19:kanaal@thread.tacv2' }, serviceUrl: 'https://smba.example/' };
const PERSON: PersonRecipient = { kind: 'person', teamsUserId: '29:persoon', aadObjectId: 'aad-1', tenantId: 'tenant-1', serviceUrl: 'https://smba.example/', botId: '28:bot' };

async function failureOf(promise: Promise<unknown>): Promise<SendFailure> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (failure: unknown) => failure as SendFailure,
  );
}

describe('BotFrameworkSender.send', () => {
  it('continues the stored conversation as the bot and returns the new activity\'s id', async () => {
    const { context, sent } = fakeContext({ id: 'activity-1' });
    const { adapter, calls } = fakeAdapter(context);
    const result = await new BotFrameworkSender(adapter, 'bot-app-id').send(REFERENCE, { type: 'message', text: 'hallo' });
    expect(result).toEqual({ activityId: 'activity-1' });
    expect(calls).toEqual([{ method: 'continue', args: ['bot-app-id', REFERENCE] }]);
    expect(sent.map((a) => a.text)).toEqual(['hallo']);
  });

  it('posts a new message, not a reply to the continuation activity', async () => {
    const { context, sent } = fakeContext({ id: 'a' });
    await new BotFrameworkSender(fakeAdapter(context).adapter, 'bot').send(REFERENCE, { type: 'message', text: 'x' });
    expect(sent[0]).not.toHaveProperty('replyToId');
  });

  it('takes the connector client\'s built-in retry policy out: one attempt is one request', async () => {
    const { context, removedPolicies } = fakeContext({ id: 'a' });
    await new BotFrameworkSender(fakeAdapter(context).adapter, 'bot').send(REFERENCE, { type: 'message' });
    expect(removedPolicies).toEqual(['defaultRetryPolicy']);
  });

  it('still sends when the connector has no reachable pipeline', async () => {
    const { context, sent } = fakeContext({ id: 'a', withPipeline: false });
    await new BotFrameworkSender(fakeAdapter(context).adapter, 'bot').send(REFERENCE, { type: 'message', text: 'x' });
    expect(sent).toHaveLength(1);
  });

  it('resolves without an id when Teams gives none', async () => {
    const { context } = fakeContext();
    expect(await new BotFrameworkSender(fakeAdapter(context).adapter, 'bot').send(REFERENCE, { type: 'message' })).toEqual({ activityId: undefined });
  });
});

describe('BotFrameworkSender.sendToPerson', () => {
  it('starts the 1:1 chat in the person\'s tenant with the bot and the person, then sends there', async () => {
    const { context, sent, removedPolicies } = fakeContext({ id: 'activity-2' });
    const { adapter, calls } = fakeAdapter(context);
    const result = await new BotFrameworkSender(adapter, 'bot-app-id').sendToPerson(PERSON, { type: 'message', text: 'herinnering' });
    expect(result).toEqual({ activityId: 'activity-2' });
    expect(calls).toEqual([
      {
        method: 'create',
        args: ['bot-app-id', 'msteams', 'https://smba.example/', null, { isGroup: false, bot: { id: '28:bot' }, members: [{ id: '29:persoon' }], tenantId: 'tenant-1', channelData: { tenant: { id: 'tenant-1' } } }],
      },
    ]);
    expect(sent.map((a) => a.text)).toEqual(['herinnering']);
    expect(removedPolicies).toEqual(['defaultRetryPolicy']);
  });

  it('leaves the tenant out of the parameters when it is unknown', async () => {
    const { context } = fakeContext({ id: 'a' });
    const { adapter, calls } = fakeAdapter(context);
    await new BotFrameworkSender(adapter, 'bot').sendToPerson({ ...PERSON, tenantId: null }, { type: 'message' });
    expect((calls[0]!.args[4] as { tenantId?: string }).tenantId).toBeUndefined();
  });
});

describe('a failed send', () => {
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] });

  it('rejects with the status and Retry-After of a throttled request', async () => {
    const error = Object.assign(new Error('Too Many Requests'), { statusCode: 429, response: { status: 429, headers: headers({ 'retry-after': '3' }) } });
    const failure = await failureOf(new BotFrameworkSender(fakeAdapter(null, error).adapter, 'bot').send(REFERENCE, { type: 'message' }));
    expect(failure).toEqual({ status: 429, retryAfterMs: 3_000, message: 'Too Many Requests' });
  });

  it('takes the status from the response when the error has none, for sendToPerson too', async () => {
    const error = { message: 'Forbidden', response: { status: 403 } };
    const failure = await failureOf(new BotFrameworkSender(fakeAdapter(null, error).adapter, 'bot').sendToPerson(PERSON, { type: 'message' }));
    expect(failure).toEqual({ status: 403, message: 'Forbidden' });
  });

  it('reads a Retry-After given as an HTTP date, counted from the clock', async () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    const error = { statusCode: 429, message: 'x', response: { headers: headers({ 'retry-after': 'Wed, 21 Oct 2026 07:28:05 GMT' }) } };
    const failure = await failureOf(new BotFrameworkSender(fakeAdapter(null, error).adapter, 'bot', () => now).send(REFERENCE, { type: 'message' }));
    expect(failure.retryAfterMs).toBe(5_000);
  });

  it('ignores a Retry-After that asks for no wait or cannot be read: zero, negative, a date passed, text', async () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    for (const value of ['0', '-5', 'Wed, 21 Oct 2026 07:28:00 GMT', 'Tue, 20 Oct 2026 07:28:00 GMT', 'straks', '']) {
      const error = { statusCode: 503, message: 'x', response: { headers: headers({ 'retry-after': value }) } };
      const failure = await failureOf(new BotFrameworkSender(fakeAdapter(null, error).adapter, 'bot', () => now).send(REFERENCE, { type: 'message' }));
      expect(failure, value).not.toHaveProperty('retryAfterMs');
      expect(failure.status).toBe(503);
    }
  });

  it('has no status for a network error, and a message of at most 300 characters', async () => {
    const failure = await failureOf(new BotFrameworkSender(fakeAdapter(null, new Error('x'.repeat(1_000))).adapter, 'bot').send(REFERENCE, { type: 'message' }));
    expect(failure.status).toBeUndefined();
    expect(failure.message).toHaveLength(300);
  });

  it('says "onbekende fout" for something thrown without a message', async () => {
    const failure = await failureOf(new BotFrameworkSender(fakeAdapter(null, {}).adapter, 'bot').send(REFERENCE, { type: 'message' }));
    expect(failure).toEqual({ status: undefined, message: 'onbekende fout' });
  });

  it('turns an error thrown while sending inside the conversation into a SendFailure too', async () => {
    const { context } = fakeContext();
    context.sendActivity = async () => {
      throw Object.assign(new Error('Bad Gateway'), { statusCode: 502 });
    };
    const failure = await failureOf(new BotFrameworkSender(fakeAdapter(context).adapter, 'bot').send(REFERENCE, { type: 'message' }));
    expect(failure).toEqual({ status: 502, message: 'Bad Gateway' });
  });
});
