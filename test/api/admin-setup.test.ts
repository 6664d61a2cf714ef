import { afterAll, beforeAll, expect, it } from 'vitest';
import { firstStepsMessage } from '../../src/bootstrap';
import { adminCreate } from '../../src/cli/commands';
import { extendTemplateShifts } from '../../src/domain/admin/manage-shifts';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { until } from '../support/until';
import { daunRide, DAUN_STOPS, setUpDaun, type County } from './support/county';

/**
 * A county from nothing (issue 13, point 6): an empty database, the first admin from the command line,
 * then everything else through the operator API over HTTP, up to a first booking that is decided.
 */
describeEachDriver('setting up a county from an empty database', (driver) => {
  let app: TestApp;
  let adminToken: string;
  let county: County;
  beforeAll(async () => {
    // No cool-down between re-plans: each stop change's queued rebuild runs at once.
    app = await startTestApp(driver, { seedDemo: false, env: { REPLAN_MIN_INTERVAL_S: '0' } });
    const lines: string[] = [];
    const created = await adminCreate(app.service.ctx!, { name: 'Kreisverwaltung', phone: '+49 6592 933-100' }, { info: (l) => lines.push(l), error: (l) => lines.push(l) });
    adminToken = created.token;
    expect(lines.join('\n')).toContain(created.password);
    county = await setUpDaun(app, adminToken);
  });
  afterAll(() => app?.close());

  it('has the area, its five stops, the bus and a shift every day over the booking horizon', async () => {
    const area = await app.request('GET', `/v1/admin/areas/${county.areaId}`, { token: adminToken });
    expect(area.body).toMatchObject({ name: 'Rufbus Vulkaneifel (Daun)', timeZone: 'Europe/Berlin', hotline: '+4965929330', boundary: { type: 'Polygon' } });
    const stops = await app.request('GET', `/v1/admin/areas/${county.areaId}/stops`, { token: adminToken });
    expect(stops.body.items.map((s: { code: string }) => s.code).sort()).toEqual([...DAUN_STOPS.map((s) => s.code), 'STE-KI'].sort());
    const shifts = await app.repos.fleet.shiftsOfVehicle(county.vehicleId, app.clock.now, new Date(app.clock.now.getTime() + 30 * 86_400_000));
    // Today (Tuesday 1 December, 05:00–23:00, still running at 06:00) and the 14 days after.
    expect(shifts).toHaveLength(15);
    expect(shifts[0].startAt.toISOString()).toBe('2026-12-01T04:00:00.000Z');
    expect(shifts.at(-1)!.endAt.toISOString()).toBe('2026-12-15T22:00:00.000Z');
  });

  it('lets a dispatcher it creates book a caller\'s first ride by coordinates, which is decided and offered', async () => {
    const dispatcher = await app.request('POST', '/v1/admin/users', { token: adminToken, body: { role: 'dispatcher', name: 'Leitstelle Daun', phone: '06592 933-200', areaIds: [county.areaId] } });
    expect(dispatcher.status).toBe(201);
    expect(dispatcher.body.user).toMatchObject({ role: 'dispatcher', phone: '+496592933200', areaIds: [county.areaId] });
    expect(dispatcher.body.password).toMatch(/^[A-Za-z2-9]{16}$/);
    const booking = await app.request('POST', '/v1/bookings', { token: dispatcher.body.token, body: { ...daunRide(app), rider: { name: 'Erna Schmitz', phone: '06592 1234' } } });
    expect(booking.status, JSON.stringify(booking.body)).toBe(201);
    expect(booking.body.status).toBe('offered');
    expect(booking.body.pickup.code).toBe('DAU-BF');
    expect(booking.body.dropoff.code).toBe('SCH-MAAR');
    const stored = (await app.repos.bookings.findById(booking.body.id))!;
    expect(stored.areaId).toBe(county.areaId);
    expect(stored.vehicleId).toBe(county.vehicleId);
  });

  it('keeps the area closed on its dated exception (a closure day)', async () => {
    const res = await app.request('POST', '/v1/bookings', { token: adminToken, body: { ...daunRide(app, { departAfter: '2026-12-08T10:00:00+01:00' }), rider: { name: 'Erna Schmitz', phone: '06592 1234' } } });
    expect(res.status).toBe(422);
    expect(res.body.type).toMatch(/outside-operating-hours$/);
  });

  it('marks the matrix stale when a stop moves, and a queued rebuild makes it current again', async () => {
    await until('the first matrix', async () => (await app.request('GET', `/v1/admin/areas/${county.areaId}/matrix`, { token: adminToken })).body.current === true);
    const before = await app.repos.admin.matrixOf(county.areaId);
    const moved = await app.request('PATCH', `/v1/admin/stops/${county.stopIds['GEM-KI']}`, { token: adminToken, body: { lat: 50.179, lon: 6.836, reason: 'Haltestelle verlegt (Baustelle)' } });
    expect(moved.status).toBe(200);
    // Same stop ids, other coordinates: the stored matrix is no longer the one of these stops.
    expect((await app.request('GET', `/v1/admin/areas/${county.areaId}/matrix`, { token: adminToken })).body).toMatchObject({ current: false, stops: 5 });
    await until('the rebuilt matrix', async () => (await app.request('GET', `/v1/admin/areas/${county.areaId}/matrix`, { token: adminToken })).body.current === true);
    const after = await app.repos.admin.matrixOf(county.areaId);
    expect(after!.builtAt.getTime()).toBeGreaterThan(before!.builtAt.getTime());
  });


  it('extends the template over the horizon as days pass (every area, once), and never brings back a cancelled shift', async () => {
    const [tomorrow] = await app.repos.fleet.shiftsOfVehicle(county.vehicleId, new Date('2026-12-02T12:00:00Z'), new Date('2026-12-02T12:00:01Z'));
    const cancelled = await app.request('POST', `/v1/admin/shifts/${tomorrow.id}/cancel`, { token: adminToken, body: { reason: 'Betriebsversammlung' } });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const later = new Date(app.clock.now.getTime() + 3 * 86_400_000);
    expect(await extendTemplateShifts(app.repos, later)).toBe(3);
    expect(await extendTemplateShifts(app.repos, later)).toBe(0);
    const planned = await app.repos.fleet.shiftsOfVehicle(county.vehicleId, new Date('2026-12-02T00:00:00Z'), new Date('2026-12-03T00:00:00Z'));
    expect(planned).toEqual([]);
  });
});

describeEachDriver('the start-up message', (driver) => {
  it('tells how to create the first admin on an empty database without the demo, then where to go on', async () => {
    const app = await startTestApp(driver, { seedDemo: false });
    try {
      const config = { SEED_DEMO: false, DATA_DIR: '/nonexistent' };
      const first = await firstStepsMessage(config, app.repos);
      expect(first).toContain('npm run cli -- admin:create');
      expect(first).not.toMatch(/demo/i);
      await adminCreate(app.service.ctx!, { name: 'Kreisverwaltung', phone: '+49 6592 933-100' }, { info: () => {}, error: () => {} });
      expect(await firstStepsMessage(config, app.repos)).toContain('/v1/admin');
    } finally {
      await app.close();
    }
  });
});
