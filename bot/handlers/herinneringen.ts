// herinneringen aan [gemeente …] / herinneringen uit / herinneringen: quarterly reminders in a channel
// or group chat (kept per werkgroep: every thread of a channel shares them).
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { HERINNERINGEN_PATTERN } from '../commands';
import type { BotDeps } from '../deps';
import { ERRORS, refuse } from '../errors';
import { werkgroepKeyOf } from '../identity';
import { herePhrase } from '../werkgroep-channel';

const EXPLAIN =
  'Ik post aan het begin van elk kwartaal (eerste werkdag, 09:00) de mijlpalen van dat kwartaal met wat uit het vorige kwartaal nog openstaat, en twee weken voor het einde van het kwartaal wat nog open is.';

export function registerHerinneringen(app: Application, deps: BotDeps): void {
  app.message(HERINNERINGEN_PATTERN, async (context: TurnContext) => {
    const rest = (HERINNERINGEN_PATTERN.exec(context.activity.text ?? '')?.groups?.rest ?? '').trim();
    const conversationId = werkgroepKeyOf(context.activity);
    const here = herePhrase(context);
    if (context.activity.conversation.conversationType === 'personal' || !context.activity.conversation.conversationType) {
      return refuse(context, deps.logger, ERRORS.REMINDERS_CHANNEL_ONLY);
    }
    if (rest === '') {
      const current = await deps.planStore.subscription(conversationId);
      await context.sendActivity(
        current
          ? `Herinneringen staan aan in ${here} voor: ${current.gemeenten.join(', ')}. ${EXPLAIN} Uitzetten: herinneringen uit.`
          : `Herinneringen staan uit in ${here}. Aanzetten (coördinatoren): herinneringen aan Baarn (of meer gemeenten). ${EXPLAIN}`,
      );
      return;
    }
    if (!(await deps.roles.isCoordinator(context.activity))) return refuse(context, deps.logger, ERRORS.NOT_A_COORDINATOR);
    if (/^uit$/i.test(rest)) {
      const removed = await deps.planStore.unsubscribe(conversationId);
      await context.sendActivity(removed ? `Herinneringen staan nu uit in ${here}.` : `Herinneringen stonden al uit in ${here}.`);
      return;
    }
    const aan = /^aan(?:\s+(?<names>.*))?$/i.exec(rest);
    if (!aan) {
      await context.sendActivity('Gebruik: herinneringen aan [gemeente …], herinneringen uit, of herinneringen.');
      return;
    }
    const names = aan.groups?.names ?? '';
    // Match the plan's gemeente names in the text, so "De Bilt" (two words) and "Baarn, Eemnes" both work.
    const folded = names.toLowerCase();
    const gemeenten = names.trim() === '' ? [...deps.plan.gemeenten] : deps.plan.gemeenten.filter((g) => folded.includes(g.toLowerCase()));
    if (gemeenten.length === 0) {
      await context.sendActivity(`Die gemeente staat niet in het uitvoeringsplan. Kies uit: ${deps.plan.gemeenten.join(', ')}.`);
      return;
    }
    await deps.planStore.subscribe(conversationId, gemeenten, context.activity.from?.name ?? null);
    await context.sendActivity(`Herinneringen staan aan in ${here} voor: ${gemeenten.join(', ')}. ${EXPLAIN}`);
  });
}
