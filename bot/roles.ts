// Who may do what, in one place; handlers ask here and nowhere else. Coordinators: the configured
// COORDINATORS plus those added in chat. Milestone status: coordinators, and members in the werkgroep's
// own channel or group chat. A gemeente's meldpunten: its beheerders and the coordinators. Every role
// is per tenant, and the tenant is always the activity's (tenantKeyOf), never a value from card data.
import type { Activity } from 'botbuilder';
import type { Config } from './config';
import { errorWith, type CodedError } from './errors';
import { userIdOf, werkgroepKeyOf } from './identity';
import type { CoordinatorStore } from './storage/coordinator-store';
import type { GemeenteStore } from './storage/gemeente-store';
import type { PlanStore } from './storage/plan-store';
import { tenantKeyOf, type TenantPolicy } from './tenants';
import type { Actor, AgendaStore } from './agenda/agenda-store';

type Speaker = Pick<Partial<Activity>, 'from' | 'conversation' | 'channelData'>;

export interface RolesDeps {
  config: Pick<Config, 'COORDINATORS'>;
  coordinators: CoordinatorStore;
  tenants: Pick<TenantPolicy, 'isAllowed'>;
  gemeenten: Pick<GemeenteStore, 'isBeheerder' | 'beheerders'>;
  planStore: Pick<PlanStore, 'subscription'>;
  /** The werkgroep's meetings (a place with meetings is the werkgroep's) and its audit trail. */
  agendaStore: Pick<AgendaStore, 'meetings' | 'recordAudit'>;
}

export class Roles {
  /** The coordinators added in chat (the `coordinator toevoegen` command keeps them here). */
  readonly coordinators: CoordinatorStore;

  constructor(private readonly deps: RolesDeps) {
    this.coordinators = deps.coordinators;
  }

  /**
   * Coordinators of the tenant the activity comes from: the configured ids (COORDINATORS, AAD object
   * ids; they count in the allowed tenants) plus those added in chat in that tenant. A person is known
   * by the AAD object id; by the Teams id only where no AAD id could be found for them.
   */
  async isCoordinator(activity: Speaker): Promise<boolean> {
    const from = activity.from;
    if (!from) return false;
    const tenantKey = tenantKeyOf(activity);
    if (!(await this.deps.tenants.isAllowed(tenantKey))) return false;
    const ids = [userIdOf(from), from.id];
    if (ids.some((id) => this.isConfiguredCoordinator(id))) return true;
    const added = await this.deps.coordinators.ids(tenantKey);
    return ids.some((id) => added.has(id));
  }

  /** Configured coordinators cannot be removed in chat (the beheerder changes COORDINATORS). */
  isConfiguredCoordinator(userId: string | undefined): boolean {
    return userId !== undefined && this.deps.config.COORDINATORS.includes(userId);
  }

  /** Appoints a coordinator in the activity's tenant (only there), recorded in the werkgroep's audit trail. */
  async appointCoordinator(activity: Speaker, person: { userId: string; name: string }, by: Actor): Promise<'appointed' | 'already'> {
    const added = await this.deps.coordinators.add(tenantKeyOf(activity), person.userId, person.name, by);
    if (!added) return 'already';
    await this.deps.agendaStore.recordAudit(werkgroepKeyOf(activity), by, `coördinator toegevoegd: ${person.name}`);
    return 'appointed';
  }

  /** Removes a coordinator added in chat; a configured one stays (the beheerder changes COORDINATORS). */
  async dismissCoordinator(activity: Speaker, person: { userId: string; name: string }, by: Actor): Promise<'dismissed' | 'not' | 'configured'> {
    if (this.isConfiguredCoordinator(person.userId)) return 'configured';
    const removed = await this.deps.coordinators.remove(tenantKeyOf(activity), person.userId);
    if (!removed) return 'not';
    await this.deps.agendaStore.recordAudit(werkgroepKeyOf(activity), by, `coördinator verwijderd: ${person.name}`);
    return 'dismissed';
  }

  /**
   * A milestone's status is the werkgroep's shared record: coordinators may change it anywhere;
   * werkgroep members in the werkgroep's own channel or group chat — one where the werkgroep keeps
   * its quarterly reminders or meetings — but not from a personal chat or an unrelated channel.
   */
  async mayChangeMilestoneStatus(activity: Speaker): Promise<boolean> {
    if (await this.isCoordinator(activity)) return true;
    const type = activity.conversation?.conversationType;
    if (type !== 'channel' && type !== 'groupChat') return false;
    const key = werkgroepKeyOf(activity);
    if (await this.deps.planStore.subscription(key)) return true;
    return (await this.deps.agendaStore.meetings(key)).length > 0;
  }

  /** Who may change a gemeente's meldpunten: its beheerders in the activity's tenant and that tenant's coordinators. */
  async mayEditGemeente(activity: Speaker, gemeente: string): Promise<boolean> {
    const from = activity.from;
    if (!from) return false;
    if (await this.isCoordinator(activity)) return true;
    return this.deps.gemeenten.isBeheerder(tenantKeyOf(activity), gemeente, [...new Set([userIdOf(from), from.id])]);
  }

  /** The refusal when someone else tries, naming who can (the beheerders of the asker's tenant). */
  async notABeheerder(activity: Speaker, gemeente: string): Promise<CodedError> {
    const names = (await this.deps.gemeenten.beheerders(tenantKeyOf(activity), gemeente)).map((b) => b.name).filter((n): n is string => Boolean(n));
    return errorWith.notABeheerder(gemeente, names);
  }
}
