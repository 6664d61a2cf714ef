import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { openWindow, windowClosed } from '../../workers/coalesce';
import { createDispatchQueues } from '../../workers/queues';
import { testSettings } from './support/worker-app';

const { attempts, backoffMs, replanMinIntervalS } = testSettings();
const QUEUE_DEFAULTS = { attempts, backoffMs, replanMinIntervalMs: replanMinIntervalS * 1000 };

describe('batch windows', () => {
  const redis = new Redis(inject('redisUrl'));
  afterAll(() => redis.disconnect());

  it('gives every request inside a window the same id, and a new one after it closed', async () => {
    const key = `test:window:${randomUUID()}`;
    const first = await openWindow(redis, key, 150);
    const second = await openWindow(redis, key, 150);
    expect(second.id).toBe(first.id);
    expect(second.delayMs).toBeLessThanOrEqual(first.delayMs);
    await windowClosed(redis, key, first.id);
    expect(await redis.exists(key)).toBe(0);
    expect((await openWindow(redis, key, 150)).id).not.toBe(first.id);
  });

  it('says a window closed only once Redis expired it', async () => {
    const key = `test:window:${randomUUID()}`;
    const { id } = await openWindow(redis, key, 200);
    const started = Date.now();
    await windowClosed(redis, key, id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(await redis.get(key)).toBeNull();
    // A window that was never opened here (or is long gone) is closed.
    await windowClosed(redis, key, 'another-window');
  });

  it('queues one decide job per area and window, at once and carrying the window', async () => {
    const queues = createDispatchQueues({ ...QUEUE_DEFAULTS, redisUrl: inject('redisUrl'), prefix: `test-${randomUUID()}`, batchWindowMs: 300 });
    try {
      await Promise.all(Array.from({ length: 20 }, () => queues.requestDecision('area-a')));
      await queues.requestDecision('area-b');
      const jobs = await queues.bookings.getJobs(['waiting', 'delayed']);
      expect(jobs.map((j) => j.data.areaId).sort()).toEqual(['area-a', 'area-b']);
      for (const job of jobs) {
        expect(job.opts.delay ?? 0).toBe(0);
        expect(job.id).toBe(`decide_${job.data.areaId}_${job.data.windowId}`);
      }
      const a = jobs.find((j) => j.data.areaId === 'area-a')!;
      await queues.decideWindowClosed('area-a', a.data.windowId!);
      await queues.requestDecision('area-a');
      expect((await queues.bookings.getJobs(['waiting'])).filter((j) => j.data.areaId === 'area-a')).toHaveLength(2);
    } finally {
      vi.useRealTimers();
      await queues.bookings.obliterate({ force: true });
      await queues.close();
    }
  });

  it('joins a window this process opened without asking Redis again', async () => {
    const queues = createDispatchQueues({ ...QUEUE_DEFAULTS, redisUrl: inject('redisUrl'), prefix: `test-${randomUUID()}`, batchWindowMs: 500 });
    try {
      await queues.requestDecision('area-a');
      const calls: string[] = [];
      const spy = (command: { name: string }) => calls.push(command.name);
      const original = queues.connection.sendCommand.bind(queues.connection);
      queues.connection.sendCommand = ((command: { name: string }, ...rest: unknown[]) => {
        spy(command);
        return (original as (...args: unknown[]) => unknown)(command, ...rest);
      }) as typeof queues.connection.sendCommand;
      await Promise.all(Array.from({ length: 10 }, () => queues.requestDecision('area-a')));
      expect(calls).toEqual([]);
      // The window this process knows of has passed by its clock: the next request asks Redis.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 550);
      await queues.requestDecision('area-a');
      expect(calls.length).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
      await queues.bookings.obliterate({ force: true });
      await queues.close();
    }
  });
});
