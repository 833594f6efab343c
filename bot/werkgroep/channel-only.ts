// Werkgroep commands live in the werkgroep's channel (or group chat), not in a personal chat.
import type { TurnContext } from 'botbuilder';
import { userIdOf } from '../identity';
import type { Actor } from './agenda-store';

export const WERKGROEP_CHANNEL_ONLY = 'Dit werkt in het kanaal van de werkgroep Zorg & Veiligheid: noem mij daar, bijvoorbeeld "@Meldwijzer agenda".';

export function isWerkgroepConversation(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat';
}

export async function requireWerkgroepChannel(context: TurnContext): Promise<boolean> {
  if (isWerkgroepConversation(context)) return true;
  await context.sendActivity(WERKGROEP_CHANNEL_ONLY);
  return false;
}

/** How a message names the place it is read in: a channel, or a (group) chat. */
export function herePhrase(context: TurnContext): 'dit kanaal' | 'deze chat' {
  return context.activity.conversation?.conversationType === 'channel' ? 'dit kanaal' : 'deze chat';
}

export function actorOf(context: TurnContext): Actor {
  return { id: userIdOf(context.activity.from), name: context.activity.from?.name ?? null };
}
