// bot/roles.ts: who may do what, per tenant, decided from what the server knows — never from card data.
// The stores are replaced by small in-memory ones; the rules are the unit under test.
import { describe, expect, it } from 'vitest';
import { Roles, type RolesDeps } from '../../bot/roles';
import type { Actor } from '../../bot/agenda/agenda-store';
import type { CoordinatorStore } from '../../bot/storage/coordinator-store';

const TENANT_A = 'tenant-a';
const TENANT_B = 'tenant-b';
const CONFIGURED = 'aad-configured';

interface World {
  roles: Roles;
  audit: Array<{ conversationId: string; action: string }>;
  added: Map<string, Set<string>>;
}

function world(options: { allowed?: string[]; subscriptions?: string[]; meetingsIn?: string[]; beheerders?: Array<{ tenant: string; gemeente: string; userId: string; name: string | null }> } = {}): World {
  const allowed = new Set(options.allowed ?? [TENANT_A, TENANT_B]);
  const added = new Map<string, Set<string>>();
  const audit: World['audit'] = [];
  const coordinators = {
    async ids(tenantKey: string) {
      return new Set(added.get(tenantKey) ?? []);
    },
    async add(tenantKey: string, userId: string) {
      const ids = added.get(tenantKey) ?? new Set<string>();
      added.set(tenantKey, ids);
      if (ids.has(userId)) return false;
      ids.add(userId);
      return true;
    },
    async remove(tenantKey: string, userId: string) {
      return added.get(tenantKey)?.delete(userId) ?? false;
    },
    async names() {
      return [];
    },
  } as unknown as CoordinatorStore;
  const beheerders = options.beheerders ?? [];
  const deps: RolesDeps = {
    config: { COORDINATORS: [CONFIGURED] },
    coordinators,
    tenants: { isAllowed: async (tenantKey: string) => allowed.has(tenantKey) },
    gemeenten: {
      isBeheerder: async (tenantKey: string, gemeente: string, userIds: string[]) =>
        beheerders.some((b) => b.tenant === tenantKey && b.gemeente === gemeente && userIds.includes(b.userId)),
      beheerders: async (tenantKey: string, gemeente: string) => beheerders.filter((b) => b.tenant === tenantKey && b.gemeente === gemeente).map((b) => ({ name: b.name })),
    },
    planStore: { subscription: async (key: string) => ((options.subscriptions ?? []).includes(key) ? ({} as never) : null) },
    agendaStore: {
      meetings: async (key?: string) => ((options.meetingsIn ?? []).includes(key ?? '') ? [{} as never] : []),
      recordAudit: async (conversationId: string, _by: Actor, action: string) => {
        audit.push({ conversationId, action });
      },
    },
  };
  return { roles: new Roles(deps), audit, added };
}

function speaker(
  tenant: string,
  from: { id?: string; aadObjectId?: string } | undefined,
  conversation: { id: string; conversationType: string } = { id: 'a:personal', conversationType: 'personal' },
  channelId?: string,
) {
  return {
    from: from as never,
    conversation: { ...conversation, tenantId: tenant } as never,
    channelData: { tenant: { id: tenant }, ...(channelId ? { channel: { id: channelId } } : {}) },
  };
}

const by: Actor = { id: 'aad-lead', name: 'Coördinator' };

describe('Roles: coordinators', () => {
  it('counts a configured coordinator in every allowed tenant and in no other', async () => {
    const { roles } = world({ allowed: [TENANT_A] });
    expect(await roles.isCoordinator(speaker(TENANT_A, { id: '29:x', aadObjectId: CONFIGURED }))).toBe(true);
    expect(await roles.isCoordinator(speaker(TENANT_B, { id: '29:x', aadObjectId: CONFIGURED }))).toBe(false);
  });

  it('counts a coordinator added in chat only in the tenant that added them', async () => {
    const { roles } = world();
    expect(await roles.appointCoordinator(speaker(TENANT_A, { aadObjectId: 'aad-lead' }), { userId: 'aad-new', name: 'Nieuwe' }, by)).toBe('appointed');
    expect(await roles.isCoordinator(speaker(TENANT_A, { id: '29:n', aadObjectId: 'aad-new' }))).toBe(true);
    expect(await roles.isCoordinator(speaker(TENANT_B, { id: '29:n', aadObjectId: 'aad-new' }))).toBe(false);
  });

  it('knows a person by the Teams id when no AAD id came with the turn', async () => {
    const { roles } = world();
    await roles.appointCoordinator(speaker(TENANT_A, { aadObjectId: 'aad-lead' }), { userId: '29:only-teams', name: 'Zonder AAD' }, by);
    expect(await roles.isCoordinator(speaker(TENANT_A, { id: '29:only-teams' }))).toBe(true);
    expect(await roles.isCoordinator(speaker(TENANT_A, undefined))).toBe(false);
  });

  it('records an appointment once in the werkgroep audit trail, and a second one not at all', async () => {
    const { roles, audit } = world();
    const inChannel = speaker(TENANT_A, { aadObjectId: 'aad-lead' }, { id: '19:werkgroep@thread.tacv2;messageid=17', conversationType: 'channel' });
    expect(await roles.appointCoordinator(inChannel, { userId: 'aad-new', name: 'Nieuwe' }, by)).toBe('appointed');
    expect(await roles.appointCoordinator(inChannel, { userId: 'aad-new', name: 'Nieuwe' }, by)).toBe('already');
    // The thread part is not the werkgroep: the audit line goes to the channel.
    expect(audit).toEqual([{ conversationId: '19:werkgroep@thread.tacv2', action: 'coördinator toegevoegd: Nieuwe' }]);
  });

  it('never removes a configured coordinator in chat, and says so', async () => {
    const { roles, audit } = world();
    const asLead = speaker(TENANT_A, { aadObjectId: 'aad-lead' });
    expect(await roles.dismissCoordinator(asLead, { userId: CONFIGURED, name: 'Vast' }, by)).toBe('configured');
    expect(await roles.isCoordinator(speaker(TENANT_A, { aadObjectId: CONFIGURED }))).toBe(true);
    expect(await roles.dismissCoordinator(asLead, { userId: 'aad-unknown', name: 'Onbekend' }, by)).toBe('not');
    expect(audit).toEqual([]);
  });

  it('removes a coordinator added in chat from that tenant only, with an audit line', async () => {
    const { roles, audit } = world();
    await roles.appointCoordinator(speaker(TENANT_A, { aadObjectId: 'aad-lead' }), { userId: 'aad-new', name: 'Nieuwe' }, by);
    await roles.appointCoordinator(speaker(TENANT_B, { aadObjectId: 'aad-lead' }), { userId: 'aad-new', name: 'Nieuwe' }, by);
    expect(await roles.dismissCoordinator(speaker(TENANT_A, { aadObjectId: 'aad-lead' }), { userId: 'aad-new', name: 'Nieuwe' }, by)).toBe('dismissed');
    expect(await roles.isCoordinator(speaker(TENANT_A, { aadObjectId: 'aad-new' }))).toBe(false);
    expect(await roles.isCoordinator(speaker(TENANT_B, { aadObjectId: 'aad-new' }))).toBe(true);
    expect(audit.map((a) => a.action)).toEqual(['coördinator toegevoegd: Nieuwe', 'coördinator toegevoegd: Nieuwe', 'coördinator verwijderd: Nieuwe']);
  });
});

describe('Roles: milestone status', () => {
  const member = { id: '29:member', aadObjectId: 'aad-member' };

  it('lets a coordinator change it anywhere, a personal chat included', async () => {
    const { roles } = world();
    expect(await roles.mayChangeMilestoneStatus(speaker(TENANT_A, { aadObjectId: CONFIGURED }))).toBe(true);
  });

  it("lets a member change it only in the werkgroep's own channel or group chat", async () => {
    const { roles } = world({ subscriptions: ['19:werkgroep@thread.tacv2'], meetingsIn: ['19:overleg@thread.v2'] });
    // A channel thread of the werkgroep's channel (reminders there).
    expect(await roles.mayChangeMilestoneStatus(speaker(TENANT_A, member, { id: '19:werkgroep@thread.tacv2;messageid=99', conversationType: 'channel' }))).toBe(true);
    // A group chat where the werkgroep keeps its meetings.
    expect(await roles.mayChangeMilestoneStatus(speaker(TENANT_A, member, { id: '19:overleg@thread.v2', conversationType: 'groupChat' }))).toBe(true);
    // An unrelated channel, and a personal chat.
    expect(await roles.mayChangeMilestoneStatus(speaker(TENANT_A, member, { id: '19:kantine@thread.tacv2', conversationType: 'channel' }))).toBe(false);
    expect(await roles.mayChangeMilestoneStatus(speaker(TENANT_A, member))).toBe(false);
  });

  it('does not take a personal chat for the werkgroep even when its id has reminders', async () => {
    const { roles } = world({ subscriptions: ['a:personal'] });
    expect(await roles.mayChangeMilestoneStatus(speaker(TENANT_A, member))).toBe(false);
  });
});

describe('Roles: a gemeente’s meldpunten', () => {
  const beheerders = [
    { tenant: TENANT_A, gemeente: 'Baarn', userId: 'aad-beheer', name: 'Beheerder Baarn' },
    { tenant: TENANT_A, gemeente: 'Baarn', userId: 'aad-zonder-naam', name: null },
  ];

  it("lets the gemeente's beheerders edit in their own tenant only", async () => {
    const { roles } = world({ beheerders });
    expect(await roles.mayEditGemeente(speaker(TENANT_A, { aadObjectId: 'aad-beheer' }), 'Baarn')).toBe(true);
    expect(await roles.mayEditGemeente(speaker(TENANT_B, { aadObjectId: 'aad-beheer' }), 'Baarn')).toBe(false);
    expect(await roles.mayEditGemeente(speaker(TENANT_A, { aadObjectId: 'aad-beheer' }), 'Eemnes')).toBe(false);
  });

  it('lets coordinators edit every gemeente, and nobody without a sender', async () => {
    const { roles } = world({ beheerders });
    expect(await roles.mayEditGemeente(speaker(TENANT_A, { aadObjectId: CONFIGURED }), 'Eemnes')).toBe(true);
    expect(await roles.mayEditGemeente(speaker(TENANT_A, undefined), 'Baarn')).toBe(false);
  });

  it('names the beheerders with a name when it refuses someone else, with a code', async () => {
    const { roles } = world({ beheerders });
    const refusal = await roles.notABeheerder(speaker(TENANT_A, { aadObjectId: 'aad-other' }), 'Baarn');
    expect(refusal.code).toBe('NOT_A_BEHEERDER');
    expect(refusal.text).toContain('de beheerders van Baarn (Beheerder Baarn)');
    const elsewhere = await roles.notABeheerder(speaker(TENANT_B, { aadObjectId: 'aad-other' }), 'Baarn');
    expect(elsewhere.text).toContain('een beheerder van Baarn (nog niet aangewezen)');
  });
});
