// Nuttig / Niet nuttig on a route card (Action.Execute): stored with item id and time only,
// and the card is refreshed in place with a thank-you instead of the buttons. After "Niet nuttig"
// the card offers "Vraag een collega", prefilled with the question the card carried (masked).
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { withAskColleague } from '../../cards/expert-cards';
import { fromCarriedUrgency } from '../../cards/route-card';
import { itemCard, storedMeldpunten, todayOf } from '../answer-question';
import { askColleagueOffer } from '../ask-colleague';
import { CARD_VERBS } from '../commands';
import { ERRORS, refusal } from '../errors';
import type { BotDeps } from '../deps';
import { userIdOf } from '../identity';
import { tenantKeyOf } from '../tenants';
import { feedbackDataSchema } from '../turn-data';

export function registerFeedback(app: Application, deps: BotDeps): void {
  app.adaptiveCards.actionExecute(CARD_VERBS.feedback, async (context: TurnContext, _state, rawData) => {
    const parsed = feedbackDataSchema.safeParse(rawData);
    if (!parsed.success || !deps.kb.item(parsed.data.itemId)) return refusal(deps.logger, ERRORS.STALE_QUESTION_BUTTON);
    const data = parsed.data;
    const tenantKey = tenantKeyOf(context.activity);
    await deps.store.addFeedback(tenantKey, data.itemId, data.useful);
    deps.logger.info({ event: 'feedback', itemId: data.itemId, useful: data.useful }, 'feedback stored');
    const gemeente = await deps.store.gemeenteOf(userIdOf(context.activity.from));
    const alternativeIds = data.alternativeIds.split(',').filter((id) => deps.kb.item(id));
    const card = itemCard(deps.kb, data.itemId, gemeente, todayOf(deps.clock), {
      ...fromCarriedUrgency(data.urgency),
      alternativeIds,
      feedbackGiven: true,
      stored: await storedMeldpunten(deps, gemeente),
    })!;
    if (data.useful) return card;
    const host = { kind: 'route', itemId: data.itemId, urgency: data.urgency, alternativeIds: alternativeIds.join(',') } as const;
    return withAskColleague(card, await askColleagueOffer(deps, tenantKey, data.question, host));
  });
}
