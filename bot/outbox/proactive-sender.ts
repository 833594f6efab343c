// Sends one activity to a stored conversation through the Bot Framework (CloudAdapter's
// continueConversationAsync). The connector client's own retry policy is taken out of its pipeline:
// the outbox decides about retries (with the Teams limits in mind), so one attempt is one request.
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, ConversationReference } from 'botbuilder';

export interface SendFailure {
  status: number | undefined;
  retryAfterMs?: number;
  message: string;
}

export interface ProactiveSender {
  /** Resolves on success; rejects with a SendFailure. */
  send(reference: Record<string, unknown>, activity: Partial<Activity>): Promise<void>;
}

// botbuilder's ConnectorClient wraps an @azure/core-client ServiceClient whose pipeline retries 429
// and 5xx by itself, sleeping in between; that pipeline is not reachable through public options.
function withoutBuiltInRetries(connector: unknown): void {
  const pipeline = (connector as { client?: { pipeline?: { removePolicy(options: { name: string }): unknown } } } | undefined)?.client?.pipeline;
  pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}

export class BotFrameworkSender implements ProactiveSender {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly botAppId: string,
  ) {}

  async send(reference: Record<string, unknown>, activity: Partial<Activity>): Promise<void> {
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference as Partial<ConversationReference>, async (context) => {
        withoutBuiltInRetries(context.turnState.get(context.adapter.ConnectorClientKey));
        await context.sendActivity(activity);
      });
    } catch (error) {
      const e = error as { statusCode?: number; response?: { status?: number; headers?: { get?(name: string): string | undefined } }; message?: string };
      const status = e.statusCode ?? e.response?.status;
      const retryAfter = Number(e.response?.headers?.get?.('retry-after'));
      const failure: SendFailure = { status, message: (e.message ?? 'onbekende fout').slice(0, 300) };
      if (Number.isFinite(retryAfter) && retryAfter > 0) failure.retryAfterMs = retryAfter * 1000;
      throw failure;
    }
  }
}
