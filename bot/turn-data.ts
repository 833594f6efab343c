// Data that arrives with card actions and messages, validated before any handler uses it.
import { z } from 'zod/v4';
import { ASK_QUESTION_MAX, CARRIED_QUESTION_MAX, EXPERT_ANSWER_MAX } from '../cards/expert-cards';
import { CARRIED_URGENCIES } from '../cards/route-card';
import { CARD_VERBS } from './commands';

export const feedbackDataSchema = z.object({
  itemId: z.string().min(1).max(100),
  useful: z.boolean(),
  /** The acute block or alert line the card opened with (see CARRIED_URGENCIES). */
  urgency: z.enum(CARRIED_URGENCIES).default(''),
  alternativeIds: z.string().max(400).default(''),
  /** The masked question, carried so "Niet nuttig" can prefill "Vraag een collega"; masked again on use. */
  question: z.string().max(CARRIED_QUESTION_MAX).default(''),
});
export type FeedbackData = z.infer<typeof feedbackDataSchema>;

export const showItemDataSchema = z.object({
  verb: z.literal(CARD_VERBS.showItem),
  itemId: z.string().min(1).max(100),
});

/** A welcome example button: its question, answered as if the user had typed it. */
export const askQuestionDataSchema = z.object({
  verb: z.literal(CARD_VERBS.vraag),
  question: z.string().trim().min(1).max(500),
});

// "Vraag een collega". What the card sends is checked for shape here (a forged shape is refused);
// the typed text is checked after masking by the text schemas, whose messages the user reads.
export const askColleagueDataSchema = z.object({
  formId: z.uuid(),
  host: z.enum(['route', 'geenAntwoord']),
  itemId: z.string().max(100).default(''),
  urgency: z.enum(CARRIED_URGENCIES).default(''),
  alternativeIds: z.string().max(400).default(''),
  closestIds: z.string().max(400).default(''),
  /** The Input.Text; long text is the text schema's business (a Dutch message, the text kept). */
  vraag: z.string().max(20_000).default(''),
});
export type AskColleagueData = z.infer<typeof askColleagueDataSchema>;

export const askedQuestionSchema = z
  .string()
  .trim()
  .min(1, { error: 'Schrijf eerst kort wat je zocht; de vraag is nu leeg.' })
  .max(ASK_QUESTION_MAX, { error: `Je vraag is te lang: maximaal ${ASK_QUESTION_MAX} tekens. Maak hem korter en verstuur opnieuw.` });

export const expertActionDataSchema = z.object({
  questionId: z.uuid(),
  antwoord: z.string().max(20_000).default(''),
});

export const expertAnswerSchema = z
  .string()
  .trim()
  .min(1, { error: 'Je antwoord is leeg. Schrijf je antwoord en verstuur opnieuw.' })
  .max(EXPERT_ANSWER_MAX, { error: `Je antwoord is te lang: maximaal ${EXPERT_ANSWER_MAX} tekens. Maak het korter en verstuur opnieuw.` });
