// Waits for something another process or timer brings about, instead of sleeping a fixed time.

/** Resolves true once `condition` holds; throws naming `what` when it does not within the timeout. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what = 'the condition',
  { timeoutMs = 10_000, intervalMs = 10 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<true> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return true;
}
