// The message extension's search command (zoek): look up a route from the compose box and
// insert its card into any chat.
import type { Application } from '@microsoft/teams-ai';
import { CardFactory, type MessagingExtensionAttachment } from 'botbuilder';
import { askerGemeente, itemCard, storedMeldpunten, todayOf } from '../answer-question';
import { SEARCH_COMMAND_ID } from '../commands';
import type { BotDeps } from '../deps';
import { maskPersonalData } from '../../knowledge/privacy';
import { userIdOf } from '../identity';

const MAX_RESULTS = 8;
// Shown before the user has typed anything.
const STARTER_IDS = ['meldroutes/acuut-gevaar', 'meldroutes/huiselijk-geweld', 'meldroutes/verward-gedrag', 'agressieprotocol/balie', 'huurachterstanden/vroegsignalering'];

export function registerSearchExtension(app: Application, deps: BotDeps): void {
  app.messageExtensions.query(SEARCH_COMMAND_ID, async (context, _state, query) => {
    const raw = String(query.parameters?.vraag ?? Object.values(query.parameters ?? {})[0] ?? '').slice(0, 500);
    const text = maskPersonalData(raw).searchable.trim();
    const gemeente = await askerGemeente(deps, userIdOf(context.activity.from));
    const answer = text === '' ? null : deps.kb.findRoute(text, { gemeente });
    const ids = answer ? (answer.results.length > 0 ? answer.results : answer.closest).map((r) => r.item.id) : STARTER_IDS;

    const stored = await storedMeldpunten(deps, gemeente);
    const attachments: MessagingExtensionAttachment[] = ids.slice(0, MAX_RESULTS).map((id, i) => {
      const item = deps.kb.item(id)!;
      // The first card opens the way the answer would: the acute block, or the alert line.
      const card = itemCard(deps.kb, id, gemeente, todayOf(deps.clock), { urgency: i === 0 ? (answer?.urgency ?? null) : null, alert: i === 0 ? (answer?.alertKind ?? null) : null, stored })!;
      return {
        ...CardFactory.adaptiveCard(card),
        preview: CardFactory.heroCard(item.title, item.summary),
      };
    });
    return { type: 'result', attachmentLayout: 'list', attachments };
  });
}
