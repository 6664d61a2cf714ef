import { describe, expect, inject, it } from 'vitest';
import { StraightLineEstimate } from '../../routing/travel-times';
import { createLogger } from '../../src/infra/logger';
import { composeService } from '../../src/compose';
import { parseConfig } from '../../src/config/env';
import { TEST_NOW } from '../support/test-app';
import { until } from '../support/until';
import { demoRides, startWorkerApp, WORKER_TEST_ENV } from './support/worker-app';


describe('closing the workers on shutdown', () => {
  it('leaves a job that outlasts the grace period to another worker, which decides it', async () => {
    let reached!: () => void;
    const atCommit = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const env = { BATCH_WINDOW_MS: '0', JOB_LOCK_MS: '1000', STALLED_INTERVAL_MS: '500', AREA_LOCK_TTL_MS: '1000' };
    // The first pool's batch stops right before its write, as a long job would.
    const app = await startWorkerApp({ driver: 'pglite', redisUrl: inject('redisUrl'), workers: true, env, observe: { beforeCommit: () => (reached(), gate) } });
    const [ride] = demoRides(await app.stopIds(), 1, 5);
    const posted = app.post('/v1/bookings', app.token('dispatcher'), ride);
    await atCommit;

    // The job is still held at its gate: that close() returns at all shows the grace period, not the job, bounds the wait.
    await app.dispatch.close(300);
    const pending = await app.repos.bookings.countByStatus();
    expect(pending.pending).toBe(1);

    // Another worker process of the same deployment, composed as `npm run worker` composes it.
    const other = await composeService(parseConfig({ ...WORKER_TEST_ENV, ...env, REDIS_PREFIX: app.settings.queuePrefix }), {
      database: app.database, redisUrl: inject('redisUrl'), travelTimes: new StraightLineEstimate(), log: createLogger('silent'), now: () => TEST_NOW,
    }, 'worker');
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
