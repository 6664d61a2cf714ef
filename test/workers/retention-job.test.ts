import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it, vi } from 'vitest';
import { startRetentionJob } from '../../workers/retention';

const quiet = { info: () => undefined, error: () => undefined };

describe('the retention job', () => {
  it('runs once at start and then once a day, however many worker processes schedule it', async () => {
    const queuePrefix = `test-${randomUUID()}`;
    let runs = 0;
    const deps = { redisUrl: inject('redisUrl'), queuePrefix, log: quiet, run: async () => ({ anonymisedRides: ++runs }), retries: { attempts: 1, backoffMs: 100 } };
    const [a, b] = [await startRetentionJob(deps), await startRetentionJob(deps)];
    try {
      await vi.waitFor(async () => expect(await a.queue.getJobCounts('completed')).toEqual({ completed: 1 }), { timeout: 10_000 });
      expect(runs).toBe(1);
      const schedulers = await a.queue.getJobSchedulers();
      expect(schedulers).toHaveLength(1);
      expect(schedulers[0]).toMatchObject({ key: 'daily-retention', every: 86_400_000 });
      // The next run waits a day.
      const [next] = await a.queue.getJobs(['delayed']);
      expect(next.opts.delay).toBeGreaterThan(86_000_000);
    } finally {
      await b.close();
      await a.queue.obliterate({ force: true });
      await a.close();
    }
  });
});
