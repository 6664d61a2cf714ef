import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { StraightLineEstimate, type LonLat, type TravelTimes } from '../../routing/travel-times';
import { startWorkerApp, testSettings, type WorkerApp } from './support/worker-app';

/** Travel times whose first `failures` matrix calls fail like an OSRM outage. */
function flakyTravelTimes(failures: number): TravelTimes & { calls: number } {
  const inner = new StraightLineEstimate();
  const flaky = {
    kind: inner.kind,
    calls: 0,
    async matrix(sources: LonLat[], destinations?: LonLat[]) {
      flaky.calls += 1;
      if (flaky.calls <= failures) throw new Error('OSRM: 503 Service Unavailable');
      return inner.matrix(sources, destinations);
    },
    route: inner.route.bind(inner),
    nearest: inner.nearest.bind(inner),
  };
  return flaky;
}

describe('worker pool failure handling', () => {
  let app: WorkerApp;
  const travelTimes = flakyTravelTimes(2);
  beforeAll(async () => {
    app = await startWorkerApp({ driver: 'pglite', redisUrl: inject('redisUrl'), workers: true, settings: testSettings({ batchWindowMs: 50, backoffMs: 50 }), travelTimes });
  });
  afterAll(() => app?.close());

  it('retries a routing hiccup with backoff and then decides', async () => {
    const stops = await app.stopIds();
    const res = await app.post('/v1/bookings', app.token('dispatcher'), {
      pickup: { stopId: stops.get('RIT-KI') }, dropoff: { stopId: stops.get('BIT-KH') }, departAfter: '2026-12-01T09:00:00+01:00', seats: 1,
      rider: { name: 'Anna Retry', phone: '+49 6561 555001' },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('offered');
    expect(travelTimes.calls).toBeGreaterThanOrEqual(3);
    const [job] = await app.dispatch.queues.bookings.getCompleted();
    expect(job.attemptsMade).toBeGreaterThanOrEqual(2);
  });

  it('fails a job with bad input at once, without retries', async () => {
    const events = new QueueEvents('bookings', { connection: { url: inject('redisUrl') }, prefix: app.settings.queuePrefix });
    await events.waitUntilReady();
    const job = await app.dispatch.queues.bookings.add('decide', { areaId: '00000000-0000-4000-8000-000000000000' });
    await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow(/unknown service area/);
    const failed = (await app.dispatch.queues.bookings.getJob(job.id!))!;
    expect(failed.attemptsMade).toBe(1);
    expect(await failed.getState()).toBe('failed');
    await events.close();
  });

  it('turns a replan event into a re-optimisation of the area', async () => {
    const events = new QueueEvents('reoptimise', { connection: { url: inject('redisUrl') }, prefix: app.settings.queuePrefix });
    await events.waitUntilReady();
    const done = new Promise<string>((resolve) => events.once('completed', ({ returnvalue }) => resolve(String(JSON.stringify(returnvalue)))));
    await app.dispatch.enqueueReplan(app.demo.areaId, 'vehicle.out_of_service');
    expect(await done).toMatch(/swept|written/);
    await events.close();
  });

  it('serves the queue dashboard to admins', async () => {
    const res = await fetch(`${app.url}/admin/queues`, { headers: { authorization: `Bearer ${app.token('admin')}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<html/i);
  });
});
