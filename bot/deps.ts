// What the handlers may use; built once at start (bot/runtime.ts) or by a test.
import type { KnowledgeBase } from '../knowledge/index';
import type { Plan } from '../plan/plan';
import type { PlanStore } from './storage/plan-store';
import type { AgendaService } from './agenda/agenda-service';
import type { Roles } from './roles';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Store } from './storage/store';
import type { ReferenceCache } from './reference-cache';
import type { GemeenteStore } from './storage/gemeente-store';
import type { ImprovementStore } from './storage/improvement-store';
import type { ExpertStore } from './storage/expert-store';
import type { TenantPolicy } from './tenants';

export interface BotDeps {
  config: Config;
  kb: KnowledgeBase;
  store: Store;
  plan: Plan;
  planStore: PlanStore;
  /** The werkgroep's meetings and agenda items. */
  agenda: AgendaService;
  /** Who may do what: coordinators, beheerders, milestone status. */
  roles: Roles;
  clock: Clock;
  logger: Logger;
  /** Conversation references written recently (bounded; see reference-cache.ts). */
  references: ReferenceCache;
  /** Gemeente beheerders and the meldpunten they set in Teams. */
  gemeenten: GemeenteStore;
  /** Question counts, unanswered questions' follow-up, digest subscriptions, retention. */
  improvement: ImprovementStore;
  /** The experts' channel per tenant and the questions asked there (Vraag een collega). */
  experts: ExpertStore;
  /** Which tenants Meldwijzer serves (ALLOWED_TENANTS, or the first install's). */
  tenants: TenantPolicy;
}
