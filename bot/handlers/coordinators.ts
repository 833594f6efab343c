// coordinator toevoegen @naam / coordinator verwijderen @naam (Teams mention), by a coordinator.
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { COORDINATOR_PATTERN } from '../commands';
import type { BotDeps } from '../deps';
import { ERRORS, refuse } from '../errors';
import { mentionedPeople } from '../mentions';
import { actorOf, requireWerkgroepChannel } from '../werkgroep-channel';

const USAGE = 'Gebruik: coordinator toevoegen @naam of coordinator verwijderen @naam (noem de persoon met @).';

export function registerCoordinators(app: Application, deps: BotDeps): void {
  app.message(COORDINATOR_PATTERN, async (context: TurnContext) => {
    if (!(await requireWerkgroepChannel(context, deps.logger))) return;
    if (!(await deps.roles.isCoordinator(context.activity))) return refuse(context, deps.logger, ERRORS.NOT_A_COORDINATOR);
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
    // Coordinators added here are coordinators of this tenant only.
    const lines: string[] = [];
    for (const person of people) {
      if (action === 'toevoegen') {
        const outcome = await deps.roles.appointCoordinator(context.activity, person, actor);
        lines.push(outcome === 'appointed' ? `${person.name} is nu coördinator.` : `${person.name} was al coördinator.`);
      } else {
        const outcome = await deps.roles.dismissCoordinator(context.activity, person, actor);
        lines.push(
          outcome === 'configured'
            ? `${person.name} staat als coördinator in de configuratie (COORDINATORS); dat past de beheerder aan.`
            : outcome === 'dismissed'
              ? `${person.name} is geen coördinator meer.`
              : `${person.name} was geen coördinator.`,
        );
      }
    }
    await context.sendActivity(lines.join(' '));
  });
}
