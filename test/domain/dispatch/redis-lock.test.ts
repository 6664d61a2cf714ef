import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createRedisLock, LockBusyError, LockLostError } from '../../../src/infra/redis-lock';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Redis area lock', () => {
  let redis: Redis;
  beforeAll(() => { redis = new Redis(inject('redisUrl')); });
  afterAll(() => redis.disconnect());

  it('serialises holders of one key and lets other keys run alongside', async () => {
    const lock = createRedisLock(redis, { ttlMs: 1000, waitMs: 5000, retryMs: 5 });
    const key = `test-${randomUUID()}`;
    const spans: Array<[string, number, number]> = [];
    const hold = (k: string) => lock.withLock(k, async () => { const from = Date.now(); await sleep(30); spans.push([k, from, Date.now()]); });
    await Promise.all([hold(key), hold(key), hold(key), hold(`${key}-other`)]);
    const same = spans.filter(([k]) => k === key).sort((a, b) => a[1] - b[1]);
    for (let i = 1; i < same.length; i += 1) expect(same[i][1]).toBeGreaterThanOrEqual(same[i - 1][2]);
    const [, otherFrom, otherTo] = spans.find(([k]) => k !== key)!;
    expect(same.some(([, from, to]) => from < otherTo && otherFrom < to)).toBe(true);
  });

  it('renews the lease while work outlasts the TTL', async () => {
    const lock = createRedisLock(redis, { ttlMs: 150, waitMs: 50 });
    const key = `test-${randomUUID()}`;
    await lock.withLock(key, async (lease) => {
      await sleep(500);
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
