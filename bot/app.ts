// Builds the Teams application: every route Meldwijzer reacts to is registered here, in order.
// teams-ai runs the first matching route, so the catch-all question handler comes last.
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { TurnContext, type Storage } from 'botbuilder';
import type { Config } from './config';
import type { BotDeps } from './deps';
import { registerFeedback } from './handlers/feedback';
import { registerGemeente } from './handlers/gemeente';
import { registerHelp } from './handlers/help';
import { registerQuestion } from './handlers/question';
import { registerSearchExtension } from './handlers/search-extension';
import { registerUnanswered } from './handlers/unanswered';
import { registerWelcome } from './handlers/welcome';

/** botbuilder's CloudAdapter (through teams-ai) with the Bot Framework settings; none = local mode. */
export function createAdapter(config: Config): TeamsAdapter {
  return new TeamsAdapter({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
}

export function createApp(deps: BotDeps, adapter: TeamsAdapter, stateStorage: Storage): Application {
  const app = new Application({
    adapter,
    botAppId: deps.config.MicrosoftAppId ?? '',
    storage: stateStorage,
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
  });

  // Remember where we may write to later (proactive reminders), on install and on every message.
  app.turn('beforeTurn', async (context) => {
    const { activity } = context;
    if ((activity.type === 'message' || activity.type === 'conversationUpdate') && activity.conversation?.id) {
      await deps.store.saveConversation({
        conversationId: activity.conversation.id,
        reference: TurnContext.getConversationReference(activity) as Record<string, unknown>,
        conversationType: activity.conversation.conversationType ?? 'personal',
        tenantId: activity.conversation.tenantId ?? null,
      });
    }
    return true;
  });

  registerWelcome(app);
  registerFeedback(app, deps);
  registerSearchExtension(app, deps);
  registerHelp(app);
  registerGemeente(app, deps);
  registerUnanswered(app, deps);
  registerQuestion(app, deps); // catch-all: last

  app.error(async (context, error) => {
    deps.logger.error({ event: 'turn-error', err: { name: error.name, message: error.message }, activityType: context.activity.type }, 'turn failed');
    if (context.activity.type === 'message') {
      await context.sendActivity('Er ging iets mis bij het beantwoorden. Probeer het opnieuw; bij acuut gevaar: bel 112.').catch(() => undefined);
    }
  });
  return app;
}
