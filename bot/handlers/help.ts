// help / hulp / hi / hallo: what a frontline worker can ask, with examples; `help werkgroep`: the
// werkgroep's and coordinators' commands. Always answers: no dead ends.
import type { Application } from '@microsoft/teams-ai';
import { CardFactory } from 'botbuilder';
import { welcomeCard, werkgroepHelpCard } from '../../cards/other-cards';
import { GREETING_PATTERN, HELP_PATTERN, HELP_WERKGROEP_PATTERN } from '../commands';

export function registerHelp(app: Application): void {
  app.message(HELP_WERKGROEP_PATTERN, async (context) => {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(werkgroepHelpCard())] });
  });
  app.message(HELP_PATTERN, async (context) => {
    const kind = GREETING_PATTERN.test(context.activity.text ?? '') ? 'welkom' : 'help';
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(welcomeCard(kind))] });
  });
}
