// The improvement loop in Teams: overzicht aan / overzicht uit (coordinators, in a channel or group
// chat) for the weekly kennisbank digest; statistieken [weken] on demand (coordinators); and the
// digest's buttons: pair an unanswered question with an item ("Koppel aan item…") or ignore it.
import type { Application } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod/v4';
import { digestCard } from '../../cards/digest-card';
import { CARD_VERBS, OVERZICHT_PATTERN, STATISTIEKEN_PATTERN } from '../commands';
import type { BotDeps } from '../deps';
import { werkgroepKeyOf } from '../identity';
import { DEFAULT_WEEKS, MAX_WEEKS, type KennisbankDigest } from '../kennisbank-digest';
import { ERRORS, refusal, refuse } from '../errors';
import { tenantKeyOf } from '../tenants';
import { actorOf, herePhrase, requireWerkgroepChannel } from '../werkgroep-channel';

const EXPLAIN = 'Elke maandag om 09:00 (na een feestdag de eerstvolgende werkdag) zie je hier hoeveel vragen er waren, welke geen antwoord kregen en wat beter kan.';
const weeksSchema = z.coerce.number().int().min(1).max(MAX_WEEKS);
const idsSchema = z.string().regex(/^\d{1,12}(,\d{1,12}){0,199}$/).transform((s) => s.split(',').map(Number));
const weekSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const pairSchema = z.object({ ids: idsSchema, week: weekSchema, itemId: z.string().min(3).max(100) });
const ignoreSchema = z.object({ ids: idsSchema, week: weekSchema });

export function registerKennisbankOverzicht(app: Application, deps: BotDeps, digest: KennisbankDigest): void {
  app.message(OVERZICHT_PATTERN, async (context: TurnContext) => {
    if (!(await requireWerkgroepChannel(context, deps.logger))) return;
    const key = werkgroepKeyOf(context.activity);
    const here = herePhrase(context);
    const action = OVERZICHT_PATTERN.exec(context.activity.text ?? '')?.groups?.rest?.toLowerCase();
    if (!action) {
      const on = await deps.improvement.isDigestSubscribed(key);
      await context.sendActivity(`Het wekelijkse overzicht van de kennisbank staat ${on ? 'aan' : 'uit'} in ${here}. ${EXPLAIN} Coördinatoren: overzicht ${on ? 'uit' : 'aan'}.`);
      return;
    }
    if (!(await deps.roles.isCoordinator(context.activity))) return refuse(context, deps.logger, ERRORS.NOT_A_COORDINATOR);
    if (action === 'aan') {
      const added = await deps.improvement.subscribeDigest(key, context.activity.from?.name ?? null);
      await context.sendActivity(added ? `Het wekelijkse overzicht van de kennisbank staat nu aan in ${here}. ${EXPLAIN}` : `Het wekelijkse overzicht stond al aan in ${here}.`);
    } else {
      const removed = await deps.improvement.unsubscribeDigest(key);
      await context.sendActivity(removed ? `Het wekelijkse overzicht staat nu uit in ${here}.` : `Het wekelijkse overzicht stond al uit in ${here}.`);
    }
  });

  app.message(STATISTIEKEN_PATTERN, async (context: TurnContext) => {
    if (!(await deps.roles.isCoordinator(context.activity))) return refuse(context, deps.logger, ERRORS.NOT_A_COORDINATOR);
    const raw = STATISTIEKEN_PATTERN.exec(context.activity.text ?? '')?.groups?.weken;
    const weeks = weeksSchema.safeParse(raw ?? DEFAULT_WEEKS);
    if (!weeks.success) return void (await context.sendActivity(`Kies 1 tot ${MAX_WEEKS} weken, bijvoorbeeld: statistieken 4.`));
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(digestCard(await digest.currentView(tenantKeyOf(context.activity), weeks.data)))] });
  });

  /** The card again after a button, for the presser's tenant: the same week for a digest, the current view for statistieken. */
  const refreshed = async (tenantKey: string, week: string, notice: string) => {
    const [year, month, day] = week.split('-').map(Number) as [number, number, number];
    const weekStart = { year, month, day };
    const isPast = new Date(Date.UTC(year, month - 1, day)).getTime() <= deps.clock.now().getTime();
    return digestCard(isPast ? await digest.weekView(tenantKey, weekStart, notice) : await digest.currentView(tenantKey, DEFAULT_WEEKS, notice));
  };

  app.adaptiveCards.actionExecute(CARD_VERBS.koppelen, async (context: TurnContext, _state, rawData) => {
    const data = pairSchema.safeParse(rawData);
    const item = data.success ? deps.kb.item(data.data.itemId) : undefined;
    if (!data.success || !item) return refusal(deps.logger, ERRORS.STALE_DIGEST_BUTTON);
    if (!(await deps.roles.isCoordinator(context.activity))) return refusal(deps.logger, ERRORS.NOT_A_COORDINATOR);
    // Only questions of the presser's tenant: the ids come from the card.
    const tenantKey = tenantKeyOf(context.activity);
    const paired = await deps.improvement.pair(tenantKey, data.data.ids, item.id, actorOf(context));
    deps.logger.info({ event: 'unanswered-paired', itemId: item.id, count: data.data.ids.length }, 'unanswered question paired');
    return refreshed(tenantKey, data.data.week, paired ? `Gekoppeld aan "${item.title}". De redactie ziet het met npm run export:koppelingen.` : 'Deze vraag was al gekoppeld of genegeerd.');
  });

  app.adaptiveCards.actionExecute(CARD_VERBS.negeren, async (context: TurnContext, _state, rawData) => {
    const data = ignoreSchema.safeParse(rawData);
    if (!data.success) return refusal(deps.logger, ERRORS.STALE_DIGEST_BUTTON);
    if (!(await deps.roles.isCoordinator(context.activity))) return refusal(deps.logger, ERRORS.NOT_A_COORDINATOR);
    const tenantKey = tenantKeyOf(context.activity);
    const ignored = await deps.improvement.ignore(tenantKey, data.data.ids);
    return refreshed(tenantKey, data.data.week, ignored ? 'Genegeerd: deze vraag staat niet meer in het overzicht.' : 'Deze vraag was al gekoppeld of genegeerd.');
  });
}
