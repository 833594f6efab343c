// coordinator toevoegen @naam / coordinator verwijderen @naam (Teams mention), by a coordinator.
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { COORDINATOR_PATTERN } from '../commands';
import type { BotDeps } from '../deps';
import { werkgroepKeyOf } from '../identity';
import { mentionedPeople } from '../mentions';
import { tenantKeyOf } from '../tenants';
import { NOT_A_COORDINATOR } from '../roles';
import { actorOf, requireWerkgroepChannel } from '../werkgroep/channel-only';

const USAGE = 'Gebruik: coordinator toevoegen @naam of coordinator verwijderen @naam (noem de persoon met @).';

export function registerCoordinators(app: Application, deps: BotDeps): void {
  app.message(COORDINATOR_PATTERN, async (context: TurnContext) => {
    if (!(await requireWerkgroepChannel(context))) return;
    if (!(await deps.werkgroep.isCoordinator(context.activity))) {
      await context.sendActivity(NOT_A_COORDINATOR);
      return;
    }
    const action = COORDINATOR_PATTERN.exec(context.activity.text ?? '')?.groups?.action?.toLowerCase();
    if (action !== 'toevoegen' && action !== 'verwijderen') {
      await context.sendActivity(USAGE);
      return;
    }
    const people = await mentionedPeople(context, deps.logger);
    if (people.length === 0) {
      await context.sendActivity(`Noem de persoon met @, bijvoorbeeld: coordinator ${action} @Naam.`);
      return;
    }
    const actor = actorOf(context);
    const werkgroepKey = werkgroepKeyOf(context.activity);
    // Coordinators added here are coordinators of this tenant only.
    const tenantKey = tenantKeyOf(context.activity);
    const lines: string[] = [];
    for (const person of people) {
      if (action === 'toevoegen') {
        const added = await deps.werkgroep.store.addCoordinator(tenantKey, person.userId, person.name, actor);
        if (added) await deps.werkgroep.store.recordAudit(werkgroepKey, actor, `coördinator toegevoegd: ${person.name}`);
        lines.push(added ? `${person.name} is nu coördinator.` : `${person.name} was al coördinator.`);
      } else if (deps.werkgroep.isConfiguredCoordinator(person.userId)) {
        lines.push(`${person.name} staat als coördinator in de configuratie (COORDINATORS); dat past de beheerder aan.`);
      } else {
        const removed = await deps.werkgroep.store.removeCoordinator(tenantKey, person.userId);
        if (removed) await deps.werkgroep.store.recordAudit(werkgroepKey, actor, `coördinator verwijderd: ${person.name}`);
        lines.push(removed ? `${person.name} is geen coördinator meer.` : `${person.name} was geen coördinator.`);
      }
    }
    await context.sendActivity(lines.join(' '));
  });
}
