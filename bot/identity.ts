// Who is speaking and which werkgroep a turn belongs to. Every handler and store takes its ids from
// here, so a person has one id and a channel one key, whichever thread or client the turn comes from.
import type { Activity } from 'botbuilder';

/**
 * One id per person: the AAD object id, which Teams sends on every activity and which configuration
 * (COORDINATORS) uses; the Teams channel account id (29:…) only where no AAD id exists.
 */
export function userIdOf(from: { id?: string; aadObjectId?: string } | undefined): string {
  return from?.aadObjectId || from?.id || 'onbekend';
}

/**
 * The werkgroep a turn belongs to. In a Teams channel every post starts a thread and the
 * conversation id becomes `19:…@thread.tacv2;messageid=<root>`: the channel id (channelData.channel.id,
 * or the conversation id without the `;messageid=` part) is the same for every thread. A group chat or
 * a personal chat is keyed by its own conversation id.
 */
export function werkgroepKeyOf(activity: Pick<Partial<Activity>, 'conversation' | 'channelData'>): string {
  const channelId = (activity.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
  if (typeof channelId === 'string' && channelId.length > 0) return channelId;
  return stripThread(activity.conversation?.id ?? '');
}

/** A channel conversation id without its thread (`;messageid=…`) part. */
export function stripThread(conversationId: string): string {
  const at = conversationId.indexOf(';messageid=');
  return at === -1 ? conversationId : conversationId.slice(0, at);
}
