// Teams' proactive-message limits as sliding windows: per conversation 7 per second and 60 per
// 30 seconds; per app per tenant 30 requests per second. Pure: time comes in as a number.

interface Window {
  ms: number;
  max: number;
}

export const CONVERSATION_WINDOWS: readonly Window[] = [
  { ms: 1_000, max: 7 },
  { ms: 30_000, max: 60 },
];
export const TENANT_WINDOWS: readonly Window[] = [{ ms: 1_000, max: 30 }];

export class RateLimiter {
  private readonly sent = new Map<string, number[]>();

  /**
   * Milliseconds until a message to this conversation and tenant may go; 0 means now, and then the
   * send is counted.
   */
  acquire(conversationId: string, tenantId: string, now: number): number {
    const wait = Math.max(this.waitFor(`c:${conversationId}`, CONVERSATION_WINDOWS, now), this.waitFor(`t:${tenantId}`, TENANT_WINDOWS, now));
    if (wait > 0) return wait;
    this.record(`c:${conversationId}`, now, CONVERSATION_WINDOWS);
    this.record(`t:${tenantId}`, now, TENANT_WINDOWS);
    return 0;
  }

  private waitFor(key: string, windows: readonly Window[], now: number): number {
    const times = this.sent.get(key) ?? [];
    let wait = 0;
    for (const { ms, max } of windows) {
      const inWindow = times.filter((t) => t > now - ms);
      if (inWindow.length >= max) wait = Math.max(wait, inWindow[inWindow.length - max]! + ms - now);
    }
    return wait;
  }

  private record(key: string, now: number, windows: readonly Window[]): void {
    const longest = Math.max(...windows.map((w) => w.ms));
    const times = (this.sent.get(key) ?? []).filter((t) => t > now - longest);
    times.push(now);
    this.sent.set(key, times);
  }
}
