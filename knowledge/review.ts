// When an item must be checked against its sources again. Pure.
// `reviewBefore` (at most 12 months after `reviewed`, see schema.ts) is the first day the item is
// overdue: "controleren vóór 23 november 2027" means on 23 November 2027 it is too late.
import type { LocalDate } from '../time/amsterdam-time';
import type { KnowledgeItem } from './schema';

export function reviewBeforeOf(item: Pick<KnowledgeItem, 'reviewBefore'>): LocalDate {
  const [year, month, day] = item.reviewBefore.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** True when `today` (JJJJ-MM-DD, in Amsterdam) is on or after the item's reviewBefore. */
export function reviewOverdue(item: Pick<KnowledgeItem, 'reviewBefore'>, today: string): boolean {
  return today >= item.reviewBefore;
}
