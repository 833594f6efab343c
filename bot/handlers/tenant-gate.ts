// The first thing every turn meets: is this a tenant Meldwijzer serves (bot/tenants.ts)? If not, a
// polite refusal and nothing else — no handler runs, nothing is stored. A message gets a plain reply,
// a card action or search the refusal as its answer, the bot added to a team or chat says it once.
import type { Application } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { BotDeps } from '../deps';
import { replyWhereActed } from '../reply-where-acted';
import { ERRORS } from '../errors';

export function registerTenantGate(app: Application, deps: Pick<BotDeps, 'tenants' | 'logger'>): void {
  app.turn('beforeTurn', async (context) => {
    const admission = await deps.tenants.admit(context.activity);
    if (admission.ok) return true;
    const { activity } = context;
    // The tenant id is the organisation's, not a person's; what anyone wrote is never logged.
    deps.logger.warn({ event: 'tenant-refused', code: ERRORS.TENANT_REFUSED.code, reason: admission.reason, tenant: admission.tenantId, activityType: activity.type, name: activity.name }, 'turn refused: tenant not served');
    await refuse(context);
    return false;
  });
}

async function refuse(context: TurnContext): Promise<void> {
  const { activity } = context;
  const botWasAdded = activity.type === ActivityTypes.ConversationUpdate && (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
  if (botWasAdded) await context.sendActivity(ERRORS.TENANT_REFUSED.text);
  else await replyWhereActed(context, ERRORS.TENANT_REFUSED.text);
}
