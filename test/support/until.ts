import { vi } from 'vitest';

/** Waits until `check` holds (vi.waitFor, polling every `intervalMs`); fails naming `what` after `timeoutMs`. */
export function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000, intervalMs = 50): Promise<void> {
  return vi.waitFor(async () => {
    if (!(await check())) throw new Error(`timed out waiting for ${what}`);
  }, { timeout: timeoutMs, interval: intervalMs });
}

/** Waits until `probe` finds something, and returns it; fails naming `what` after `timeoutMs`. */
export function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  return vi.waitFor(async () => {
    const found = await probe();
    if (found === undefined) throw new Error(`timed out waiting for ${what}`);
    return found;
  }, { timeout: timeoutMs, interval: intervalMs });
}
