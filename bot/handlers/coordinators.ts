// coordinator toevoegen @naam / coordinator verwijderen @naam (Teams mention), by a coordinator.
// A mention carries only the Teams id (29:…): the AAD object id is looked up with Teams, so a person
// has the same id here as in COORDINATORS, settings and the audit trail.
import type { Application } from '@microsoft/teams-ai';
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { COORDINATOR_PATTERN } from '../commands';
import type { BotDeps } from '../deps';
import { werkgroepKeyOf } from '../identity';
import { NOT_A_COORDINATOR } from '../roles';
import { actorOf, requireWerkgroepChannel } from '../werkgroep/channel-only';

const USAGE = 'Gebruik: coordinator toevoegen @naam of coordinator verwijderen @naam (noem de persoon met @).';

interface Mentioned {
  /** The person's one id: AAD object id, or the Teams id when Teams does not give one. */
  userId: string;
  name: string;
}

/** The people mentioned in the message (not the bot), with their AAD object id where Teams knows it. */
async function mentionedPeople(context: TurnContext, deps: BotDeps): Promise<Mentioned[]> {
  const mentions = (context.activity.entities ?? [])
    .filter((e) => e.type === 'mention')
    .map((e) => (e as { mentioned?: { id?: unknown; name?: unknown } }).mentioned)
    .filter((m): m is { id: string; name?: string } => typeof m?.id === 'string' && m.id !== '' && m.id !== context.activity.recipient?.id);
  const unique = [...new Map(mentions.map((m) => [m.id, m])).values()];
  return Promise.all(
    unique.map(async (m) => {
      try {
        const member = await TeamsInfo.getMember(context, m.id);
        return { userId: member.aadObjectId || m.id, name: member.name || (typeof m.name === 'string' ? m.name : m.id) };
      } catch (error) {
        deps.logger.warn({ event: 'member-lookup-failed', status: (error as { statusCode?: number }).statusCode }, 'mentioned member not found; using the Teams id');
        return { userId: m.id, name: typeof m.name === 'string' ? m.name : m.id };
      }
    }),
  );
}

export function registerCoordinators(app: Application, deps: BotDeps): void {
  app.message(COORDINATOR_PATTERN, async (context: TurnContext) => {
    if (!(await requireWerkgroepChannel(context))) return;
    if (!(await deps.werkgroep.isCoordinator(context.activity.from))) {
      await context.sendActivity(NOT_A_COORDINATOR);
      return;
    }
    const action = COORDINATOR_PATTERN.exec(context.activity.text ?? '')?.groups?.action?.toLowerCase();
    if (action !== 'toevoegen' && action !== 'verwijderen') {
      await context.sendActivity(USAGE);
      return;
    }
    const people = await mentionedPeople(context, deps);
    if (people.length === 0) {
      await context.sendActivity(`Noem de persoon met @, bijvoorbeeld: coordinator ${action} @Naam.`);
      return;
    }
    const actor = actorOf(context);
    const werkgroepKey = werkgroepKeyOf(context.activity);
    const lines: string[] = [];
    for (const person of people) {
      if (action === 'toevoegen') {
        const added = await deps.werkgroep.store.addCoordinator(person.userId, person.name, actor);
        if (added) await deps.werkgroep.store.recordAudit(werkgroepKey, actor, `coördinator toegevoegd: ${person.name}`);
        lines.push(added ? `${person.name} is nu coördinator.` : `${person.name} was al coördinator.`);
      } else if (deps.werkgroep.isConfiguredCoordinator(person.userId)) {
        lines.push(`${person.name} staat als coördinator in de configuratie (COORDINATORS); dat past de beheerder aan.`);
      } else {
        const removed = await deps.werkgroep.store.removeCoordinator(person.userId);
        if (removed) await deps.werkgroep.store.recordAudit(werkgroepKey, actor, `coördinator verwijderd: ${person.name}`);
        lines.push(removed ? `${person.name} is geen coördinator meer.` : `${person.name} was geen coördinator.`);
      }
    }
    await context.sendActivity(lines.join(' '));
  });
}
