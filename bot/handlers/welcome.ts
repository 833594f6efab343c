// When Meldwijzer is installed: one welcome card in a personal chat; in a team or group chat one
// message naming who added it (Teams store guidance: no unsolicited cards to everyone).
import type { Application } from '@microsoft/teams-ai';
import { CardFactory } from 'botbuilder';
import { welcomeCard } from '../../cards/other-cards';

export function registerWelcome(app: Application): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const { activity } = context;
    const botWasAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
    if (!botWasAdded) return;
    if (activity.conversation?.conversationType === 'personal' || !activity.conversation?.conversationType) {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(welcomeCard('welkom'))] });
      return;
    }
    const who = activity.from?.name ? ` door ${activity.from.name}` : '';
    const where = activity.conversation.conversationType === 'channel' ? 'dit team' : 'deze chat';
    await context.sendActivity(
      `Meldwijzer is aan ${where} toegevoegd${who}. Stel een vraag door mij te noemen (@Meldwijzer), bijvoorbeeld "waar meld ik een vermoeden van huiselijk geweld?", of typ @Meldwijzer help.`,
    );
  });
}
