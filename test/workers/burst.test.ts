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

    // Every driver's manifest shows exactly the plan the database holds for their shift.
    let stopsShown = 0;
    for (const driver of app.demo.users.filter((u) => u.role === 'driver')) {
      const manifest = await app.get('/v1/driver/manifest', driver.token);
      expect(manifest.status).toBe(200);
      const [plan] = await app.repos.fleet.plansForShifts([manifest.body.shiftId]);
      expect(manifest.body.version).toBe(plan?.version ?? 0);
      const planned = plan?.stops ?? [];
      const collapsed = planned.filter((stop, i) => i === 0 || planned[i - 1].stopId !== stop.stopId);
      expect(manifest.body.stops.map((s: { stopId: string }) => s.stopId)).toEqual(collapsed.map((s) => s.stopId));
      expect(manifest.body.stops.map((s: { plannedAt: string }) => s.plannedAt)).toEqual(collapsed.map((s) => s.plannedAt));
      const shown = manifest.body.stops.flatMap((s: { boarding: Array<{ bookingId: string }>; alighting: Array<{ bookingId: string }> }) => [
        ...s.boarding.map((b) => `${b.bookingId}/pickup`),
        ...s.alighting.map((b) => `${b.bookingId}/dropoff`),
      ]);
      expect([...shown].sort()).toEqual(planned.map((s) => `${s.bookingId}/${s.kind}`).sort());
      stopsShown += shown.length;
    }
    expect(stopsShown).toBe(2 * offered);
  });
});
