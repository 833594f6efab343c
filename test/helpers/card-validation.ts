// Validates a rendered card the way our tests need it: the adaptivecards parser's problems, minus its
// complaint about Teams' chart elements (Chart.*, which it does not know and which Teams draws), and a
// problem of our own for any chart without a fallback — other clients would show nothing in its place.
import { createRequire } from 'node:module';
import type { AdaptiveCard } from '../../cards/render';

// adaptivecards 3 ships broken ESM for Node; the 2.x parser validates the same 1.5 schema.
const AC = createRequire(import.meta.url)('adaptivecards') as typeof import('adaptivecards');

const CHART_UNKNOWN = /^Unknown element type "Chart\.[\w.]+"\. Fallback will be used if present\.$/;

/** Every object of a card (depth first) whose type starts with Chart. */
function charts(node: unknown, where = '$'): Array<{ where: string; chart: Record<string, unknown> }> {
  if (Array.isArray(node)) return node.flatMap((n, i) => charts(n, `${where}[${i}]`));
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = typeof o.type === 'string' && o.type.startsWith('Chart.') ? [{ where, chart: o }] : [];
  return [...own, ...Object.entries(o).flatMap(([key, value]) => charts(value, `${where}.${key}`))];
}

export function cardProblems(card: AdaptiveCard): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message).filter((m) => !CHART_UNKNOWN.test(m));
  for (const { where, chart } of charts(card)) {
    const fallback = chart.fallback;
    if (!fallback || typeof fallback !== 'object') problems.push(`${String(chart.type)} at ${where} has no fallback element for clients without charts.`);
  }
  return problems;
}
