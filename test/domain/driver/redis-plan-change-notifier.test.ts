import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describe } from 'vitest';
import { createRedisPlanChangeNotifier, type PlanChangeNotifier } from '../../../src/domain/dispatch/plan-change-notifier';

describe('Redis plan-change notifier (two processes, one Redis)', () => {
  let redisA: Redis;
  let redisB: Redis;
  let writer: PlanChangeNotifier;
  let reader: PlanChangeNotifier;
  const prefix = `test-${randomUUID()}:plan:`;

  beforeAll(async () => {
    redisA = new Redis(inject('redisUrl'));
    redisB = new Redis(inject('redisUrl'));
    writer = await createRedisPlanChangeNotifier(redisA, { prefix });
    reader = await createRedisPlanChangeNotifier(redisB, { prefix });
  });
  afterAll(async () => {
    await writer.close();
    await reader.close();
    redisA.disconnect();
    redisB.disconnect();
  });

  it('delivers a change on the shift\u2019s channel to the other process within milliseconds', async () => {
    const shiftId = randomUUID();
    const heard = new Promise<{ version: number; ms: number }>((resolve) => {
      const started = performance.now();
      const off = reader.subscribe(shiftId, (version) => {
        off();
        resolve({ version, ms: performance.now() - started });
      });
    });
    await writer.notify(shiftId, 7);
    const { version, ms } = await heard;
    expect(version).toBe(7);
    expect(ms).toBeLessThan(500);
    expect(reader.latest(shiftId)).toBe(7);
    expect(writer.latest(shiftId)).toBe(7);
  });

  it('ignores versions older than one already heard', async () => {
    const shiftId = randomUUID();
    const seen: number[] = [];
    const off = reader.subscribe(shiftId, (v) => seen.push(v));
    await writer.notify(shiftId, 3);
    await writer.notify(shiftId, 2);
    await writer.notify(shiftId, 4);
    await new Promise((r) => setTimeout(r, 100));
    off();
    expect(seen).toEqual([3, 4]);
  });
});
