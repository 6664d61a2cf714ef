import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Raised when a lock stays taken for longer than the caller is willing to wait. */
export class LockBusyError extends Error {
  override name = 'LockBusyError';
}

/** Raised by `assertHeld` once the lease could not be renewed: another holder may have it now. */
export class LockLostError extends Error {
  override name = 'LockLostError';
}

export interface LockOptions {
  /** How long the lock outlives a holder that stops renewing it (a killed process). */
  ttlMs: number;
  /** Give up waiting for the lock after this long. */
  waitMs: number;
  /** Pause between attempts while someone else holds it. */
  retryMs?: number;
}

export interface Lease {
  key: string;
  token: string;
  acquiredAt: number;
  /** Throws LockLostError when a renewal failed: do not write on the strength of this lock any more. */
  assertHeld(): void;
}

// Renew or release only while the key still holds our token, so an expired holder cannot touch the
// lock of its successor.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
// One attempt to take KEYS[1]. A holder that goes first (ARGV[3] = '1') stakes its claim in KEYS[2]
// on every attempt, for ARGV[4] ms, and withdraws it once it holds the lock; while a claim stands,
// the others do not take the lock, so the one that goes first is next however often they ask.
const TAKE = `
if ARGV[3] == '1' then
  redis.call('set', KEYS[2], ARGV[1], 'PX', ARGV[4])
elseif redis.call('exists', KEYS[2]) == 1 then
  return 0
end
if not redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 0 end
if redis.call('get', KEYS[2]) == ARGV[1] then redis.call('del', KEYS[2]) end
return 1`;

/**
 * A single-holder lock in Redis: SET NX PX with a random token, renewed at a third of its TTL while
 * the work runs, released by compare-and-delete. The token starts with the process id so operators
 * (and tests) can see who holds it.
 */
export function createRedisLock(redis: Redis, options: LockOptions) {
  const retryMs = options.retryMs ?? 25;

  // A claim outlives the claimant's last attempt long enough for its next one, not much longer (a killed claimant holds up nobody for long).
  const claimMs = Math.max(1000, retryMs * 40);
  const take = (key: string, token: string, first: boolean) => redis.eval(TAKE, 2, key, `${key}:first`, token, options.ttlMs, first ? '1' : '0', claimMs);

  async function acquire(key: string, first: boolean): Promise<Lease> {
    const token = `${process.pid}:${randomUUID()}`;
    const deadline = Date.now() + options.waitMs;
    while ((await take(key, token, first)) !== 1) {
      if (Date.now() >= deadline) {
        if (first) await redis.eval(RELEASE, 1, `${key}:first`, token).catch(() => undefined);
        throw new LockBusyError(`lock ${key} is still held after ${options.waitMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs + Math.random() * retryMs));
    }
    let lost = false;
    const timer = setInterval(() => {
      redis.eval(RENEW, 1, key, token, options.ttlMs).then((ok) => { if (ok !== 1) lost = true; }, () => { lost = true; });
    }, Math.max(10, Math.floor(options.ttlMs / 3)));
    timer.unref();
    const lease: Lease & { stop(): void } = {
      key,
      token,
      acquiredAt: Date.now(),
      assertHeld() {
        if (lost) throw new LockLostError(`lock ${key} was lost while working`);
      },
      stop: () => clearInterval(timer),
    };
    return lease;
  }

  return {
    /**
     * Runs `work` while holding `key`; waits (up to waitMs) for another holder to finish. `first`:
     * ahead of the others waiting for it (a dispatcher's urgent change ahead of routine planning).
     */
    async withLock<T>(key: string, work: (lease: Lease) => Promise<T>, { first = false }: { first?: boolean } = {}): Promise<T> {
      const lease = await acquire(key, first);
      try {
        return await work(lease);
      } finally {
        (lease as Lease & { stop(): void }).stop();
        // Not awaited: Redis runs one connection's commands in order, so a next acquire through this
        // lock finds the key released, and the caller's result does not wait for the round trip.
        void redis.eval(RELEASE, 1, key, lease.token).catch(() => undefined);
      }
    },
  };
}

export type RedisLock = ReturnType<typeof createRedisLock>;
