// When an item must be checked against its sources again: its reviewBefore, or 12 months after it
// was last reviewed. Pure.
import type { LocalDate } from '../plan/amsterdam-time';
import type { KnowledgeItem } from './schema';

export const REVIEW_MONTHS = 12;

export function reviewBeforeOf(item: Pick<KnowledgeItem, 'reviewed'> & { reviewBefore?: string }): LocalDate {
  const [year, month, day] = (item.reviewBefore ?? item.reviewed).split('-').map(Number) as [number, number, number];
  if (item.reviewBefore) return { year, month, day };
  const shifted = new Date(Date.UTC(year, month - 1 + REVIEW_MONTHS, day));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}
