// Data that arrives with card actions and messages, validated before any handler uses it.
import { z } from 'zod/v4';

export const feedbackDataSchema = z.object({
  itemId: z.string().min(1).max(100),
  useful: z.boolean(),
  urgency: z.enum(['geweld', 'suicide', '']).default(''),
  alternativeIds: z.string().max(400).default(''),
});
export type FeedbackData = z.infer<typeof feedbackDataSchema>;

export const showItemDataSchema = z.object({
  verb: z.literal('showItem'),
  itemId: z.string().min(1).max(100),
});

/** Teams' identity for a user: the AAD object id when present, else the channel account id. */
export function userIdOf(from: { id: string; aadObjectId?: string } | undefined): string {
  return from?.aadObjectId ?? from?.id ?? 'onbekend';
}
