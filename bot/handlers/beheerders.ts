// beheerder toevoegen <gemeente> @naam / beheerder verwijderen <gemeente> @naam, by a coordinator:
// a beheerder keeps the meldpunten of that one gemeente.
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { BEHEERDER_PATTERN } from '../commands';
import type { BotDeps } from '../deps';
import { mentionedPeople } from '../mentions';
import { ERRORS, refuse } from '../errors';
import { tenantKeyOf } from '../tenants';
import { actorOf } from '../werkgroep-channel';

const USAGE = 'Gebruik: beheerder toevoegen Baarn @naam of beheerder verwijderen Baarn @naam (noem de persoon met @).';

export function registerBeheerders(app: Application, deps: BotDeps): void {
  app.message(BEHEERDER_PATTERN, async (context: TurnContext) => {
    if (!(await deps.roles.isCoordinator(context.activity))) return refuse(context, deps.logger, ERRORS.NOT_A_COORDINATOR);
    const groups = BEHEERDER_PATTERN.exec(context.activity.text ?? '')?.groups ?? {};
    const action = groups.action?.toLowerCase();
    if (action !== 'toevoegen' && action !== 'verwijderen') return void (await context.sendActivity(USAGE));
    // The gemeente is the text before the first mention ("Baarn <at>Bob</at>" or "De Bilt @Bob").
    const named = (groups.rest ?? '').split(/<at>|@/)[0]!.trim();
    const gemeente = named ? deps.kb.findGemeente(named) : undefined;
    if (!gemeente) {
      await context.sendActivity(`Welke gemeente? Kies een van: ${deps.kb.gemeenten.map((g) => g.naam).join(', ')}. ${USAGE}`);
      return;
    }
    const people = await mentionedPeople(context, deps.logger);
    if (people.length === 0) return void (await context.sendActivity(`Noem de persoon met @, bijvoorbeeld: beheerder ${action} ${gemeente.naam} @Naam.`));
    const actor = actorOf(context);
    // Beheerders are appointed per tenant: each organisation its own.
    const tenantKey = tenantKeyOf(context.activity);
    const lines: string[] = [];
    for (const person of people) {
      if (action === 'toevoegen') {
        const added = await deps.gemeenten.addBeheerder(tenantKey, gemeente.naam, person.userId, person.name, actor);
        lines.push(added ? `${person.name} is nu beheerder van de meldpunten van ${gemeente.naam}.` : `${person.name} was al beheerder van ${gemeente.naam}.`);
      } else {
        const removed = await deps.gemeenten.removeBeheerder(tenantKey, gemeente.naam, person.userId);
        lines.push(removed ? `${person.name} is geen beheerder van ${gemeente.naam} meer.` : `${person.name} was geen beheerder van ${gemeente.naam}.`);
      }
    }
    deps.logger.info({ event: `beheerder-${action}`, gemeente: gemeente.naam, count: people.length }, 'beheerders changed');
    await context.sendActivity(lines.join(' '));
  });
}
