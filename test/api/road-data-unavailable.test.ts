import { afterAll, beforeAll, expect, it } from 'vitest';
import { StraightLineEstimate } from '../../routing/travel-times';
import { driverAndDispatchRoutes } from '../../src/api/routes/dispatch';
import type { Stop } from '../../src/data-access/areas-repository';
import { createInProcessPlanChangeNotifier } from '../../src/domain/dispatch/plan-change-notifier';
import { createStopMatrixCache, type StopMatrix } from '../../src/domain/dispatch/stop-matrix';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
/** Stops the dispatch routes' matrix says it has no road data for (as while OSRM is away). */
const missing = new Set<string>();

beforeAll(async () => {
  const matrices = createStopMatrixCache(new StraightLineEstimate());
  const stopMatrix = async (areaId: string, stops: Stop[]): Promise<StopMatrix> => {
    const matrix = await matrices(areaId, stops);
    return missing.size === 0 ? matrix : { ...matrix, missingStopIds: new Set(missing), roadDataProblem: 'OSRM at http://osrm.internal:5000 (3 attempts): connect ECONNREFUSED' };
  };
  app = await startTestApp('pglite', { extraRoutes: (ctx) => driverAndDispatchRoutes(ctx, { notifier: createInProcessPlanChangeNotifier(), stopMatrix }) });
});
afterAll(() => app.close());

it('answers a dispatcher change that needs missing road data with 503 and Retry-After; the overview stays 200', async () => {
  const booked = await app.request('POST', '/v1/bookings', {
    token: app.token('dispatcher'),
    body: { rider: { name: 'Otto Offline', phone: '+49 6561 888001' }, pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: '2026-12-01T10:00:00+01:00', seats: 1 },
  });
  expect(booked.body.status).toBe('offered');
  const other = (await app.repos.areas.vehicles(app.demo.areaId)).find((v) => v.id !== booked.body.offer.vehicleId && v.inService)!;

  missing.add(app.stopId('RIT-KI'));
  const assign = await app.request('POST', `/v1/dispatch/bookings/${booked.body.id}/assign`, { token: app.token('dispatcher'), body: { vehicleId: other.id, reason: 'test' } });
  expect(assign.status).toBe(503);
  expect(assign.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(assign.headers.get('retry-after')).toBe('5');
  expect(assign.body).toMatchObject({ type: 'https://eifel-taxibus.example/problems/road-data-unavailable', status: 503 });
  expect(JSON.stringify(assign.body)).not.toMatch(/osrm\.internal/);

  const overview = await app.request('GET', '/v1/dispatch/overview', { token: app.token('dispatcher') });
  expect(overview.status).toBe(200);

  missing.clear();
  const retried = await app.request('POST', `/v1/dispatch/bookings/${booked.body.id}/assign`, { token: app.token('dispatcher'), body: { vehicleId: other.id, reason: 'test' } });
  expect(retried.status).toBe(200);
});
