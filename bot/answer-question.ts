// From a question to the card that answers it: mask personal data, find the route for the user's
// gemeente, and queue what we could not answer for the coordinators.
import { withAskColleague } from '../cards/expert-cards';
import { carriedUrgency, routeCard, type ItemLink, type Urgency } from '../cards/route-card';
import { noAnswerCard } from '../cards/other-cards';
import type { AdaptiveCard } from '../cards/render';
import { FALLBACK_ROUTE_IDS, type KnowledgeBase, type KnowledgeItem } from '../knowledge/index';
import type { StoredMeldpunten } from '../knowledge/knowledge-base';
import { maskPersonalData } from '../knowledge/privacy';
import { amsterdamParts, type LocalDate } from '../time/amsterdam-time';
import { askColleagueOffer, carriedQuestion } from './ask-colleague';
import type { Clock } from './clock';
import type { BotDeps } from './deps';
import { withoutStorageIfAway } from './storage/availability';

export interface QuestionOutcome {
  card: AdaptiveCard;
  itemId: string | null;
  urgent: boolean;
  personalDataFound: boolean;
}

const toLink = (item: KnowledgeItem): ItemLink => ({ itemId: item.id, title: item.title });

let today: { minute: number; date: LocalDate } | null = null;

/**
 * The bot's clock date in Amsterdam: a card compares it with an item's reviewBefore. Worked out once a
 * minute (Amsterdam's midnight always falls on a whole minute, in summer and winter time alike).
 */
export function todayOf(clock: Clock): LocalDate {
  const instant = clock.now();
  const minute = Math.floor(instant.getTime() / 60_000);
  if (today?.minute !== minute) {
    const { year, month, day } = amsterdamParts(instant);
    today = { minute, date: { year, month, day } };
  }
  return today.date;
}

/**
 * `asker` is the tenant the question comes from: its counts and unanswered queue get the question, and
 * "Vraag een collega" under the no-answer card is the form when the tenant has an experts' channel,
 * otherwise whom to ask.
 */
export async function answerQuestion(
  deps: Pick<BotDeps, 'kb' | 'store' | 'clock' | 'gemeenten' | 'improvement' | 'logger' | 'roles' | 'experts'>,
  question: string,
  gemeente: string | null,
  asker: { tenantKey: string },
): Promise<QuestionOutcome> {
  const { masked: withoutPersonalData, searchable, found } = maskPersonalData(question);
  // What is kept or shown to colleagues has names masked too; search sees the text without personal data.
  const masked = deps.kb.maskNames(withoutPersonalData);
  const personalDataFound = found.length > 0;
  const answer = deps.kb.findRoute(searchable, { gemeente });
  const best = answer.results[0];
  deps.improvement.logQuestion({ tenantKey: asker.tenantKey, itemId: best?.item.id ?? null, urgent: answer.urgent });

  if (!best) {
    const closestIds = answer.closest.map((c) => c.item.id);
    // The answer does not need storage: with the database away the queue misses this one question
    // (logged, without its text), and no "Vraag een collega" form is offered that could not be sent.
    await withoutStorageIfAway(deps.logger, 'unanswered-queue', () => deps.store.addUnanswered(asker.tenantKey, masked, closestIds, gemeente), undefined);
    const offer = await withoutStorageIfAway(
      deps.logger,
      'ask-colleague-offer',
      () => askColleagueOffer(deps, asker.tenantKey, masked, { kind: 'geenAntwoord', closestIds: closestIds.slice(0, 3).join(','), urgency: carriedUrgency(null, answer.alertKind) }),
      null,
    );
    // A danger word without a clear "now" and no route for the rest: the card still opens with 112 (or 113).
    const noAnswer = noAnswerCardFor(deps.kb, closestIds, personalDataFound, answer.alertKind);
    const card = offer ? withAskColleague(noAnswer, offer) : noAnswer;
    return {
      card,
      itemId: null,
      urgent: false,
      personalDataFound,
    };
  }

  return {
    card: routeCard({
      item: deps.kb.localize(best.item, gemeente, best.item.localMeldpunt ? await storedMeldpunten(deps, gemeente) : {}),
      urgency: answer.urgency,
      alert: answer.alertKind,
      today: todayOf(deps.clock),
      privacyNotice: personalDataFound,
      // The card leaves out what its red block already calls; from the rest it offers three, so a
      // question with two needs ("klant praat aan de telefoon over zelfmoord") offers the other one.
      alternatives: answer.results.slice(1).map((r) => toLink(r.item)),
      question: carriedQuestion(masked),
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
  today: LocalDate,
  options: { urgency?: Urgency; alert?: Urgency; alternativeIds?: string[]; feedbackGiven?: boolean; stored?: StoredMeldpunten } = {},
): AdaptiveCard | null {
  const item = kb.item(itemId);
  if (!item) return null;
  const alternatives = (options.alternativeIds ?? []).map((id) => kb.item(id)).filter((i): i is KnowledgeItem => i !== undefined);
  return routeCard({
    item: kb.localize(item, gemeente, options.stored),
    urgency: options.urgency ?? null,
    alert: options.alert ?? null,
    today,
    privacyNotice: false,
    alternatives: alternatives.map(toLink),
    feedbackGiven: options.feedbackGiven ?? false,
  });
}

/**
 * The meldpunten a gemeente's beheerders set in Teams (read per answer: a change shows at once
 * everywhere). With the database away, the gemeente's own file: the answer still comes.
 */
export async function storedMeldpunten(deps: Pick<BotDeps, 'gemeenten' | 'kb' | 'logger'>, gemeente: string | null): Promise<StoredMeldpunten> {
  const known = gemeente ? deps.kb.findGemeente(gemeente) : undefined;
  return known ? withoutStorageIfAway(deps.logger, 'stored-meldpunten', async () => (await deps.gemeenten.meldpunten(known.naam)).values, {}) : {};
}

/** The asker's gemeente for an answer; with the database away, none (the national routes still answer). */
export function askerGemeente(deps: Pick<BotDeps, 'store' | 'logger'>, userId: string): Promise<string | null> {
  return withoutStorageIfAway(deps.logger, 'gemeente-lookup', () => deps.store.gemeenteOf(userId), null);
}

/** The no-answer card: the closest items as "Bedoelde je …?" and the national routes. */
export function noAnswerCardFor(kb: KnowledgeBase, closestIds: string[], privacyNotice: boolean, alert: Urgency = null): AdaptiveCard {
  const closest = closestIds.map((id) => kb.item(id)).filter((i): i is KnowledgeItem => i !== undefined);
  return noAnswerCard({ privacyNotice, closest: closest.map(toLink), fallbackContacts: fallbackContacts(kb), alert });
}

function fallbackContacts(kb: KnowledgeBase) {
  return FALLBACK_ROUTE_IDS.flatMap((id) => kb.item(id)?.contacts ?? []);
}
