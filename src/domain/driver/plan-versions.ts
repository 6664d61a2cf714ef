import { LRUCache } from 'lru-cache';
import type { PlanChangeNotifier } from '../dispatch/plan-change-notifier';
import type { Repositories } from '../context';

/**
 * The current plan version of a shift for ETags. A version read from the database is trusted for
 * `ttlMs` (monotonic); anything the notifier heard meanwhile that is newer wins at once, so with
 * notifying writers the answer is exact and a 304 costs no query. Writers that do not notify are
 * seen within `ttlMs`.
 */
export function createPlanVersionReader(repos: Repositories, notifier: PlanChangeNotifier, ttlMs: number) {
  // ttlMs 0: every request reads the database.
  const read = ttlMs > 0 ? new LRUCache<string, { version: number }>({ max: 10_000, ttl: ttlMs, ttlResolution: 0 }) : undefined;

  async function fromDatabase(shiftId: string): Promise<number> {
    const version = await repos.fleet.planVersion(shiftId);
    read?.set(shiftId, { version });
    return version;
  }

  return {
    async current(shiftId: string): Promise<number> {
      const base = read?.get(shiftId)?.version ?? (await fromDatabase(shiftId));
      return Math.max(base, notifier.latest(shiftId) ?? 0);
    },
    /** Skips the cache: for the long-poll's fallback check. */
    fresh: async (shiftId: string) => Math.max(await fromDatabase(shiftId), notifier.latest(shiftId) ?? 0),
  };
}

export type PlanVersionReader = ReturnType<typeof createPlanVersionReader>;

/**
 * Resolves with the first version above `seenVersion`: on a notification at once, else found by the
 * fallback poll every `pollMs`; resolves undefined after `timeoutMs` or when `signal` aborts.
 */
export function waitForPlanChange(
  notifier: PlanChangeNotifier,
  versions: PlanVersionReader,
  shiftId: string,
  seenVersion: number,
  options: { timeoutMs: number; pollMs: number; signal?: AbortSignal },
): Promise<number | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (version: number | undefined) => {
      if (done) return;
      done = true;
      unsubscribe();
      clearTimeout(timeout);
      clearInterval(poll);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(version);
    };
    const onAbort = () => finish(undefined);
    const unsubscribe = notifier.subscribe(shiftId, (version) => {
      if (version > seenVersion) finish(version);
    });
    const timeout = setTimeout(() => finish(undefined), options.timeoutMs);
    const poll = setInterval(() => {
      versions.fresh(shiftId).then((version) => (version > seenVersion ? finish(version) : undefined), () => undefined);
    }, options.pollMs);
    options.signal?.addEventListener('abort', onAbort);
    if (options.signal?.aborted) finish(undefined);
  });
}
