import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { shifts } from '../../db/schema';
import { RoutingError, StraightLineEstimate, type TravelTimes } from '../../routing/travel-times';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
/** While set, the road data cannot be reached (as while OSRM is away). */
let osrmAway = false;

beforeAll(async () => {
  const estimate = new StraightLineEstimate();
  const travelTimes: TravelTimes = {
    kind: estimate.kind,
    matrix: async (sources, destinations) => {
      if (osrmAway) throw new RoutingError('Unreachable', 'OSRM at http://osrm.internal:5000 (3 attempts): connect ECONNREFUSED');
      return estimate.matrix(sources, destinations);
    },
    route: (points, options) => estimate.route(points, options),
    nearest: (point, count) => estimate.nearest(point, count),
  };
  app = await startTestApp('pglite', { travelTimes });
});
afterAll(() => app.close());

it('answers a dispatcher change that needs missing road data with 503 and Retry-After; the overview stays 200', async () => {
  const booked = await app.request('POST', '/v1/bookings', {
    token: app.token('dispatcher'),
    body: { rider: { name: 'Otto Offline', phone: '+49 6561 888001' }, pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: '2026-12-01T10:00:00+01:00', seats: 1 },
  });
  expect(booked.body.status).toBe('offered');
  const other = (await app.repos.areas.vehicles(app.demo.areaId)).find((v) => v.id !== booked.body.offer.vehicleId && v.inService)!;

  // OSRM goes away, and the other bus now ends its shift at a depot stop added since the matrix was built.
  osrmAway = true;
  await app.repos.areas.upsertStops(app.demo.areaId, [{ code: 'NEU-DEPOT', name: 'Neues Depot', village: 'Bitburg', lat: 49.97, lon: 6.53 }]);
  const depot = (await app.repos.areas.allStops(app.demo.areaId)).find((s) => s.code === 'NEU-DEPOT')!;
  await app.database.db.update(shifts).set({ endDepotStopId: depot.id }).where(eq(shifts.vehicleId, other.id));

  const assign = await app.request('POST', `/v1/dispatch/bookings/${booked.body.id}/assign`, { token: app.token('dispatcher'), body: { vehicleId: other.id, reason: 'test' } });
  expect(assign.status).toBe(503);
  expect(assign.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(assign.headers.get('retry-after')).toBe('5');
  expect(assign.body).toMatchObject({ type: 'https://eifel-taxibus.example/problems/road-data-unavailable', status: 503 });
  expect(JSON.stringify(assign.body)).not.toMatch(/osrm\.internal/);

  const overview = await app.request('GET', '/v1/dispatch/overview', { token: app.token('dispatcher') });
  expect(overview.status).toBe(200);

  // Back: the stored matrix is rebuilt at its next try (it waits a little after a failure).
  osrmAway = false;
  await vi.waitFor(async () => {
    const retried = await app.request('POST', `/v1/dispatch/bookings/${booked.body.id}/assign`, { token: app.token('dispatcher'), body: { vehicleId: other.id, reason: 'test' } });
    expect(retried.status).toBe(200);
  }, { timeout: 10_000, interval: 250 });
});
