import type { Logger } from '../src/infra/logger';
import type { RedisLock } from '../src/infra/redis-lock';

/** The Redis key under which one area is planned: batch decisions, re-optimisation and a dispatcher's breakdown. */
export const areaLockKey = (prefix: string, areaId: string) => `${prefix}:area-lock:${areaId}`;

/**
 * The area lock for the API's changes that must not lose to routine planning (OverrideDeps.areaLock):
 * taken ahead of the workers waiting for it. The lock only keeps such a change from losing race after
 * race (the plan versions keep it correct), so when it cannot be had — Redis away, or still held at
 * the end of the wait (a killed holder) — the change goes ahead without it rather than fail.
 */
export function overrideAreaLock(lock: RedisLock, prefix: string, log: Logger) {
  return async <T>(areaId: string, work: () => Promise<T>): Promise<T> => {
    let started = false;
    try {
      return await lock.withLock(areaLockKey(prefix, areaId), () => {
        started = true;
        return work();
      }, { first: true });
    } catch (error) {
      if (started) throw error;
      log.warn({ areaId, err: (error as Error).message }, 'dispatcher change goes ahead without the area lock');
      return work();
    }
  };
}
