// Which organisation (Microsoft 365 tenant) a turn comes from, and whether Meldwijzer serves it. Every
// record that belongs to a werkgroep's world — coordinators, beheerders, the unanswered queue, counts,
// milestone status, the experts' channel — is kept per tenant key, and only allowed tenants get in:
// ALLOWED_TENANTS, or else the tenant of the first install (recorded in the database).
import type { Activity } from 'botbuilder';
import { isLocalMode, TENANT_ID_PATTERN, type Config } from './config';
import type { Logger } from './logger';
import type { TenantStore } from './storage/tenant-store';

/**
 * The tenant key of a turn without a tenant in local mode (tests, the Playground without one). Only
 * local mode has it: with Bot Framework authentication a turn without a tenant is refused.
 */
export const LOCAL_TENANT = 'lokaal';

export type TenantOfTurn =
  | { ok: true; tenantKey: string }
  /** unknown: not an allowed tenant; conflicting: conversation and channelData name different tenants; missing/invalid: none (with authentication) or not an id. */
  | { ok: false; reason: 'unknown' | 'conflicting' | 'missing' | 'invalid'; tenantId: string | null };

type TenantCarrier = Pick<Partial<Activity>, 'conversation' | 'channelData'>;

function namedTenants(activity: TenantCarrier): { fromConversation: unknown; fromChannelData: unknown } {
  return {
    fromConversation: activity.conversation?.tenantId,
    fromChannelData: (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id,
  };
}

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * The tenant an activity names: Teams puts it in conversation.tenantId and channelData.tenant.id. Both
 * present and different is refused (which one would be true?); neither present is the local tenant in
 * local mode and refused with authentication. The key is the tenant id in lower case (a GUID in any
 * case is the same tenant).
 */
export function tenantOfActivity(activity: TenantCarrier, options: { localMode: boolean }): TenantOfTurn {
  const { fromConversation, fromChannelData } = namedTenants(activity);
  const named = [fromConversation, fromChannelData].filter(present);
  if (named.length === 0) return options.localMode ? { ok: true, tenantKey: LOCAL_TENANT } : { ok: false, reason: 'missing', tenantId: null };
  if (named.some((id) => typeof id !== 'string' || !TENANT_ID_PATTERN.test(id))) return { ok: false, reason: 'invalid', tenantId: null };
  const [first, second] = named as string[];
  if (second !== undefined && first!.toLowerCase() !== second.toLowerCase()) return { ok: false, reason: 'conflicting', tenantId: first! };
  return { ok: true, tenantKey: first!.toLowerCase() };
}

/**
 * The tenant key of a turn that passed the tenant gate (bot/handlers/tenant-gate.ts), which every turn
 * does before any handler runs: the same answer tenantOfActivity gave there. Roles and stores take the
 * tenant from here — from the activity Teams authenticated, never from card data.
 */
export function tenantKeyOf(activity: TenantCarrier): string {
  const { fromConversation, fromChannelData } = namedTenants(activity);
  const named = [fromConversation, fromChannelData].find((id): id is string => typeof id === 'string' && id !== '');
  return named?.toLowerCase() ?? LOCAL_TENANT;
}

/** The tenant key of a stored conversation (references saved before tenant keys may have none). */
export const storedTenantKey = (tenantId: string | null | undefined): string => tenantId || LOCAL_TENANT;

/**
 * Who Meldwijzer serves: the tenants in ALLOWED_TENANTS, or — when that is not set — the tenant of the
 * first install, recorded in the database the first time a tenant talks to the bot. The recorded tenant
 * never changes afterwards (set ALLOWED_TENANTS to change it), so it is read once and kept in memory.
 * In local mode a turn without a tenant (LOCAL_TENANT) is always let in: only this computer can talk.
 */
export class TenantPolicy {
  private firstInstall: string | null = null;

  constructor(
    private readonly store: TenantStore,
    private readonly config: Pick<Config, 'ALLOWED_TENANTS' | 'MicrosoftAppId'>,
    private readonly logger: Logger,
  ) {}

  get localMode(): boolean {
    return isLocalMode(this.config);
  }

  /** The configured tenants, or null when the first install decides. */
  private get configured(): string[] | null {
    return this.config.ALLOWED_TENANTS.length > 0 ? this.config.ALLOWED_TENANTS : null;
  }

  /** The allowed tenants: configured, or the first install's; null while no tenant has installed yet. */
  async allowedTenants(): Promise<string[] | null> {
    if (this.configured) return this.configured;
    this.firstInstall ??= await this.store.firstTenant();
    return this.firstInstall ? [this.firstInstall] : null;
  }

  /** Lets a turn in or says why not. The first tenant to talk to the bot (ALLOWED_TENANTS unset) is recorded. */
  async admit(activity: TenantCarrier): Promise<TenantOfTurn> {
    const tenant = tenantOfActivity(activity, { localMode: this.localMode });
    if (!tenant.ok) return tenant;
    if (tenant.tenantKey === LOCAL_TENANT && this.localMode) return tenant;
    let allowed = await this.allowedTenants();
    if (!allowed) {
      const recorded = await this.store.recordFirstTenant(tenant.tenantKey);
      this.firstInstall = recorded;
      if (recorded === tenant.tenantKey) {
        this.logger.info({ event: 'first-tenant', tenant: recorded }, `Eerste installatie: Meldwijzer bedient voortaan alleen tenant ${recorded} (ALLOWED_TENANTS zet dit anders vast)`);
      }
      allowed = [recorded];
    }
    return includesTenant(allowed, tenant.tenantKey) ? tenant : { ok: false, reason: 'unknown', tenantId: tenant.tenantKey };
  }

  /** Whether this tenant key is allowed now (nothing is recorded). */
  async isAllowed(tenantKey: string): Promise<boolean> {
    if (tenantKey === LOCAL_TENANT) return this.localMode;
    const allowed = await this.allowedTenants();
    return allowed !== null && includesTenant(allowed, tenantKey);
  }

  /**
   * Whether proactive messages (reminders, the digest) may go to a conversation of this tenant: not to
   * a tenant that is no longer allowed. Before the first install has decided, nothing is held back.
   */
  async mayReceive(tenantKey: string): Promise<boolean> {
    if (tenantKey === LOCAL_TENANT) return this.localMode;
    const allowed = await this.allowedTenants();
    return allowed === null || includesTenant(allowed, tenantKey);
  }

  /** The start log's line: which tenants are served, or that the first install will decide. */
  async startLine(): Promise<{ allowed: string[] | null; message: string }> {
    const allowed = await this.allowedTenants();
    if (!allowed) {
      return { allowed, message: 'Nog geen tenant vastgelegd: de eerste organisatie die Meldwijzer installeert of aanspreekt wordt de enige toegestane (ALLOWED_TENANTS legt ze vast)' };
    }
    const source = this.configured ? 'ALLOWED_TENANTS' : 'eerste installatie';
    return { allowed, message: `Toegestane ${allowed.length === 1 ? 'tenant' : 'tenants'} (${source}): ${allowed.join(', ')}` };
  }
}

// Tenant ids are GUIDs: the same in any case.
const includesTenant = (allowed: string[], tenantKey: string) => allowed.some((id) => id.toLowerCase() === tenantKey.toLowerCase());
