// What a card may hold. Teams refuses a card of more than about 28 KB, and what users typed (a
// question, an agenda topic, a name) can be any length: cards cut user text with "…", and a list that
// still does not fit shows fewer entries and says how many more there are.
import type { AdaptiveCard } from './render';

/** Teams accepts cards of about 28 KB; ours stay under this, leaving room for the activity around them. */
export const CARD_MAX_BYTES = 26_000;

export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card));
}

/** `text` in at most `max` characters, ending in "…" when cut (never halfway an emoji). */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  // No room for even the "…": nothing of the text is shown.
  if (max <= 0) return '';
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

/**
 * The card `render(n)` for the largest n from 0 to `max` that stays within `maxBytes` (render(0) when
 * none does). `render` must grow with n: n is how many entries a list shows, or how long its texts may be.
 * Halving, so a card of 50 entries is rendered about seven times at most.
 */
export function fitCard(max: number, render: (n: number) => AdaptiveCard, maxBytes = CARD_MAX_BYTES): AdaptiveCard {
  const full = render(max);
  if (max <= 0 || cardBytes(full) <= maxBytes) return full;
  let fits = 0;
  let tooBig = max;
  while (tooBig - fits > 1) {
    const middle = Math.floor((fits + tooBig) / 2);
    if (cardBytes(render(middle)) <= maxBytes) fits = middle;
    else tooBig = middle;
  }
  return render(fits);
}

/** "En nog 3 vragen …": what a card says about entries it had no room for; null when all are shown. */
export function moreLine(left: number, one: string, many: string): string | null {
  return left > 0 ? `En nog ${left} ${left === 1 ? one : many}` : null;
}
