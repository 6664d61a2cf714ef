/**
 * Runs planning work for one area at a time inside this process. Across processes the plan version
 * check (optimistic concurrency) keeps writes correct; the worker pool adds a Redis-held lock.
 */
export function createAreaLock() {
  const tails = new Map<string, Promise<unknown>>();
  return async function withAreaLock<T>(areaId: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(areaId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(areaId, tail);
    try {
      return await run;
    } finally {
      if (tails.get(areaId) === tail) tails.delete(areaId);
    }
  };
}
