// coordinator toevoegen @naam / coordinator verwijderen @naam (Teams mention), by a coordinator.
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { COORDINATOR_PATTERN } from '../commands';
import type { BotDeps } from '../deps';
import { NOT_A_COORDINATOR } from '../roles';
import { actorOf, requireWerkgroepChannel } from '../werkgroep/channel-only';

export function registerCoordinators(app: Application, deps: BotDeps): void {
  app.message(COORDINATOR_PATTERN, async (context: TurnContext) => {
    if (!(await requireWerkgroepChannel(context))) return;
    if (!(await deps.werkgroep.isCoordinator(context.activity.from))) {
      await context.sendActivity(NOT_A_COORDINATOR);
      return;
    }
    const action = COORDINATOR_PATTERN.exec(context.activity.text ?? '')!.groups!.action!.toLowerCase();
    const mentioned = (context.activity.entities ?? [])
      .filter((e) => e.type === 'mention')
      .map((e) => (e as { mentioned?: { id: string; name?: string } }).mentioned)
      .filter((m): m is { id: string; name?: string } => !!m && m.id !== context.activity.recipient?.id);
    if (mentioned.length === 0) {
      await context.sendActivity(`Noem de persoon met @, bijvoorbeeld: coordinator ${action} @Naam.`);
      return;
    }
    const actor = actorOf(context);
    const lines: string[] = [];
    for (const person of mentioned) {
      const name = person.name ?? person.id;
      if (action === 'toevoegen') {
        const added = await deps.werkgroep.store.addCoordinator(person.id, person.name ?? null, actor);
        if (added) await deps.werkgroep.store.recordAudit(context.activity.conversation.id, actor, `coördinator toegevoegd: ${name}`);
        lines.push(added ? `${name} is nu coördinator.` : `${name} was al coördinator.`);
      } else if (deps.werkgroep.isConfiguredCoordinator(person.id)) {
        lines.push(`${name} staat als coördinator in de configuratie (COORDINATORS); dat past de beheerder aan.`);
      } else {
        const removed = await deps.werkgroep.store.removeCoordinator(person.id);
        if (removed) await deps.werkgroep.store.recordAudit(context.activity.conversation.id, actor, `coördinator verwijderd: ${name}`);
        lines.push(removed ? `${name} is geen coördinator meer.` : `${name} was geen coördinator.`);
      }
    }
    await context.sendActivity(lines.join(' '));
  });
}
