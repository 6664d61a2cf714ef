import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeEachDriver } from '../support/databases';
import { checkAllPlans, decisionEventCounts } from './support/check-plans';
import { demoRides, startWorkerApp, type WorkerApp } from './support/worker-app';

describeEachDriver('a burst of 200 bookings through the worker pool', (driver) => {
  let app: WorkerApp;
  beforeAll(async () => {
    app = await startWorkerApp({ driver, redisUrl: inject('redisUrl'), workers: true });
  });
  afterAll(() => app?.close());

  it('decides every booking in a few batches, with plans that hold', async () => {
    const rides = demoRides(await app.stopIds(), 200);
    const started = Date.now();
    const answers = await Promise.all(rides.map((ride) => app.post('/v1/bookings', app.token('dispatcher'), ride)));
    const elapsedMs = Date.now() - started;
    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
    const offered = answers.filter((a) => a.body.status === 'offered').length;
    const rejected = answers.filter((a) => a.body.status === 'rejected').length;
    expect(offered + rejected).toBe(200);
    expect(offered).toBeGreaterThan(50);
    console.log(`200 bookings in ${elapsedMs} ms: ${offered} offered, ${rejected} rejected`);

    const counts = await app.repos.bookings.countByStatus();
    expect(counts.pending ?? 0).toBe(0);
    expect(await checkAllPlans(app.database.db, app.demo.areaId)).toEqual([]);
    const eventCounts = await decisionEventCounts(app.database.db);
    expect(answers.every((a) => eventCounts.get(a.body.id) === 1)).toBe(true);
    // Batched: far fewer offer/rejection batches than bookings.
    const batches = new Set((await Promise.all(answers.slice(0, 50).map((a) => app.repos.events.forBooking(a.body.id))))
      .flat().filter((e) => e.kind === 'booking.offered').map((e) => e.data?.batchSize));
    expect(batches.size).toBeLessThan(10);
  });
});
