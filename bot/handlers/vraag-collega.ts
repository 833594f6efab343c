// "Vraag een collega" (ask an expert): `experts hier` / `experts` set and show the experts' channel;
// the asker's form (vraagCollega) posts the masked question there as a new post; anyone in that
// channel picks it up (expertOppakken) or answers (expertBeantwoorden); the answer goes to the asker
// in a 1:1 chat through the outbox.
import type { Application } from '@microsoft/teams-ai';
import { CardFactory, TurnContext } from 'botbuilder';
import { colleagueAnswerCard, expertQuestionCard, withAskColleague, type AskColleagueSection, type AskHost, type ExpertQuestionView } from '../../cards/expert-cards';
import type { AdaptiveCard } from '../../cards/render';
import { formatDutchDateTime } from '../../time/dutch-dates';
import { maskPersonalData } from '../../knowledge/privacy';
import { fromCarriedUrgency } from '../../cards/route-card';
import { itemCard, noAnswerCardFor, storedMeldpunten, todayOf } from '../answer-question';
import type { StoredMeldpunten } from '../../knowledge/knowledge-base';
import { CARD_VERBS, EXPERTS_PATTERN } from '../commands';
import type { BotDeps } from '../deps';
import { userIdOf, werkgroepKeyOf } from '../identity';
import { ERRORS, errorWith, refusal, refuse } from '../errors';
import type { ExpertQuestion, Person } from '../storage/expert-store';
import { tenantKeyOf } from '../tenants';
import { askColleagueDataSchema, askedQuestionSchema, expertActionDataSchema, expertAnswerSchema, type AskColleagueData } from '../turn-data';

// Enough for real use; a flood of questions from one person would bury the channel.
const QUESTIONS_PER_HOUR = 10;

const when = (date: Date) => formatDutchDateTime(date);

function personOf(context: TurnContext): Person {
  return { id: userIdOf(context.activity.from), name: context.activity.from?.name ?? null };
}

export function registerVraagCollega(app: Application, deps: BotDeps): void {
  const { experts } = deps;

  const viewOf = (question: ExpertQuestion, extra: Partial<ExpertQuestionView> = {}): ExpertQuestionView => ({
    questionId: question.id,
    maskedQuestion: question.maskedQuestion,
    gemeente: question.gemeente,
    itemTitle: question.itemId ? (deps.kb.item(question.itemId)?.title ?? null) : null,
    claimed: question.claimed ? { name: question.claimed.by.name, at: question.claimed.at } : null,
    answered: question.answered ? { name: question.answered.by.name, at: question.answered.at, maskedAnswer: question.answered.maskedAnswer } : null,
    ...extra,
  });

  /** Refreshes the question's post for everyone: only the post the bot itself made and recorded. */
  const updatePost = async (context: TurnContext, question: ExpertQuestion, card: AdaptiveCard) => {
    const postId = await experts.postedActivityId(question.id);
    if (postId) await context.updateActivity({ id: postId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
  };

  /** A card action on a question is only taken in the channel (and tenant) the question was posted to. */
  const questionHere = async (context: TurnContext, questionId: string) => {
    const question = await experts.question(questionId);
    const here = question && question.channelConversationId === werkgroepKeyOf(context.activity) && question.tenantId === tenantKeyOf(context.activity);
    return here ? question : null;
  };

  app.message(EXPERTS_PATTERN, async (context: TurnContext) => {
    const tenantKey = tenantKeyOf(context.activity);
    if (!EXPERTS_PATTERN.exec(context.activity.text ?? '')?.groups?.hier) {
      const channel = await experts.channel(tenantKey);
      if (!channel) {
        await context.sendActivity(
          'Er is nog geen expertskanaal ingesteld voor "Vraag een collega". Een coördinator typt in het kanaal waar de vragen moeten komen: "@Meldwijzer experts hier".',
        );
      } else {
        const setBy = `ingesteld door ${channel.setBy.name ?? 'een coördinator'} op ${when(channel.setAt)}`;
        const where =
          channel.conversationId === werkgroepKeyOf(context.activity)
            ? `Dit kanaal is het expertskanaal voor "Vraag een collega" (${setBy}).`
            : `Er is een expertskanaal voor "Vraag een collega": een kanaal in een team (${setBy}).`;
        await context.sendActivity(`${where} Een coördinator verplaatst het met "@Meldwijzer experts hier" in een ander kanaal.`);
      }
      return;
    }
    if (context.activity.conversation?.conversationType !== 'channel') return refuse(context, deps.logger, ERRORS.EXPERTS_CHANNEL_ONLY);
    if (!(await deps.roles.isCoordinator(context.activity))) return refuse(context, deps.logger, ERRORS.NOT_A_COORDINATOR);
    // The channel itself, not this thread: a question becomes a new post in the channel.
    const channelId = werkgroepKeyOf(context.activity);
    const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(context.activity);
    reference.conversation = { ...reference.conversation!, id: channelId };
    await experts.setChannel(tenantKey, channelId, reference as Record<string, unknown>, personOf(context));
    deps.logger.info({ event: 'experts-channel-set' }, 'experts channel set');
    await context.sendActivity(
      'Dit kanaal is nu het expertskanaal voor "Vraag een collega". Vragen die collega\'s via Meldwijzer stellen verschijnen hier als nieuw bericht, zonder persoonsgegevens en zonder naam van de vraagsteller. Iedereen in dit kanaal kan ze oppakken en beantwoorden; het antwoord gaat in een 1-op-1-chat naar de vraagsteller.',
    );
  });

  app.adaptiveCards.actionExecute(CARD_VERBS.vraagCollega, async (context: TurnContext, _state, rawData) => {
    const parsed = askColleagueDataSchema.safeParse(rawData);
    const from = context.activity.from;
    if (!parsed.success || !from?.id) return refusal(deps.logger, ERRORS.STALE_QUESTION_BUTTON);
    const host = hostOf(parsed.data, deps);
    if (!host) return refusal(deps.logger, ERRORS.STALE_QUESTION_BUTTON);
    const gemeente = await deps.store.gemeenteOf(userIdOf(from));
    const stored = await storedMeldpunten(deps, gemeente);
    const answerWith = (section: AskColleagueSection) => hostCardWith(deps, host, gemeente, section, stored);

    const tenantKey = tenantKeyOf(context.activity);
    const channel = await experts.channel(tenantKey);
    if (!channel) return answerWith({ kind: 'wieVragen', coordinators: await deps.roles.coordinators.names(tenantKey) });
    // Masked again: the text comes from the client. A refused text is shown again, not lost.
    const { masked: withoutPersonalData, found } = maskPersonalData(parsed.data.vraag);
    const masked = deps.kb.maskNames(withoutPersonalData);
    const text = askedQuestionSchema.safeParse(masked);
    if (!text.success) {
      return answerWith({ kind: 'form', formId: parsed.data.formId, question: masked.trim(), host, error: text.error.issues[0]!.message });
    }
    if ((await experts.questionsInLastHour(from.id)) >= QUESTIONS_PER_HOUR) {
      const error = refusal(deps.logger, errorWith.tooManyQuestions(QUESTIONS_PER_HOUR));
      return answerWith({ kind: 'form', formId: parsed.data.formId, question: text.data, host, error });
    }
    const { question, isNew } = await experts.ask(
      {
        tenantId: tenantKey,
        formId: parsed.data.formId,
        maskedQuestion: text.data,
        itemId: host.kind === 'route' ? host.itemId : null,
        gemeente,
        asker: { teamsId: from.id, aadObjectId: from.aadObjectId ?? null, serviceUrl: context.activity.serviceUrl, botId: context.activity.recipient.id },
        channel,
      },
      (stored) => ({ type: 'message', attachments: [CardFactory.adaptiveCard(expertQuestionCard(viewOf(stored)))] }),
    );
    deps.logger.info({ event: 'colleague-asked', questionId: question.id, itemId: question.itemId, personalDataFound: found.length > 0, isNew }, 'question for colleagues queued');
    return answerWith({ kind: 'verstuurd', question: question.maskedQuestion, again: !isNew });
  });

  app.adaptiveCards.actionExecute(CARD_VERBS.expertOppakken, async (context: TurnContext, _state, rawData) => {
    const parsed = expertActionDataSchema.safeParse(rawData);
    if (!parsed.success) return refusal(deps.logger, ERRORS.STALE_BUTTON);
    if (!(await questionHere(context, parsed.data.questionId))) return refusal(deps.logger, ERRORS.QUESTION_GONE);
    const result = await experts.claim(parsed.data.questionId, personOf(context));
    if (!result) return refusal(deps.logger, ERRORS.QUESTION_GONE);
    const { outcome, question } = result;
    if (outcome === 'answered') return expertQuestionCard(viewOf(question, { notice: 'Deze vraag is al beantwoord.' }));
    if (outcome === 'claimedByOther') {
      return expertQuestionCard(viewOf(question, { notice: `${question.claimed!.by.name ?? 'Een collega'} heeft deze vraag al opgepakt. Je kunt hem wel beantwoorden.` }));
    }
    deps.logger.info({ event: 'colleague-question-claimed', questionId: question.id }, 'question picked up');
    const card = expertQuestionCard(viewOf(question));
    await updatePost(context, question, card);
    return card;
  });

  app.adaptiveCards.actionExecute(CARD_VERBS.expertBeantwoorden, async (context: TurnContext, _state, rawData) => {
    const parsed = expertActionDataSchema.safeParse(rawData);
    if (!parsed.success) return refusal(deps.logger, ERRORS.STALE_BUTTON);
    const question = await questionHere(context, parsed.data.questionId);
    if (!question) return refusal(deps.logger, ERRORS.QUESTION_GONE);
    // Staff write answers too: masked before they are shown, stored or sent.
    const masked = deps.kb.maskNames(maskPersonalData(parsed.data.antwoord).masked).trim();
    const alreadyAnswered = (answered: ExpertQuestion) =>
      expertQuestionCard(
        viewOf(answered, {
          notice: `Deze vraag is al beantwoord door ${answered.answered?.by.name ?? 'een collega'}; jouw antwoord is niet verstuurd. Dit had je geschreven:`,
          rejectedAnswer: masked,
        }),
      );
    if (question.answered) return alreadyAnswered(question);
    const text = expertAnswerSchema.safeParse(masked);
    if (!text.success) return expertQuestionCard(viewOf(question, { notice: text.error.issues[0]!.message, draftAnswer: masked }));

    const result = await experts.answer(question.id, personOf(context), text.data, (answered) => ({
      type: 'message',
      attachments: [
        CardFactory.adaptiveCard(
          colleagueAnswerCard({
            maskedQuestion: answered.maskedQuestion,
            maskedAnswer: answered.answered!.maskedAnswer,
            answeredBy: answered.answered!.by.name,
            answeredAt: answered.answered!.at,
            itemTitle: answered.itemId ? (deps.kb.item(answered.itemId)?.title ?? null) : null,
          }),
        ),
      ],
    }));
    if (!result) return refusal(deps.logger, ERRORS.QUESTION_GONE);
    if (result.outcome === 'alreadyAnswered') return alreadyAnswered(result.question);
    deps.logger.info({ event: 'colleague-question-answered', questionId: question.id }, 'answer queued for the asker');
    const card = expertQuestionCard(viewOf(result.question));
    await updatePost(context, result.question, card);
    return card;
  });
}

/** The card the form sat under, from the ids the card sent back; null when an id is not ours. */
function hostOf(data: AskColleagueData, deps: Pick<BotDeps, 'kb'>): AskHost | null {
  const ids = (list: string) => list.split(',').filter(Boolean);
  if (data.host === 'route') {
    const known = deps.kb.item(data.itemId) && ids(data.alternativeIds).every((id) => deps.kb.item(id));
    return known ? { kind: 'route', itemId: data.itemId, urgency: data.urgency, alternativeIds: data.alternativeIds } : null;
  }
  return ids(data.closestIds).every((id) => deps.kb.item(id)) ? { kind: 'geenAntwoord', closestIds: data.closestIds, urgency: data.urgency } : null;
}

/** The host card as the asker last saw it (a route card after "Niet nuttig", or the no-answer card), with the section under it. */
function hostCardWith(deps: Pick<BotDeps, 'kb' | 'clock'>, host: AskHost, gemeente: string | null, section: AskColleagueSection, stored: StoredMeldpunten): AdaptiveCard {
  const ids = (list: string) => list.split(',').filter(Boolean);
  const card =
    host.kind === 'route'
      ? itemCard(deps.kb, host.itemId, gemeente, todayOf(deps.clock), { ...fromCarriedUrgency(host.urgency), alternativeIds: ids(host.alternativeIds), feedbackGiven: true, stored })!
      : noAnswerCardFor(deps.kb, ids(host.closestIds), false, fromCarriedUrgency(host.urgency).alert);
  return withAskColleague(card, section);
}
