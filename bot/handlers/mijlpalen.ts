// mijlpalen [gemeente] [kwartaal] and mijlpalen overzicht; the status buttons on the card
// (Action.Execute) change a status and refresh the card in place for everyone in the conversation.
import type { Application } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod/v4';
import { mijlpalenCard, mijlpalenOverviewCard } from '../../cards/mijlpalen-cards';
import { MILESTONE_STATUSES, OPEN, type StatusRecord } from '../../plan/plan';
import { parseQuarter, quarterLabel, quarterOf, type Quarter } from '../../plan/quarter';
import { CARD_VERBS, MIJLPALEN_PATTERN } from '../commands';
import type { BotDeps } from '../deps';
import { ERRORS, refusal } from '../errors';
import { userIdOf } from '../identity';
import { SentCards } from '../sent-cards';
import { tenantKeyOf } from '../tenants';
import { isWerkgroepConversation } from '../werkgroep-channel';

const statusActionSchema = z.object({
  milestoneId: z.string().min(3).max(200),
  status: z.enum(MILESTONE_STATUSES),
});

const cardKeyOf = (gemeente: string, quarter: Quarter) => `mijlpalen:${gemeente}:${quarter.year}-Q${quarter.quarter}`;

type Parsed = { kind: 'overview' } | { kind: 'list'; gemeente: string | null; quarter: Quarter | null; error?: string };

/** "Baarn Q3 2024", "De Bilt", "q2", "2025-Q1 Eemnes", "overzicht". */
function parseArguments(rest: string, current: Quarter): Parsed {
  const text = rest.trim();
  if (/^overzicht$/i.test(text)) return { kind: 'overview' };
  const words = text.split(/\s+/).filter(Boolean);
  let quarter: Quarter | null = null;
  // A quarter is one word ("2024-Q3", "Q3") or two ("Q3 2024", "3e kwartaal 2024" has three).
  for (const size of [3, 2, 1]) {
    for (const start of [words.length - size, 0]) {
      if (start < 0 || quarter) continue;
      const candidate = parseQuarter(words.slice(start, start + size).join(' '), current);
      if (candidate) {
        quarter = candidate;
        words.splice(start, size);
      }
    }
  }
  return { kind: 'list', gemeente: words.length > 0 ? words.join(' ') : null, quarter };
}

export function registerMijlpalen(app: Application, deps: BotDeps): void {
  const statusCards = new SentCards();
  // Each tenant's werkgroep keeps its own milestone status.
  const statusLookup = async (tenantKey: string): Promise<(id: string) => StatusRecord> => {
    const statuses = await deps.planStore.statuses(tenantKey);
    return (id) => statuses.get(id) ?? OPEN;
  };

  const cardFor = async (tenantKey: string, gemeente: string, quarter: Quarter, readOnly = false) => {
    const statusOf = await statusLookup(tenantKey);
    const current = quarterOf(deps.clock.now());
    // Overdue items of earlier quarters are shown with the current quarter only.
    const overdue = quarter.year === current.year && quarter.quarter === current.quarter ? deps.plan.overdue(gemeente, current, statusOf) : [];
    return mijlpalenCard({ plan: deps.plan, gemeente, quarter, statusOf, overdue, readOnly });
  };

  app.message(MIJLPALEN_PATTERN, async (context: TurnContext) => {
    const current = quarterOf(deps.clock.now());
    const parsed = parseArguments(MIJLPALEN_PATTERN.exec(context.activity.text ?? '')?.groups?.rest ?? '', current);
    const known = deps.plan.gemeenten.join(', ');

    if (parsed.kind === 'overview') {
      const names = [...new Set([...deps.plan.gemeenten, ...deps.kb.gemeenten.map((g) => g.naam)])];
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(mijlpalenOverviewCard(deps.plan, names, current, await statusLookup(tenantKeyOf(context.activity))))] });
      return;
    }
    const wanted = parsed.gemeente ?? (await deps.store.gemeenteOf(userIdOf(context.activity.from)));
    if (!wanted) {
      await context.sendActivity(`Voor welke gemeente? Bijvoorbeeld: mijlpalen Baarn Q3 2024, of stel je gemeente in met: gemeente Baarn. Gemeenten in het plan: ${known}.`);
      return;
    }
    const gemeente = deps.plan.gemeente(wanted);
    if (!gemeente) {
      const knownElsewhere = deps.kb.findGemeente(wanted);
      await context.sendActivity(
        knownElsewhere
          ? `Voor ${knownElsewhere.naam} staan geen mijlpalen in het ${deps.plan.name}. Gemeenten in het plan: ${known}.`
          : `Die gemeente ken ik niet. Gemeenten in het plan: ${known}. Een kwartaal schrijf je als Q3 2024.`,
      );
      return;
    }
    const quarter = parsed.quarter ?? current;
    if (!deps.plan.covers(quarter)) {
      await context.sendActivity(
        `${quarterLabel(quarter)} valt buiten het ${deps.plan.name} (${quarterLabel(deps.plan.from)} – ${quarterLabel(deps.plan.to)}). Kies een kwartaal daarbinnen, bijvoorbeeld: mijlpalen ${gemeente} ${quarterLabel(deps.plan.from)}.`,
      );
      return;
    }
    // Whoever may not change statuses here sees the card without status buttons.
    const readOnly = !(await deps.roles.mayChangeMilestoneStatus(context.activity));
    const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await cardFor(tenantKeyOf(context.activity), gemeente, quarter, readOnly))] });
    if (!readOnly) statusCards.remember(context.activity.conversation.id, cardKeyOf(gemeente, quarter), sent?.id);
  });

  app.adaptiveCards.actionExecute(CARD_VERBS.mijlpaalStatus, async (context: TurnContext, _state, rawData) => {
    const parsed = statusActionSchema.safeParse(rawData);
    const mijlpaal = parsed.success ? deps.plan.mijlpaal(parsed.data.milestoneId) : undefined;
    if (!parsed.success || !mijlpaal) return refusal(deps.logger, ERRORS.MILESTONE_GONE);
    if (!(await deps.roles.mayChangeMilestoneStatus(context.activity))) return refusal(deps.logger, ERRORS.MILESTONE_STATUS_REFUSED);
    // The tenant is the activity's: the card says which milestone, never whose.
    const tenantKey = tenantKeyOf(context.activity);
    await deps.planStore.setStatus(tenantKey, mijlpaal.id, parsed.data.status, { id: userIdOf(context.activity.from), name: context.activity.from?.name ?? null });
    deps.logger.info({ event: 'milestone-status', milestoneId: mijlpaal.id, status: parsed.data.status }, 'milestone status changed');
    const card = await cardFor(tenantKey, mijlpaal.gemeente, mijlpaal.quarter);
    // The invoke answer refreshes the card for whoever pressed; updating the message does it for everyone.
    // Only a card the bot recorded sending here is updated, never a message id the client chose; without
    // one (after a restart) the werkgroep gets a fresh card.
    const conversationId = context.activity.conversation.id;
    const key = cardKeyOf(mijlpaal.gemeente, mijlpaal.quarter);
    const posted = statusCards.find(conversationId, key, context.activity.replyToId);
    if (posted) {
      await context.updateActivity({ id: posted, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
    } else if (isWerkgroepConversation(context)) {
      statusCards.remember(conversationId, key, (await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] }))?.id);
    }
    return card;
  });
}
