// Any message that is not a command is a question: it gets one route card (or the no-answer card).
// Registered last, as the catch-all. A "Bedoelde je …?" button arrives here too, with the item id (a new
// card; the answer it came from stays in the chat), and a welcome example with its question.
import type { Application } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { MAX_QUESTION_CHARS } from '../../knowledge/index';
import { answerQuestion, askerGemeente, itemCard, storedMeldpunten, todayOf } from '../answer-question';
import type { BotDeps } from '../deps';
import { errorWith } from '../errors';
import { tenantKeyOf } from '../tenants';
import { userIdOf } from '../identity';
import { askQuestionDataSchema, showItemDataSchema } from '../turn-data';

export function registerQuestion(app: Application, deps: BotDeps): void {
  app.activity('message', async (context: TurnContext) => {
    const started = performance.now();
    const gemeente = await askerGemeente(deps, userIdOf(context.activity.from));

    // A typed question carries no value: only a button press is parsed (zod's failure path is not free).
    const value = context.activity.value as unknown;
    const picked = value == null ? null : showItemDataSchema.safeParse(value);
    if (picked?.success) {
      const card = itemCard(deps.kb, picked.data.itemId, gemeente, todayOf(deps.clock), { stored: await storedMeldpunten(deps, gemeente) });
      if (card) {
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
        deps.logger.info({ event: 'item-shown', itemId: picked.data.itemId }, 'item shown');
        return;
      }
    }

    // A welcome example asks its question exactly as if it had been typed.
    const example = value == null ? null : askQuestionDataSchema.safeParse(value);
    const text = (example?.success ? example.data.question : (context.activity.text ?? '')).trim();
    if (text === '') {
      await context.sendActivity('Stel je vraag in gewone taal, bijvoorbeeld: "waar meld ik een vermoeden van huiselijk geweld?" Typ help voor meer.');
      return;
    }
    // Refused before masking or search: a pasted document would cost everyone time, fill the queue
    // and never fit a card. Only its length is logged; nothing of it is kept.
    if (text.length > MAX_QUESTION_CHARS) {
      const refused = errorWith.questionTooLong(text.length, MAX_QUESTION_CHARS);
      await context.sendActivity(refused.text);
      deps.logger.info({ event: 'question-too-long', code: refused.code, chars: text.length, ms: Math.round(performance.now() - started) }, 'question too long');
      return;
    }
    const outcome = await answerQuestion(deps, text, gemeente, { tenantKey: tenantKeyOf(context.activity) });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(outcome.card)] });
    // Only what was answered, never what was asked.
    deps.logger.info(
      {
        event: 'question-answered',
        itemId: outcome.itemId,
        urgent: outcome.urgent,
        personalDataFound: outcome.personalDataFound,
        conversationType: context.activity.conversation?.conversationType,
        ms: Math.round(performance.now() - started),
      },
      outcome.itemId ? 'question answered' : 'question without answer',
    );
  });
}
