import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { validateGtfsFlexFeed } from '../support/gtfs-flex-validator';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { daunRide, DAUN_AREA, setUpDaun, type County } from './support/county';

/** What the operator API refuses and how its changes reach bookings, logins and plans. */
describeEachDriver('operator API', (driver) => {
  let app: TestApp;
  let county: County;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp(driver);
    admin = app.token('admin');
    county = await setUpDaun(app, admin);
  });
  afterAll(() => app?.close());

  const caller = { name: 'Erna Schmitz', phone: '06592 1234' };
  const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);

  it('refuses boundaries that cross themselves, rings that are not closed, sizes no county has and unknown time zones, naming the field', async () => {
    const bowtie = { type: 'Polygon', coordinates: [[[6.8, 50.1], [6.9, 50.2], [6.9, 50.1], [6.8, 50.2], [6.8, 50.1]]] };
    const open = { type: 'Polygon', coordinates: [[[6.8, 50.1], [6.9, 50.1], [6.9, 50.2], [6.8, 50.2]]] };
    const tiny = { type: 'Polygon', coordinates: [[[6.8, 50.1], [6.8001, 50.1], [6.8001, 50.1001], [6.8, 50.1]]] };
    const swapped = { type: 'Polygon', coordinates: [[[50.1, 6.8], [50.2, 6.8], [50.2, 96.9], [50.1, 6.8]]] };
    const cases: Array<[unknown, string, RegExp]> = [
      [{ ...DAUN_AREA, boundary: bowtie }, 'boundary.coordinates', /cross/],
      [{ ...DAUN_AREA, boundary: open }, 'boundary.coordinates.0', /closed ring/],
      [{ ...DAUN_AREA, boundary: tiny }, 'boundary', /km²/],
      [{ ...DAUN_AREA, boundary: swapped }, 'boundary.coordinates.0.2', /WGS84/],
      [{ ...DAUN_AREA, boundary: { type: 'LineString', coordinates: [] } }, 'boundary.type', /./],
      [{ ...DAUN_AREA, timeZone: 'Europe/Daun' }, 'timeZone', /unknown IANA time zone/],
      [{ ...DAUN_AREA, rules: { ...DAUN_AREA.rules, pickupWindowMin: 0 } }, 'rules.pickupWindowMin', /./],
      [{ ...DAUN_AREA, infoUrl: 'javascript:alert(1)' }, 'infoUrl', /http/],
    ];
    for (const [body, field, message] of cases) {
      const res = await app.request('POST', '/v1/admin/areas', { token: admin, body });
      expect(res.status, field).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(fieldsOf(res.body), JSON.stringify(res.body)).toContain(field);
      expect(res.body.errors.find((e: { field: string }) => e.field === field).message).toMatch(message);
    }
  });

  it('answers client mistakes with 4xx problems naming the field: unknown fields, wrong types, no change, bad ids, other media types', async () => {
    const cases: Array<[string, string, unknown, number, string[]]> = [
      ['POST', '/v1/admin/areas', { ...DAUN_AREA, colour: 'red' }, 400, ['colour']],
      ['PATCH', `/v1/admin/areas/${county.areaId}`, { reason: 'nur ein Grund' }, 400, ['name']],
      ['POST', `/v1/admin/areas/${county.areaId}/stops`, { code: 'X', name: 'X', village: 'X', lat: '50.2', lon: 6.8 }, 400, ['lat']],
      ['PATCH', `/v1/admin/stops/${county.stopIds['DAU-BF']}`, { lat: 50.2 }, 400, ['lon']],
      ['POST', `/v1/admin/areas/${county.areaId}/vehicles`, { label: 'B', seats: 0, depotStopId: 'depot' }, 400, ['seats', 'depotStopId']],
      ['POST', `/v1/admin/vehicles/${county.vehicleId}/shift-templates`, { weekdays: [1, 1], start: '22:00', end: '06:00' }, 400, ['weekdays', 'end']],
      ['POST', `/v1/admin/vehicles/${county.vehicleId}/shifts`, { startAt: '2026-12-02T08:00:00+01:00', endAt: '2026-12-03T08:00:00+01:00' }, 400, ['endAt']],
      ['POST', '/v1/admin/users', { role: 'rider', name: 'R', phone: '+49 6592 1' }, 400, ['role']],
      ['POST', '/v1/admin/users', { role: 'admin', name: 'A', phone: 'Telefon' }, 400, ['phone']],
      ['POST', `/v1/admin/areas/${county.areaId}/vehicles`, { label: 'B', seats: 4, depotStopId: app.stopId('RIT-KI') }, 400, ['depotStopId']],
    ];
    for (const [method, path, body, status, fields] of cases) {
      const res = await app.request(method, path, { token: admin, body });
      expect(res.status, `${method} ${path} ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      for (const field of fields) expect(fieldsOf(res.body), `${method} ${path}`).toContain(field);
    }
    for (const path of ['/v1/admin/areas/eifel', '/v1/admin/users/1', '/v1/admin/areas/00000000-0000-4000-8000-000000000001']) {
      expect((await app.request('GET', path, { token: admin })).status, path).toBe(404);
    }
    const text = await app.request('POST', '/v1/admin/areas', { token: admin, rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(text.status).toBe(415);
    const empty = await app.request('POST', `/v1/admin/areas/${county.areaId}/stops/gtfs`, { token: admin, rawBody: '', headers: { 'content-type': 'text/csv' } });
    expect(empty.status).toBe(400);
    expect(fieldsOf(empty.body)).toEqual(['body']);
    const broken = await app.request('POST', `/v1/admin/areas/${county.areaId}/stops/gtfs`, { token: admin, rawBody: 'stop_id,stop_name,stop_lat,stop_lon\nX,"Irgendwo",north,6.8', headers: { 'content-type': 'text/csv' } });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ type: expect.stringMatching(/\/gtfs-stops-invalid$/), lines: [{ line: 2, field: 'stop_lat', problem: 'not-decimal' }] });
  });

  it('publishes an area set up here as a GTFS-Flex feed that passes the field rules, its closure day in calendar_dates.txt', async () => {
    const res = await fetch(`${app.url}/v1/admin/areas/${county.areaId}/gtfs-flex.zip`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const files = Object.fromEntries(Object.entries(unzipSync(new Uint8Array(await res.arrayBuffer()))).map(([name, data]) => [name, strFromU8(data)]));
    expect(validateGtfsFlexFeed(files)).toEqual([]);
    expect(files['calendar_dates.txt']).toMatch(/,20261208,2/);
    expect(files['booking_rules.txt']).toContain('+4965929330');
  });

  it('takes an area in two parts (MultiPolygon) and books by coordinates in either part', async () => {
    const west = [[6.96, 50.3], [7.0, 50.3], [7.0, 50.34], [6.96, 50.34], [6.96, 50.3]];
    const east = [[7.1, 50.3], [7.14, 50.3], [7.14, 50.34], [7.1, 50.34], [7.1, 50.3]];
    const res = await app.request('POST', '/v1/admin/areas', { token: admin, body: { ...DAUN_AREA, name: 'Zwei Teile', boundary: { type: 'MultiPolygon', coordinates: [[west], [east]] } } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const inEast = await app.request('POST', `/v1/admin/areas/${res.body.id}/stops`, { token: admin, body: { code: 'E', name: 'Ost', village: 'Ost', lat: 50.32, lon: 7.12 } });
    expect(inEast.status).toBe(201);
    const between = await app.request('POST', `/v1/admin/areas/${res.body.id}/stops`, { token: admin, body: { code: 'M', name: 'Mitte', village: 'Mitte', lat: 50.32, lon: 7.05 } });
    expect(between.status).toBe(400);
    expect(fieldsOf(between.body)).toEqual(['lat']);
  });

  it('sends a coordinate booking to the area holding the pickup; a drop-off in another area is a 422 naming it', async () => {
    const inDaun = await app.request('POST', '/v1/bookings', { token: app.token('dispatcher'), body: { ...daunRide(app), rider: caller } });
    expect(inDaun.status, JSON.stringify(inDaun.body)).toBe(201);
    expect((await app.repos.bookings.findById(inDaun.body.id))!.areaId).toBe(county.areaId);
    const inEifel = await app.request('POST', '/v1/bookings', { token: app.token('rider'), body: { ...daunRide(app), pickup: { lat: 49.9962, lon: 6.5035 }, dropoff: { lat: 49.9337, lon: 6.6405 } } });
    expect(inEifel.status, JSON.stringify(inEifel.body)).toBe(201);
    expect((await app.repos.bookings.findById(inEifel.body.id))!.areaId).toBe(app.demo.areaId);
    const across = await app.request('POST', '/v1/bookings', { token: app.token('rider'), body: { ...daunRide(app), dropoff: { lat: 49.9337, lon: 6.6405 } } });
    expect(across.status).toBe(422);
    expect(across.body.type).toMatch(/outside-service-area$/);
    expect(fieldsOf(across.body)).toEqual(['dropoff']);
    const nowhere = await app.request('POST', '/v1/bookings', { token: app.token('rider'), body: { ...daunRide(app), pickup: { lat: 48.1, lon: 11.5 } } });
    expect(nowhere.status).toBe(422);
    expect(fieldsOf(nowhere.body)).toEqual(['pickup']);
  });

  it('refuses to deactivate a stop booked rides use (409 listing them) unless forced with a reason; then new bookings cannot choose it', async () => {
    const stopId = county.stopIds['GEM-KI'];
    const booked = await app.request('POST', '/v1/bookings', { token: app.token('dispatcher'), body: { ...daunRide(app), dropoff: { stopId }, rider: caller } });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const refused = await app.request('PATCH', `/v1/admin/stops/${stopId}`, { token: admin, body: { active: false } });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/stop-in-use$/);
    expect(refused.body.bookingIds).toEqual([booked.body.id]);
    const noReason = await app.request('PATCH', `/v1/admin/stops/${stopId}`, { token: admin, body: { active: false, force: true } });
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    const forced = await app.request('PATCH', `/v1/admin/stops/${stopId}`, { token: admin, body: { active: false, force: true, reason: 'Haltestelle gesperrt' } });
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({ active: false, stillUsedBy: [booked.body.id] });
    const after = await app.request('POST', '/v1/bookings', { token: app.token('dispatcher'), body: { ...daunRide(app), dropoff: { stopId }, rider: caller } });
    expect(after.status).toBe(422);
    expect(after.body.type).toMatch(/unknown-stop$/);
  });

  it('refuses a second stop with the same code in an area (409)', async () => {
    const res = await app.request('POST', `/v1/admin/areas/${county.areaId}/stops`, { token: admin, body: { code: 'DAU-BF', name: 'Daun, Bahnhof 2', village: 'Daun', lat: 50.2, lon: 6.83 } });
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/stop-code-taken$/);
  });

  it('ends a deactivated login at once (its token was just used) and gives a reset login new credentials only', async () => {
    const created = await app.request('POST', '/v1/admin/users', { token: admin, body: { role: 'dispatcher', name: 'Nachtdienst', phone: '+49 6592 933-500' } });
    const overview = (token: string) => app.request('GET', `/v1/dispatch/overview?areaId=${county.areaId}`, { token });
    expect((await overview(created.body.token)).status).toBe(200);
    const reset = await app.request('POST', `/v1/admin/users/${created.body.user.id}/reset`, { token: admin, body: { reason: 'Passwort vergessen' } });
    expect(reset.status).toBe(200);
    expect(reset.body.password).not.toBe(created.body.password);
    expect((await overview(created.body.token)).status).toBe(401);
    expect((await overview(reset.body.token)).status).toBe(200);
    const gone = await app.request('POST', `/v1/admin/users/${created.body.user.id}/deactivate`, { token: admin, body: { reason: 'ausgeschieden' } });
    expect(gone.status).toBe(200);
    expect(gone.body.deactivatedAt).toBeTruthy();
    expect((await overview(reset.body.token)).status).toBe(401);
    const again = await app.request('POST', `/v1/admin/users/${created.body.user.id}/deactivate`, { token: admin, body: { reason: 'doppelt' } });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/user-deactivated$/);
    const self = await app.request('POST', `/v1/admin/users/${app.demo.users.find((u) => u.role === 'admin')!.userId}/deactivate`, { token: admin, body: { reason: 'x' } });
    expect(self.status).toBe(400);
  });

  it('shows a dispatcher scoped to an area that area\'s desk only', async () => {
    const scoped = await app.request('POST', '/v1/admin/users', { token: admin, body: { role: 'dispatcher', name: 'Leitstelle Daun', phone: '+49 6592 933-600', areaIds: [county.areaId] } });
    expect(scoped.status).toBe(201);
    const own = await app.request('GET', '/v1/dispatch/overview', { token: scoped.body.token });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.areaId).toBe(county.areaId);
    const other = await app.request('GET', `/v1/dispatch/overview?areaId=${app.demo.areaId}`, { token: scoped.body.token });
    expect(other.status).toBe(403);
    // An unscoped dispatcher sees both.
    expect((await app.request('GET', `/v1/dispatch/overview?areaId=${app.demo.areaId}`, { token: app.token('dispatcher') })).status).toBe(200);
    const driverScoped = await app.request('POST', '/v1/admin/users', { token: admin, body: { role: 'driver', name: 'F', phone: '+49 6592 933-601', areaIds: [county.areaId] } });
    expect(driverScoped.status).toBe(400);
    expect(fieldsOf(driverScoped.body)).toEqual(['areaIds']);
  });

  it('cancels a shift that has not started: its riders go to another bus within their promise, and the shift plans no more', async () => {
    const ride = { pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: '2026-12-02T10:00:00+01:00', seats: 1 };
    const booked = await app.request('POST', '/v1/bookings', { token: app.token('rider'), body: ride });
    expect(booked.body.status).toBe('offered');
    const before = (await app.repos.bookings.findById(booked.body.id))!;
    const cancelled = await app.request('POST', `/v1/admin/shifts/${before.shiftId}/cancel`, { token: admin, body: { reason: 'Fahrer krank' } });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.unplaceable).toEqual([]);
    expect(cancelled.body.reassigned.map((r: { bookingId: string }) => r.bookingId)).toEqual([booked.body.id]);
    const after = (await app.repos.bookings.findById(booked.body.id))!;
    expect(after.shiftId).not.toBe(before.shiftId);
    expect(after.status).toBe('offered');
    const planned = Date.parse(cancelled.body.reassigned[0].plannedPickupAt);
    expect(planned).toBeGreaterThanOrEqual(before.promisedPickupFrom!.getTime());
    expect(planned).toBeLessThanOrEqual(before.promisedPickupTo!.getTime());
    const shifts = await app.repos.fleet.shiftsOverlapping(app.demo.areaId, new Date('2026-12-02T08:00:00Z'), new Date('2026-12-02T10:00:00Z'));
    expect(shifts.map((s) => s.shift.id)).not.toContain(before.shiftId);
    const twice = await app.request('POST', `/v1/admin/shifts/${before.shiftId}/cancel`, { token: admin, body: { reason: 'doppelt' } });
    expect(twice.status).toBe(409);
    expect(twice.body.type).toMatch(/shift-cancelled$/);
  });

  it('takes a bus out of service with active: false (riders re-dispatched as on the desk) and needs a reason for it', async () => {
    const noReason = await app.request('PATCH', `/v1/admin/vehicles/${county.vehicleId}`, { token: admin, body: { active: false } });
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    const out = await app.request('PATCH', `/v1/admin/vehicles/${county.vehicleId}`, { token: admin, body: { active: false, reason: 'Werkstatt' } });
    expect(out.status).toBe(200);
    expect(out.body.vehicle.inService).toBe(false);
    expect(out.body.outOfService.vehicleId).toBe(county.vehicleId);
    const back = await app.request('PATCH', `/v1/admin/vehicles/${county.vehicleId}`, { token: admin, body: { active: true, reason: 'repariert' } });
    expect(back.body.vehicle.inService).toBe(true);
  });
});
