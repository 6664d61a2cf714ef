import { afterAll, beforeAll, expect, inject, it, vi } from 'vitest';
import type { Database } from '../../db/client';
import { OsrmTravelTimes } from '../../routing/travel-times';
import { createRepositories } from '../../src/domain/context';
import { buildAndStoreStopMatrix } from '../../src/domain/dispatch/stop-matrix-store';
import { describeEachDriver, freshDatabase } from '../support/databases';
import { startOsrmReplayServer, type OsrmReplayServer } from '../support/osrm-replay-server';
import { TEST_NOW } from '../support/test-app';
import { startWorkerApp, type WorkerApp } from './support/worker-app';

/** Reads until `done` holds (vi.waitFor), or the time is up; returns the last value read. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, withinMs: number): Promise<T> {
  let last: T | undefined;
  await vi.waitFor(async () => {
    last = await read();
    if (!done(last)) throw new Error('not yet');
  }, { timeout: withinMs, interval: 100 }).catch(() => undefined);
  return last as T;
}

describeEachDriver('an OSRM outage with a stop added since the last matrix build', (driver) => {
  let osrm: OsrmReplayServer;
  let database: Database;
  let app: WorkerApp;
  const clock = { now: TEST_NOW };
  let newStopId: string;
  let stopIds: Map<string, string>;

  beforeAll(async () => {
    osrm = await startOsrmReplayServer({ synthesiseTables: true });
    const travelTimes = new OsrmTravelTimes({ baseUrl: osrm.url, timeoutMs: 1000, backoffMs: 50 });
    database = await freshDatabase(driver);
    const repos = createRepositories(database.db);
    app = await startWorkerApp({
      driver, redisUrl: inject('redisUrl'), workers: true, database, travelTimes, clock,
      env: { DECISION_WAIT_MS: '15000', ROAD_DATA_RETRY_MAX_S: '1', OSRM_HEALTH_CACHE_MS: '100' },
    });
    await buildAndStoreStopMatrix(database.db, travelTimes, app.demo.areaId);
    await repos.areas.upsertStops(app.demo.areaId, [{ code: 'NEW-1', name: 'Neu, Halt', village: 'Neu', lat: 49.99, lon: 6.51, wheelchairAccessible: false, active: true }]);
    stopIds = await app.stopIds();
    newStopId = stopIds.get('NEW-1')!;
    await osrm.goDown();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await osrm?.close();
  });

  const book = (pickupStopId: string, departAfter: string, phone: string) => app.post('/v1/bookings', app.token('dispatcher'), {
    pickup: { stopId: pickupStopId }, dropoff: { stopId: stopIds.get('BIT-KH') }, departAfter, seats: 1, rider: { name: 'Rita Road', phone },
  });

  it('keeps reads and untouched stops working, holds the new stop\'s booking with a reason, and decides it once OSRM is back', async () => {
    const health = await app.get('/health', app.token('admin'));
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'degraded', checks: { osrm: 'degraded' }, reasons: { osrm: expect.stringMatching(/cannot be reached/) } });

    // A ride between stops of the stored matrix is decided as usual.
    const usual = await book(stopIds.get('RIT-KI')!, '2026-12-01T09:00:00+01:00', '+49 6561 555101');
    expect(usual.status).toBe(201);
    expect(usual.body.status).toBe('offered');

    const waiting = await book(newStopId, '2026-12-01T09:30:00+01:00', '+49 6561 555102');
    expect(waiting.status).toBe(202);
    // Answered once the worker knows it waits (a 202 after the 15 s decision wait would carry no reason).
    expect(waiting.body.status).toBe('pending');
    expect(waiting.body.pending).toMatchObject({ reason: 'road_data_unavailable', decideBy: '2026-12-01T08:00:00.000Z' });

    const overview = await app.get('/v1/dispatch/overview', app.token('dispatcher'));
    expect(overview.status).toBe(200);
    expect(overview.body.bookings.pending.map((b: { id: string }) => b.id)).toContain(waiting.body.id);

    // Several retries later it still waits (not given up after five quick attempts).
    const retried = async () => (await app.dispatch.queues.bookings.getJobs(['completed'])).filter((job) => job.id?.startsWith('decide-retry_')).length;
    await vi.waitFor(async () => expect(await retried()).toBeGreaterThanOrEqual(2), { timeout: 15_000, interval: 100 });
    expect((await app.get(`/v1/bookings/${waiting.body.id}`, app.token('dispatcher'))).body.status).toBe('pending');

    await osrm.comeBack();
    // Periodic re-optimisation is off here (REOPTIMISE_EVERY_S=0): only the booking's own retry can decide it.
    const decided = await until(() => app.get(`/v1/bookings/${waiting.body.id}`, app.token('dispatcher')), (r) => r.body.status !== 'pending', 10_000);
    expect(decided.body.status).toBe('offered');
    expect(decided.body.offer.estimated).toBe(false);
    const healthy = await until(() => app.get('/health', app.token('admin')), (r) => r.body.status === 'ok', 2000);
    expect(healthy.body).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok', osrm: 'ok' } });
  });

  it('rejects a waiting booking with a clear reason once its lead time has run out', async () => {
    await osrm.goDown();
    // Added as an operator adds it (the API's stop cache learns of it at once; a row written behind
    // its back would be unknown to bookings for up to AREA_CACHE_TTL_MS).
    const added = await app.post(`/v1/admin/areas/${app.demo.areaId}/stops`, app.token('admin'), { code: 'NEW-2', name: 'Neu, Kirche', village: 'Neu', lat: 49.995, lon: 6.515, wheelchairAccessible: false, reason: 'Neue Haltestelle' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const stop = (await app.stopIds()).get('NEW-2')!;
    const waiting = await book(stop, '2026-12-01T07:00:00+01:00', '+49 6561 555103');
    expect(waiting.status, JSON.stringify(waiting.body)).toBe(202);
    expect(waiting.body.pending.reason).toBe('road_data_unavailable');
    // Booked an hour ahead with 30 min minimum lead: at 06:31 it can no longer be promised.
    clock.now = new Date('2026-12-01T06:31:00+01:00');
    const rejected = await until(() => app.get(`/v1/bookings/${waiting.body.id}`, app.token('dispatcher')), (r) => r.body.status !== 'pending', 20_000);
    expect(rejected.body.status).toBe('rejected');
    expect(rejected.body.rejection.reason).toBe('road_data_unavailable');
    await osrm.comeBack();
  });
});
