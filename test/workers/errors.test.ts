import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { StraightLineEstimate, type LonLat, type TravelTimes } from '../../routing/travel-times';
import { capturedLog } from './support/captured-log';
import { startWorkerApp, type WorkerApp } from './support/worker-app';

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
  const { log, lines } = capturedLog('warn');
  beforeAll(async () => {
    app = await startWorkerApp({ driver: 'pglite', redisUrl: inject('redisUrl'), workers: true, env: { BATCH_WINDOW_MS: '50', JOB_BACKOFF_MS: '50' }, travelTimes, log });
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

  it('drops a job for an unknown service area with one warning, neither failing nor retrying it', async () => {
    const unknownArea = '00000000-0000-4000-8000-000000000000';
    for (const [queue, name] of [['bookings', 'decide'], ['reoptimise', 'reoptimise']] as const) {
      const events = new QueueEvents(queue, { connection: { url: inject('redisUrl') }, prefix: app.settings.queuePrefix });
      await events.waitUntilReady();
      const job = await app.dispatch.queues[queue].add(name, { areaId: unknownArea });
      expect(await job.waitUntilFinished(events, 10_000)).toMatchObject({ areaId: unknownArea, dropped: `unknown service area ${unknownArea}` });
      const done = (await app.dispatch.queues[queue].getJob(job.id!))!;
      expect(await done.getState()).toBe('completed');
      expect(done.attemptsMade).toBe(1);
      await events.close();
      // One line for the job, and no 'job failed' line beside it.
      const warnings = lines.filter((line) => line.jobId === job.id);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ level: 40, areaId: unknownArea, queue });
      expect(String(warnings[0].msg)).toMatch(/unknown service area dropped/);
    }
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
