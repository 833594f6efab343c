// onbeantwoord: the curation queue of questions without an answer (masked), for coordinators only.
import type { Application } from '@microsoft/teams-ai';
import { CardFactory } from 'botbuilder';
import { unansweredCard } from '../../cards/other-cards';
import { UNANSWERED_PATTERN } from '../commands';
import type { BotDeps } from '../deps';
import { ERRORS, refuse } from '../errors';
import { tenantKeyOf } from '../tenants';

const SHOWN = 20;

export function registerUnanswered(app: Application, deps: BotDeps): void {
  app.message(UNANSWERED_PATTERN, async (context) => {
    if (!(await deps.roles.isCoordinator(context.activity))) return refuse(context, deps.logger, ERRORS.UNANSWERED_COORDINATORS_ONLY);
    // The queue of the coordinator's own tenant only.
    const questions = await deps.store.latestUnanswered(tenantKeyOf(context.activity), SHOWN);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(unansweredCard(questions))] });
  });
}
