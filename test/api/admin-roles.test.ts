import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { DAUN_AREA, setUpDaun, type County } from './support/county';

interface Call {
  method: string;
  path: string;
  body?: unknown;
  csv?: string;
  status: number;
  /** The event an admin's call logs (none for reads). */
  kind?: string;
}

/**
 * Every route of the operator API for every role: riders, drivers and dispatchers get 403 and change
 * nothing; an admin succeeds, and each change is one event naming the admin and the reason.
 */
describeEachDriver('operator API × roles', (driver) => {
  let app: TestApp;
  let county: County;
  let calls: Array<[string, () => Call]>;
  let adminId: string;
  beforeAll(async () => {
    app = await startTestApp(driver);
    county = await setUpDaun(app, app.token('admin'));
    adminId = app.demo.users.find((u) => u.role === 'admin')!.userId;
    const admin = app.token('admin');
    const shift = await app.request('POST', `/v1/admin/vehicles/${county.vehicleId}/shifts`, { token: admin, body: { startAt: '2026-12-03T23:00:00+01:00', endAt: '2026-12-04T04:00:00+01:00' } });
    const user = await app.request('POST', '/v1/admin/users', { token: admin, body: { role: 'driver', name: 'Fahrer Daun', phone: '+49 6592 933-300' } });
    const { areaId, vehicleId, templateId } = county;
    const stopId = county.stopIds['MEH-DORF'];
    const reason = 'Einrichtung Vulkaneifel';
    calls = [
      ['list areas', () => ({ method: 'GET', path: '/v1/admin/areas', status: 200 })],
      ['create an area', () => ({ method: 'POST', path: '/v1/admin/areas', body: { ...DAUN_AREA, name: 'Zweites Gebiet', reason }, status: 201, kind: 'admin.area_created' })],
      ['read an area', () => ({ method: 'GET', path: `/v1/admin/areas/${areaId}`, status: 200 })],
      ['change an area', () => ({ method: 'PATCH', path: `/v1/admin/areas/${areaId}`, body: { hotline: '+49 6592 933-1', reason }, status: 200, kind: 'admin.area_updated' })],
      ['list stops', () => ({ method: 'GET', path: `/v1/admin/areas/${areaId}/stops`, status: 200 })],
      ['add a stop', () => ({ method: 'POST', path: `/v1/admin/areas/${areaId}/stops`, body: { code: 'WEI-KI', name: 'Weiersbach, Kirche', village: 'Weiersbach', lat: 50.215, lon: 6.8, reason }, status: 201, kind: 'admin.stop_created' })],
      ['upload a stops.txt', () => ({ method: 'POST', path: `/v1/admin/areas/${areaId}/stops/gtfs?reason=${encodeURIComponent(reason)}`, csv: 'stop_id,stop_name,stop_lat,stop_lon\nBOV-KI,"Boverath, Kirche",50.19,6.81', status: 200, kind: 'admin.stops_imported' })],
      ['read the matrix state', () => ({ method: 'GET', path: `/v1/admin/areas/${areaId}/matrix`, status: 200 })],
      ['list an area\u2019s links', () => ({ method: 'GET', path: `/v1/admin/areas/${areaId}/links`, status: 200 })],
      ['link two areas', () => ({ method: 'POST', path: `/v1/admin/areas/${areaId}/links`, body: { areaId: app.demo.areaId, reason }, status: 201, kind: 'admin.areas_linked' })],
      ['unlink two areas', () => ({ method: 'POST', path: `/v1/admin/areas/${areaId}/links/${app.demo.areaId}/unlink`, body: { reason }, status: 200, kind: 'admin.areas_unlinked' })],
      ['change a stop', () => ({ method: 'PATCH', path: `/v1/admin/stops/${stopId}`, body: { name: 'Mehren, Dorfplatz (Brunnen)', reason }, status: 200, kind: 'admin.stop_updated' })],
      ['list buses', () => ({ method: 'GET', path: `/v1/admin/areas/${areaId}/vehicles`, status: 200 })],
      ['add a bus', () => ({ method: 'POST', path: `/v1/admin/areas/${areaId}/vehicles`, body: { label: 'DAU-RB 2', seats: 6, depotStopId: stopId, reason }, status: 201, kind: 'admin.vehicle_created' })],
      ['change a bus', () => ({ method: 'PATCH', path: `/v1/admin/vehicles/${vehicleId}`, body: { seats: 7, reason }, status: 200, kind: 'admin.vehicle_updated' })],
      ['list shift templates', () => ({ method: 'GET', path: `/v1/admin/vehicles/${vehicleId}/shift-templates`, status: 200 })],
      ['add a shift template', () => ({ method: 'POST', path: `/v1/admin/vehicles/${vehicleId}/shift-templates`, body: { weekdays: [6], start: '23:10', end: '23:50', reason }, status: 201, kind: 'admin.shift_template_created' })],
      ['change a shift template', () => ({ method: 'PATCH', path: `/v1/admin/shift-templates/${templateId}`, body: { end: '22:30', breaks: [{ from: '12:00', to: '12:30' }], reason }, status: 200, kind: 'admin.shift_template_updated' })],
      ['deactivate a shift template', () => ({ method: 'POST', path: `/v1/admin/shift-templates/${templateId}/deactivate`, body: { reason }, status: 200, kind: 'admin.shift_template_deactivated' })],
      ['read the shift calendar', () => ({ method: 'GET', path: `/v1/admin/areas/${areaId}/shifts?from=2026-12-01&to=2026-12-14`, status: 200 })],
      ['add a dated shift', () => ({ method: 'POST', path: `/v1/admin/vehicles/${vehicleId}/shifts`, body: { startAt: '2026-12-05T23:00:00+01:00', endAt: '2026-12-06T02:00:00+01:00', reason }, status: 201, kind: 'admin.shift_created' })],
      ['cancel a shift', () => ({ method: 'POST', path: `/v1/admin/shifts/${shift.body.id}/cancel`, body: { reason }, status: 200, kind: 'admin.shift_cancelled' })],
      ['list users', () => ({ method: 'GET', path: '/v1/admin/users', status: 200 })],
      ['create a user', () => ({ method: 'POST', path: '/v1/admin/users', body: { role: 'dispatcher', name: 'Leitstelle', phone: '+49 6592 933-400', reason }, status: 201, kind: 'admin.user_created' })],
      ['read a user', () => ({ method: 'GET', path: `/v1/admin/users/${user.body.user.id}`, status: 200 })],
      ['change a login', () => ({ method: 'PATCH', path: `/v1/admin/users/${user.body.user.id}`, body: { vehicleIds: [vehicleId], reason }, status: 200, kind: 'admin.user_updated' })],
      ['reset a login', () => ({ method: 'POST', path: `/v1/admin/users/${user.body.user.id}/reset`, body: { reason }, status: 200, kind: 'admin.user_reset' })],
      ['deactivate a login', () => ({ method: 'POST', path: `/v1/admin/users/${user.body.user.id}/deactivate`, body: { reason }, status: 200, kind: 'admin.user_deactivated' })],
    ];
  });
  afterAll(() => app?.close());

  const send = (call: Call, token: string) => (call.csv !== undefined
    ? app.request(call.method, call.path, { token, rawBody: call.csv, headers: { 'content-type': 'text/csv' } })
    : app.request(call.method, call.path, { token, body: call.body }));

  it('refuses riders, drivers and dispatchers with 403 on every route, changing nothing', async () => {
    const before = await app.repos.events.count();
    for (const [what, make] of calls) {
      for (const role of ['rider', 'driver', 'dispatcher'] as const) {
        const res = await send(make(), app.token(role));
        expect(res.status, `${role}: ${what}`).toBe(403);
        expect(res.body.type).toMatch(/forbidden$/);
      }
    }
    expect(await app.repos.events.count()).toBe(before);
  });

  it('asks for a login without a token (401)', async () => {
    for (const [what, make] of calls) expect((await send(make(), '')).status, what).toBe(401);
  });

  it('lets an admin do each, and logs each change once with the admin and the reason', async () => {
    for (const [what, make] of calls) {
      const call = make();
      const before = await app.repos.events.count();
      const res = await send(call, app.token('admin'));
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(call.status);
      const logged = await app.database.db.select().from(events).orderBy(desc(events.id)).limit(1);
      if (!call.kind) {
        expect(await app.repos.events.count(), what).toBe(before);
        continue;
      }
      expect(await app.repos.events.count(), what).toBe(before + 1);
      expect(logged[0], what).toMatchObject({ kind: call.kind, actorId: adminId, reason: 'Einrichtung Vulkaneifel' });
    }
  });
});
