// Who may do what, in one place. Coordinators: Werkgroep.isCoordinator (the configured COORDINATORS
// plus those added in chat). Milestone status: mayChangeMilestoneStatus. A gemeente's meldpunten:
// mayEditGemeente (its beheerders, per gemeente, and the coordinators). Every role is per tenant, and
// the tenant is always the activity's (tenantKeyOf), never a value from card data.
import type { Activity } from 'botbuilder';
import type { BotDeps } from './deps';
import { userIdOf, werkgroepKeyOf } from './identity';
import { tenantKeyOf } from './tenants';

export const NOT_A_COORDINATOR = 'Dit kan alleen een coördinator van de werkgroep Zorg & Veiligheid. Vraag een coördinator om het te doen.';

export const MILESTONE_STATUS_REFUSED =
  'Mijlpalen bijwerken kan in het kanaal of de groepschat van de werkgroep Zorg & Veiligheid (waar de herinneringen of overleggen staan), of door een coördinator.';

/**
 * A milestone's status is the werkgroep's shared record: coordinators may change it anywhere;
 * werkgroep members in the werkgroep's own channel or group chat — one where the werkgroep keeps
 * its quarterly reminders or meetings — but not from a personal chat or an unrelated channel.
 */
export async function mayChangeMilestoneStatus(deps: Pick<BotDeps, 'werkgroep' | 'planStore'>, activity: Partial<Activity>): Promise<boolean> {
  if (await deps.werkgroep.isCoordinator(activity)) return true;
  const type = activity.conversation?.conversationType;
  if (type !== 'channel' && type !== 'groupChat') return false;
  const key = werkgroepKeyOf(activity);
  if (await deps.planStore.subscription(key)) return true;
  return (await deps.werkgroep.store.meetings(key)).length > 0;
}

/** Who may change a gemeente's meldpunten: its beheerders in the activity's tenant and that tenant's coordinators. */
export async function mayEditGemeente(deps: Pick<BotDeps, 'werkgroep' | 'gemeenten'>, activity: Partial<Activity>, gemeente: string): Promise<boolean> {
  const from = activity.from;
  if (!from) return false;
  if (await deps.werkgroep.isCoordinator(activity)) return true;
  return deps.gemeenten.isBeheerder(tenantKeyOf(activity), gemeente, [...new Set([userIdOf(from), from.id])]);
}

/** The refusal when someone else tries, naming who can (the beheerders of the asker's tenant). */
export async function notABeheerder(deps: Pick<BotDeps, 'gemeenten'>, activity: Partial<Activity>, gemeente: string): Promise<string> {
  const names = (await deps.gemeenten.beheerders(tenantKeyOf(activity), gemeente)).map((b) => b.name).filter(Boolean);
  const who = names.length > 0 ? `de beheerders van ${gemeente} (${names.join(', ')})` : `een beheerder van ${gemeente} (nog niet aangewezen)`;
  return `Alleen ${who} en de coördinatoren kunnen de meldpunten van ${gemeente} wijzigen. Een coördinator wijst beheerders aan met: beheerder toevoegen ${gemeente} @naam.`;
}
