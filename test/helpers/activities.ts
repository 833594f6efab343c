// Builders for the Bot Framework activities Teams sends, so tests read like the user's story.
let counter = 0;

export interface Who {
  id: string;
  aadObjectId?: string;
  name?: string;
}

export const BOT = { id: '28:meldwijzer-bot', name: 'Meldwijzer' };
export const ALICE: Who = { id: '29:alice', aadObjectId: '00000000-0000-0000-0000-00000000a11c', name: 'Alice de Vries' };
export const BOB: Who = { id: '29:bob', aadObjectId: '00000000-0000-0000-0000-000000000b0b', name: 'Bob Jansen' };

export interface Conversation {
  id: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
  tenantId?: string;
  /** For a channel: the channel itself (where proactive posts go); `id` is then one thread in it. */
  channelId?: string;
}

export const personalChat = (user: Who = ALICE): Conversation => ({ id: `a:personal-${user.id}`, conversationType: 'personal', tenantId: 'tenant-1' });
export const groupChat = (name = 'groep'): Conversation => ({ id: `19:${name}@thread.v2`, conversationType: 'groupChat', tenantId: 'tenant-1' });

/**
 * A thread in a Teams channel, as Teams sends it: every post starts a thread and the conversation id
 * is the channel id plus ';messageid=<root post>'. Another `thread` is another post in the same channel.
 */
export const channel = (name = 'werkgroep', thread = '1700000000001'): Conversation & { channelId: string } => ({
  id: `19:${name}@thread.tacv2;messageid=${thread}`,
  conversationType: 'channel',
  tenantId: 'tenant-1',
  channelId: `19:${name}@thread.tacv2`,
});

/**
 * The same conversation in another organisation (Microsoft 365 tenant): Teams names the tenant in
 * conversation.tenantId and channelData.tenant.id. Without a tenant (undefined), neither names one.
 */
export function inTenant<C extends Conversation>(conversation: C, tenantId: string | undefined): C {
  return { ...conversation, tenantId };
}

function base(serviceUrl: string, conversation: Conversation, from: Who) {
  counter += 1;
  const { channelId, ...teamsConversation } = conversation;
  const tenant = conversation.tenantId === undefined ? {} : { tenant: { id: conversation.tenantId } };
  return {
    id: `activity-${counter}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from,
    recipient: BOT,
    conversation: teamsConversation,
    channelData: channelId ? { ...tenant, channel: { id: channelId }, team: { id: channelId } } : tenant,
    locale: 'nl-NL',
  };
}

export function message(serviceUrl: string, text: string, options: { from?: Who; conversation?: Conversation; value?: unknown } = {}) {
  const from = options.from ?? ALICE;
  return { ...base(serviceUrl, options.conversation ?? personalChat(from), from), type: 'message', text, value: options.value };
}

export function botAdded(serviceUrl: string, conversation: Conversation, from: Who = ALICE) {
  return { ...base(serviceUrl, conversation, from), type: 'conversationUpdate', membersAdded: [BOT] };
}

export function cardAction(serviceUrl: string, verb: string, data: Record<string, unknown>, options: { from?: Who; conversation?: Conversation } = {}) {
  const from = options.from ?? ALICE;
  return {
    ...base(serviceUrl, options.conversation ?? personalChat(from), from),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

export function searchQuery(serviceUrl: string, commandId: string, text: string, from: Who = ALICE) {
  return {
    ...base(serviceUrl, personalChat(from), from),
    type: 'invoke',
    name: 'composeExtension/query',
    value: { commandId, parameters: [{ name: 'vraag', value: text }], queryOptions: { skip: 0, count: 25 } },
  };
}
