// Werkgroep commands live in the werkgroep's channel (or group chat), not in a personal chat.
import type { TurnContext } from 'botbuilder';
import type { Actor } from './agenda-store';

export async function requireWerkgroepChannel(context: TurnContext): Promise<boolean> {
  const type = context.activity.conversation?.conversationType;
  if (type === 'channel' || type === 'groupChat') return true;
  await context.sendActivity('Dit werkt in het kanaal van de werkgroep Zorg & Veiligheid: noem mij daar, bijvoorbeeld "@Meldwijzer agenda".');
  return false;
}

export function actorOf(context: TurnContext): Actor {
  return { id: context.activity.from?.id ?? 'onbekend', name: context.activity.from?.name ?? null };
}
