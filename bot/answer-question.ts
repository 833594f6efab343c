// From a question to the card that answers it: mask personal data, find the route for the user's
// gemeente, and queue what we could not answer for the coordinators.
import { routeCard, type ItemLink } from '../cards/route-card';
import { noAnswerCard } from '../cards/other-cards';
import type { AdaptiveCard } from '../cards/render';
import { FALLBACK_ROUTE_IDS, type KnowledgeBase, type KnowledgeItem } from '../knowledge/index';
import { maskPersonalData } from '../knowledge/privacy';
import type { BotDeps } from './deps';

export interface QuestionOutcome {
  card: AdaptiveCard;
  itemId: string | null;
  urgent: boolean;
  personalDataFound: boolean;
}

const toLink = (item: KnowledgeItem): ItemLink => ({ itemId: item.id, title: item.title });

export async function answerQuestion(deps: Pick<BotDeps, 'kb' | 'store'>, question: string, gemeente: string | null): Promise<QuestionOutcome> {
  const { masked, searchable, found } = maskPersonalData(question);
  const personalDataFound = found.length > 0;
  const answer = deps.kb.findRoute(searchable, { gemeente });
  const best = answer.results[0];

  if (!best) {
    await deps.store.addUnanswered(masked, answer.closest.map((c) => c.item.id), gemeente);
    return {
      card: noAnswerCard({
        privacyNotice: personalDataFound,
        closest: answer.closest.map((c) => toLink(c.item)),
        fallbackContacts: fallbackContacts(deps.kb),
      }),
      itemId: null,
      urgent: false,
      personalDataFound,
    };
  }

  return {
    card: routeCard({
      item: deps.kb.localize(best.item, gemeente),
      urgency: answer.urgency,
      privacyNotice: personalDataFound,
      alternatives: answer.results.slice(1, 4).map((r) => toLink(r.item)),
    }),
    itemId: best.item.id,
    urgent: answer.urgent,
    personalDataFound,
  };
}

/** The card for one item, as shown when a user picks "Bedoelde je …?" or refreshes after feedback. */
export function itemCard(
  kb: KnowledgeBase,
  itemId: string,
  gemeente: string | null,
  options: { urgency?: 'geweld' | 'suicide' | null; alternativeIds?: string[]; feedbackGiven?: boolean } = {},
): AdaptiveCard | null {
  const item = kb.item(itemId);
  if (!item) return null;
  const alternatives = (options.alternativeIds ?? []).map((id) => kb.item(id)).filter((i): i is KnowledgeItem => i !== undefined);
  return routeCard({
    item: kb.localize(item, gemeente),
    urgency: options.urgency ?? null,
    privacyNotice: false,
    alternatives: alternatives.map(toLink),
    feedbackGiven: options.feedbackGiven ?? false,
  });
}

function fallbackContacts(kb: KnowledgeBase) {
  return FALLBACK_ROUTE_IDS.flatMap((id) => kb.item(id)?.contacts ?? []);
}
