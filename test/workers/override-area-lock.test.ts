import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/infra/logger';
import { createRedisLock } from '../../src/infra/redis-lock';
import { areaLockKey, overrideAreaLock } from '../../workers/area-lock-key';

describe('the area lock a dispatcher\'s breakdown takes', () => {
  let redis: Redis;
  beforeAll(() => { redis = new Redis(inject('redisUrl')); });
  afterAll(() => redis.disconnect());
  const log = createLogger('silent');

  it('is the workers\' lock of the area: held while the change runs, released after', async () => {
    const prefix = `test-${randomUUID()}`;
    const take = overrideAreaLock(createRedisLock(redis, { ttlMs: 1000, waitMs: 2000, retryMs: 5 }), prefix, log);
    const heldBy = await take('area-1', async () => redis.get(areaLockKey(prefix, 'area-1')));
    expect(heldBy).toMatch(new RegExp(`^${process.pid}:`));
    expect(await redis.exists(areaLockKey(prefix, 'area-1'))).toBe(0);
  });

  it('goes ahead without it when the lock stays held (a killed holder) or Redis does not answer, and runs the change once', async () => {
    const prefix = `test-${randomUUID()}`;
    await redis.set(areaLockKey(prefix, 'area-1'), 'a-killed-worker', 'PX', 5000);
    let runs = 0;
    const busy = overrideAreaLock(createRedisLock(redis, { ttlMs: 1000, waitMs: 50, retryMs: 5 }), prefix, log);
    expect(await busy('area-1', async () => (runs += 1))).toBe(1);
    const away = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    away.on('error', () => undefined);
    const noRedis = overrideAreaLock(createRedisLock(away, { ttlMs: 1000, waitMs: 50 }), prefix, log);
    expect(await noRedis('area-1', async () => (runs += 1))).toBe(2);
    // A change that fails under the lock fails once; it is not run again without it.
    const free = overrideAreaLock(createRedisLock(redis, { ttlMs: 1000, waitMs: 2000, retryMs: 5 }), `${prefix}-free`, log);
    await expect(free('area-1', async () => { runs += 1; throw new Error('plan-changed'); })).rejects.toThrow('plan-changed');
    expect(runs).toBe(3);
    away.disconnect();
    await redis.del(areaLockKey(prefix, 'area-1'));
  });
});
