// When Meldwijzer is installed: in a personal chat the frontline welcome (what to ask, 112 first, three
// examples); in a team or group chat — where the werkgroep works — one card with the werkgroep's
// commands, naming who added it (Teams store guidance: no unsolicited messages to every member).
import type { Application } from '@microsoft/teams-ai';
import { CardFactory } from 'botbuilder';
import { welcomeCard, werkgroepHelpCard } from '../../cards/other-cards';

export function registerWelcome(app: Application): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const { activity } = context;
    const botWasAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
    if (!botWasAdded) return;
    if (activity.conversation?.conversationType === 'personal' || !activity.conversation?.conversationType) {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(welcomeCard('welkom'))] });
      return;
    }
    const addedTo = activity.conversation.conversationType === 'channel' ? 'team' : 'chat';
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(werkgroepHelpCard({ addedTo, addedBy: activity.from?.name ?? null }))] });
  });
}
