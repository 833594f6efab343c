// Werkgroep commands live in the werkgroep's channel (or group chat), not in a personal chat.
import type { TurnContext } from 'botbuilder';
import { userIdOf } from './identity';
import type { Actor } from './agenda/agenda-store';
import { ERRORS, refuse } from './errors';
import type { Logger } from './logger';

export function isWerkgroepConversation(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat';
}

/** True in a werkgroep's channel or group chat; elsewhere it says where the command works. */
export async function requireWerkgroepChannel(context: TurnContext, logger: Pick<Logger, 'info'>): Promise<boolean> {
  if (isWerkgroepConversation(context)) return true;
  await refuse(context, logger, ERRORS.WERKGROEP_CHANNEL_ONLY);
  return false;
}

/** How a message names the place it is read in: a channel, or a (group) chat. */
export function herePhrase(context: TurnContext): 'dit kanaal' | 'deze chat' {
  return context.activity.conversation?.conversationType === 'channel' ? 'dit kanaal' : 'deze chat';
}

export function actorOf(context: TurnContext): Actor {
  return { id: userIdOf(context.activity.from), name: context.activity.from?.name ?? null };
}
