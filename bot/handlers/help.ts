// help / hulp / hi / hallo: what the bot can do, with examples. Always answers: no dead ends.
import type { Application } from '@microsoft/teams-ai';
import { CardFactory } from 'botbuilder';
import { welcomeCard } from '../../cards/other-cards';
import { GREETING_PATTERN, HELP_PATTERN } from '../commands';

export function registerHelp(app: Application): void {
  app.message(HELP_PATTERN, async (context) => {
    const kind = GREETING_PATTERN.test(context.activity.text ?? '') ? 'welkom' : 'help';
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(welcomeCard(kind))] });
  });
}
