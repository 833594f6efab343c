// Sends one activity to a stored conversation through the Bot Framework (CloudAdapter's
// continueConversationAsync), or to one person in a 1:1 chat the bot starts (createConversationAsync).
// The connector client's own retry policy is taken out of its pipeline where it can be: the outbox
// decides about retries (with the Teams limits in mind), so one attempt is one request.
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, ChannelAccount, ConversationReference } from 'botbuilder';

export interface SendFailure {
  status: number | undefined;
  retryAfterMs?: number;
  message: string;
}

/** One person to reach in a 1:1 chat that may not exist yet: what Teams needs to start it. */
export interface PersonRecipient {
  kind: 'person';
  /** The Teams user id (29:…), which createConversation needs; the AAD object id is kept for reference. */
  teamsUserId: string;
  aadObjectId: string | null;
  tenantId: string | null;
  serviceUrl: string;
  /** The bot's own account id in that tenant (28:…), as the person's activities named it. */
  botId: string;
}

/** A conversation reference that travels with the message instead of conversation_references. */
export interface ReferenceRecipient {
  kind: 'conversation';
  reference: Record<string, unknown>;
}

export type Recipient = PersonRecipient | ReferenceRecipient;

/** What Teams said about a sent activity: its id, to update it later. */
export interface SentActivity {
  activityId?: string;
}

export interface ProactiveSender {
  /** Resolves on success; rejects with a SendFailure. */
  send(reference: Record<string, unknown>, activity: Partial<Activity>): Promise<SentActivity | void>;
  /** Starts (or finds: Teams has one per bot and person) the 1:1 chat and sends there; rejects with a SendFailure. */
  sendToPerson(person: PersonRecipient, activity: Partial<Activity>): Promise<SentActivity | void>;
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
    /** Now, in milliseconds: a Retry-After given as a date is counted from it. */
    private readonly now: () => number = Date.now,
  ) {}

  async send(reference: Record<string, unknown>, activity: Partial<Activity>): Promise<SentActivity> {
    const sent: SentActivity = {};
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference as Partial<ConversationReference>, async (context) => {
        withoutBuiltInRetries(context.turnState.get(context.adapter.ConnectorClientKey));
        // A proactive message is a new post: botbuilder would make it a reply to the continuation
        // activity's made-up id, and in a channel a new post is what we want.
        context.onSendActivities(async (_context, activities, next) => {
          for (const outgoing of activities) delete outgoing.replyToId;
          return next();
        });
        sent.activityId = (await context.sendActivity(activity))?.id;
      });
      return sent;
    } catch (error) {
      throw asSendFailure(error, this.now());
    }
  }

  async sendToPerson(person: PersonRecipient, activity: Partial<Activity>): Promise<SentActivity> {
    const sent: SentActivity = {};
    const parameters = {
      isGroup: false,
      bot: { id: person.botId } as ChannelAccount,
      members: [{ id: person.teamsUserId } as ChannelAccount],
      tenantId: person.tenantId ?? undefined,
      channelData: { tenant: { id: person.tenantId } },
    };
    try {
      // The create call runs before our callback, so its client still has the built-in retries; only
      // the send inside is one request. A null audience is the adapter's default for its cloud.
      await this.adapter.createConversationAsync(this.botAppId, 'msteams', person.serviceUrl, null as unknown as string, parameters, async (context) => {
        withoutBuiltInRetries(context.turnState.get(context.adapter.ConnectorClientKey));
        sent.activityId = (await context.sendActivity(activity))?.id;
      });
      return sent;
    } catch (error) {
      throw asSendFailure(error, this.now());
    }
  }
}

/** The status (and Retry-After) of a failed Bot Framework call, for the outbox's retry policy. */
function asSendFailure(error: unknown, nowMs: number): SendFailure {
  const e = error as { statusCode?: number; response?: { status?: number; headers?: { get?(name: string): string | undefined } }; message?: string };
  const status = e.statusCode ?? e.response?.status;
  const failure: SendFailure = { status, message: (e.message ?? 'onbekende fout').slice(0, 300) };
  const retryAfterMs = retryAfterMsOf(e.response?.headers?.get?.('retry-after'), nowMs);
  if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
  return failure;
}

/** Retry-After as seconds ("3") or as an HTTP date (RFC 9110); undefined when it asks for no wait or cannot be read. */
function retryAfterMsOf(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    const seconds = Number(value);
    return seconds > 0 ? seconds * 1000 : undefined;
  }
  const at = Date.parse(value);
  return Number.isFinite(at) && at > nowMs ? at - nowMs : undefined;
}
