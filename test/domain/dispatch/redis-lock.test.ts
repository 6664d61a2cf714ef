import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createRedisLock, LockBusyError, LockLostError } from '../../../src/infra/redis-lock';

describe('Redis area lock', () => {
  let redis: Redis;
  beforeAll(() => { redis = new Redis(inject('redisUrl')); });
  afterAll(() => redis.disconnect());

  it('serialises holders of one key and lets other keys run alongside', async () => {
    const lock = createRedisLock(redis, { ttlMs: 1000, waitMs: 5000, retryMs: 5 });
    const key = `test-${randomUUID()}`;
    // Each holder stays inside until the test lets it out; the most holders of `key` ever inside at once is counted.
    const inside = new Map<string, { key: string; leave: () => void }>();
    let mostInside = 0;
    const hold = (k: string, name: string) => lock.withLock(k, () => new Promise<void>((resolve) => {
      inside.set(name, { key: k, leave: () => (inside.delete(name), resolve()) });
      mostInside = Math.max(mostInside, [...inside.values()].filter((h) => h.key === key).length);
    }));
    const holdersOfKey = () => [...inside.keys()].filter((name) => inside.get(name)!.key === key);
    const all = Promise.all([hold(key, 'a'), hold(key, 'b'), hold(key, 'c'), hold(`${key}-other`, 'other')]);
    // The other key's holder is inside alongside one of `key`'s.
    await vi.waitFor(() => expect(inside.has('other') && holdersOfKey().length === 1).toBe(true));
    for (let served = 0; served < 3; served += 1) {
      await vi.waitFor(() => expect(holdersOfKey()).toHaveLength(1));
      inside.get(holdersOfKey()[0])!.leave();
    }
    inside.get('other')!.leave();
    await all;
    expect(mostInside).toBe(1);
  });

  it('lets a holder that goes first in ahead of the others waiting, however often they ask', async () => {
    const lock = createRedisLock(redis, { ttlMs: 1000, waitMs: 5000, retryMs: 5 });
    const key = `test-${randomUUID()}`;
    const order: string[] = [];
    let release!: () => void;
    const holding = lock.withLock(key, () => new Promise<void>((resolve) => { release = resolve; }));
    await vi.waitFor(() => expect(release).toBeDefined());
    // Routine holders ask every few milliseconds; the urgent one asks as they do.
    const routine = ['r1', 'r2', 'r3'].map((name) => lock.withLock(key, async () => { order.push(name); }));
    const urgent = lock.withLock(key, async () => { order.push('first'); }, { first: true });
    await vi.waitFor(async () => expect(await redis.exists(`${key}:first`)).toBe(1));
    release();
    await Promise.all([holding, urgent, ...routine]);
    expect(order[0]).toBe('first');
    expect(order.slice(1).sort()).toEqual(['r1', 'r2', 'r3']);
    expect(await redis.exists(`${key}:first`), 'the claim is withdrawn').toBe(0);
  });

  it('withdraws the claim of a holder that gave up waiting', async () => {
    const lock = createRedisLock(redis, { ttlMs: 1000, waitMs: 50, retryMs: 5 });
    const key = `test-${randomUUID()}`;
    await redis.set(key, 'someone-else', 'PX', 5000);
    await expect(lock.withLock(key, async () => 'never', { first: true })).rejects.toBeInstanceOf(LockBusyError);
    expect(await redis.exists(`${key}:first`)).toBe(0);
    await redis.del(key);
  });

  it('renews the lease while work outlasts the TTL', async () => {
    const lock = createRedisLock(redis, { ttlMs: 150, waitMs: 50 });
    const key = `test-${randomUUID()}`;
    await lock.withLock(key, async (lease) => {
      // The work goes on until the lease has been renewed three times (its TTL running up again each time).
      let lastTtl = Infinity;
      let renewals = 0;
      await vi.waitFor(async () => {
        const ttl = await redis.pttl(key);
        if (ttl > lastTtl) renewals += 1;
        lastTtl = ttl;
        expect(renewals).toBeGreaterThanOrEqual(3);
      }, { timeout: 10_000, interval: 10 });
      lease.assertHeld();
      await expect(lock.withLock(key, async () => 'stolen')).rejects.toBeInstanceOf(LockBusyError);
    });
    expect(await redis.exists(key)).toBe(0);
  });

  it('does not release a successor’s lock, and reports the loss', async () => {
    const lock = createRedisLock(redis, { ttlMs: 150, waitMs: 50 });
    const key = `test-${randomUUID()}`;
    await lock.withLock(key, async (lease) => {
      await redis.set(key, 'someone-else', 'PX', 5000); // our lease expired and another process took it
      await vi.waitFor(() => expect(() => lease.assertHeld()).toThrow(LockLostError));
    });
    expect(await redis.get(key)).toBe('someone-else');
  });
});
