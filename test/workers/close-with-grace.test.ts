import { describe, expect, inject, it } from 'vitest';
import { StraightLineEstimate } from '../../routing/travel-times';
import { createLogger } from '../../src/infra/logger';
import { startWorkers } from '../../workers';
import { TEST_NOW } from '../support/test-app';
import { until } from '../support/until';
import { demoRides, startWorkerApp, testSettings } from './support/worker-app';


describe('closing the workers on shutdown', () => {
  it('leaves a job that outlasts the grace period to another worker, which decides it', async () => {
    let reached!: () => void;
    const atCommit = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const settings = testSettings({ batchWindowMs: 0, jobLockMs: 1000, stalledIntervalMs: 500, lockTtlMs: 1000 });
    // The first pool's batch stops right before its write, as a long job would.
    const app = await startWorkerApp({ driver: 'pglite', redisUrl: inject('redisUrl'), workers: true, settings, observe: { beforeCommit: () => (reached(), gate) } });
    const [ride] = demoRides(await app.stopIds(), 1, 5);
    const posted = app.post('/v1/bookings', app.token('dispatcher'), ride);
    await atCommit;

    const closing = Date.now();
    await app.dispatch.close(300);
    expect(Date.now() - closing).toBeLessThan(2_000); // the grace period, not the job, bounds the wait
    const pending = await app.repos.bookings.countByStatus();
    expect(pending.pending).toBe(1);

    const other = await startWorkers({
      db: app.database.db, listen: app.database.listen, redisUrl: inject('redisUrl'), travelTimes: new StraightLineEstimate(),
      log: createLogger('silent'), settings, now: () => TEST_NOW,
    });
    try {
      await until('the left job to be decided by the other pool', async () => ((await app.repos.bookings.countByStatus()).pending ?? 0) === 0);
      const counts = await app.repos.bookings.countByStatus();
      expect((counts.offered ?? 0) + (counts.rejected ?? 0)).toBe(1);
    } finally {
      release();
      void posted.catch(() => undefined); // still waiting for its decision; cut off with the server below
      await other.close();
      await app.close().catch(() => undefined); // its pool is closed already; this closes the HTTP server and the database
    }
  }, 60_000);
});
