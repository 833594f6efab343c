// The people a message mentions (@naam), with the one id Meldwijzer knows them by. A mention carries
// only the Teams id (29:…): the AAD object id is looked up with Teams, so a person has the same id here
// as in COORDINATORS, settings and the audit trail.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from './logger';

export interface MentionedPerson {
  /** AAD object id, or the Teams id when Teams does not give one. */
  userId: string;
  name: string;
}

/** The people mentioned in the message, not the bot itself, each once. */
export async function mentionedPeople(context: TurnContext, logger: Logger): Promise<MentionedPerson[]> {
  const mentions = (context.activity.entities ?? [])
    .filter((e) => e.type === 'mention')
    .map((e) => (e as { mentioned?: { id?: unknown; name?: unknown } }).mentioned)
    .filter((m): m is { id: string; name?: string } => typeof m?.id === 'string' && m.id !== '' && m.id !== context.activity.recipient?.id);
  const unique = [...new Map(mentions.map((m) => [m.id, m])).values()];
  return Promise.all(
    unique.map(async (m) => {
      const fallbackName = typeof m.name === 'string' ? m.name : m.id;
      try {
        const member = await TeamsInfo.getMember(context, m.id);
        return { userId: member.aadObjectId || m.id, name: member.name || fallbackName };
      } catch (error) {
        logger.warn({ event: 'member-lookup-failed', status: (error as { statusCode?: number }).statusCode }, 'mentioned member not found; using the Teams id');
        return { userId: m.id, name: fallbackName };
      }
    }),
  );
}
