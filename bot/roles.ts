// Who may change things: coordinators, configured by AAD object id (COORDINATORS).
import type { BotDeps } from './deps';

export function isCoordinator(deps: Pick<BotDeps, 'config'>, userId: string): boolean {
  return deps.config.COORDINATORS.includes(userId);
}

export const NOT_A_COORDINATOR = 'Dit kan alleen een coördinator van de werkgroep Zorg & Veiligheid. Vraag een coördinator om het te doen.';
