// Builds the Teams application: every route Meldwijzer reacts to is registered here, in order.
// teams-ai runs the first matching route, so the catch-all question handler comes last.
// Straight from the two modules used: the package index also loads teams-ai's AI planner, prompts and
// tokenizers, about a third of a second of every start for code Meldwijzer never calls.
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import { TurnContext } from 'botbuilder';
import type { Config } from './config';
import type { BotDeps } from './deps';
import { werkgroepKeyOf } from './identity';
import { tenantKeyOf } from './tenants';
import { registerTenantGate } from './handlers/tenant-gate';
import { registerFeedback } from './handlers/feedback';
import { registerGemeente } from './handlers/gemeente';
import { registerHelp } from './handlers/help';
import { registerHerinneringen } from './handlers/herinneringen';
import { registerAgenda } from './handlers/agenda';
import { registerCoordinators } from './handlers/coordinators';
import { registerOverleg } from './handlers/overleg';
import { registerMijlpalen } from './handlers/mijlpalen';
import { registerQuestion } from './handlers/question';
import { registerVraagCollega } from './handlers/vraag-collega';
import { registerSearchExtension } from './handlers/search-extension';
import { registerUnanswered } from './handlers/unanswered';
import { registerWelcome } from './handlers/welcome';
import { registerBeheerders } from './handlers/beheerders';
import { registerMeldpunten } from './handlers/meldpunten';
import { registerKennisbankOverzicht } from './handlers/kennisbank-overzicht';
import type { KennisbankDigest } from './kennisbank-digest';
import { plainTextReplies } from './plain-text';
import { replyWhereActed } from './reply-where-acted';
import { ERRORS } from './errors';
import { StorageUnavailableError, storageFailure, withoutStorageIfAway } from './storage/availability';

/** botbuilder's CloudAdapter (through teams-ai) with the Bot Framework settings; none = local mode. */
export function createAdapter(config: Config): TeamsAdapter {
  const adapter = new TeamsAdapter({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  adapter.use(plainTextReplies);
  return adapter;
}

/**
 * The teams-ai Application as Meldwijzer configures it, with no routes yet (the echo benchmark uses it
 * bare). No state storage: no handler keeps teams-ai conversation or user state (what lasts is in our
 * own tables), and loading it cost a database read on every turn.
 */
export function newApplication(config: Config, adapter: TeamsAdapter): Application {
  return new Application({
    adapter,
    botAppId: config.MicrosoftAppId ?? '',
    // Answers take milliseconds; a typing indicator would only double the traffic.
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
  });
}

/** Services handlers use beside BotDeps (built with the outbox). */
export interface AppServices {
  digest: KennisbankDigest;
}

export function createApp(deps: BotDeps, adapter: TeamsAdapter, services: AppServices): Application {
  const app = newApplication(deps.config, adapter);

  // First of all: a tenant Meldwijzer does not serve gets a polite refusal, and nothing below runs.
  registerTenantGate(app, deps);

  // Remember where we may write to later (proactive reminders, answers), on install and on every
  // message, keyed by the werkgroep: a channel's reference points at the channel itself, so a
  // proactive message is a new post there, not a reply in whichever thread spoke last.
  app.turn('beforeTurn', async (context) => {
    const { activity } = context;
    if ((activity.type === 'message' || activity.type === 'conversationUpdate') && activity.conversation?.id) {
      const key = werkgroepKeyOf(activity);
      const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
      reference.conversation = { ...reference.conversation!, id: key };
      const serialized = JSON.stringify(reference);
      if (activity.type === 'conversationUpdate' || !deps.references.isCurrent(key, serialized)) {
        // With the database away the turn goes on; not remembered, so the next turn saves it.
        const saved = await withoutStorageIfAway(
          deps.logger,
          'conversation-reference',
          async () => {
            await deps.store.saveConversation({
              conversationId: key,
              reference: reference as Record<string, unknown>,
              conversationType: activity.conversation.conversationType ?? 'personal',
              tenantId: tenantKeyOf(activity),
            });
            return true;
          },
          false,
        );
        if (saved) deps.references.remember(key, serialized);
      }
    }
    return true;
  });

  registerWelcome(app);
  registerFeedback(app, deps);
  registerSearchExtension(app, deps);
  registerHelp(app);
  registerGemeente(app, deps);
  registerUnanswered(app, deps);
  registerMijlpalen(app, deps);
  registerHerinneringen(app, deps);
  registerCoordinators(app, deps);
  registerOverleg(app, deps);
  registerAgenda(app, deps);
  registerVraagCollega(app, deps);
  registerBeheerders(app, deps);
  registerMeldpunten(app, deps);
  registerKennisbankOverzicht(app, deps, services.digest);
  registerQuestion(app, deps); // catch-all: last

  app.error(async (context, error) => {
    // Only what the SQL client reported: a connector that refuses our reply (ECONNREFUSED as well) is not storage.
    const storage = error instanceof StorageUnavailableError ? storageFailure(error) : null;
    if (storage) {
      deps.logger.warn({ event: 'storage-unavailable', code: ERRORS.STORAGE_UNAVAILABLE.code, reason: storage.reason, activityType: context.activity.type, name: context.activity.name }, 'turn needed storage that is away');
      await replyWhereActed(context, ERRORS.STORAGE_UNAVAILABLE.text).catch(() => undefined);
      return;
    }
    deps.logger.error({ event: 'turn-error', code: ERRORS.TURN_FAILED.code, err: { name: error.name, message: error.message }, activityType: context.activity.type }, 'turn failed');
    if (context.activity.type === 'message') {
      await context.sendActivity(ERRORS.TURN_FAILED.text).catch(() => undefined);
    }
  });
  return app;
}

