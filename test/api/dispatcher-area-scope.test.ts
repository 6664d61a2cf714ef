import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { daunRide, setUpDaun, type County } from './support/county';

/**
 * A dispatcher an admin scoped to Daun: lists and the overview hold Daun's bookings only; a booking
 * or bus of the Eifel area is, on every read and override, one that does not exist (404); asking
 * for the Eifel area by id is 403; booking for a caller in the Eifel is 403 naming the pick-up.
 */
describeEachDriver('dispatchers scoped to their areas', (driver) => {
  let app: TestApp;
  let county: County;
  let scoped: string;
  let eifelBooking: string;
  let eifelVehicle: string;
  let daunBooking: string;

  beforeAll(async () => {
    app = await startTestApp(driver);
    const admin = app.token('admin');
    county = await setUpDaun(app, admin);
    const created = await app.request('POST', '/v1/admin/users', { token: admin, body: { role: 'dispatcher', name: 'Leitstelle Daun', phone: '+49 6592 933-500', areaIds: [county.areaId] } });
    expect(created.status).toBe(201);
    scoped = created.body.token;
    const eifel = await app.request('POST', '/v1/bookings', {
      token: app.token('rider'),
      body: { pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: '2026-12-01T07:00:00+01:00', seats: 1 },
    });
    expect(eifel.body.status).toBe('offered');
    eifelBooking = eifel.body.id;
    eifelVehicle = (await app.repos.bookings.findById(eifelBooking))!.vehicleId!;
    const daun = await app.request('POST', '/v1/bookings', { token: scoped, body: { ...daunRide(app), rider: { name: 'Anna Daun', phone: '+49 6592 1111' } } });
    expect(daun.status, JSON.stringify(daun.body)).toBeLessThan(300);
    daunBooking = daun.body.id;
  });
  afterAll(() => app?.close());

  const as = (token: string, method: string, path: string, body?: unknown) => app.request(method, path, { token, body });
  const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((b) => b.id);

  it('lists only the bookings of their areas; another area by id is 403, an unknown one 404', async () => {
    const mine = await as(scoped, 'GET', '/v1/bookings?limit=200');
    expect(mine.status).toBe(200);
    expect(ids(mine)).toContain(daunBooking);
    expect(ids(mine)).not.toContain(eifelBooking);
    expect(ids(await as(scoped, 'GET', `/v1/bookings?areaId=${county.areaId}`))).toEqual([daunBooking]);
    const other = await as(scoped, 'GET', `/v1/bookings?areaId=${app.demo.areaId}`);
    expect(other.status).toBe(403);
    expect(other.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await as(scoped, 'GET', `/v1/bookings?areaId=${randomUUID()}`)).status).toBe(404);

    const everyone = await as(app.token('dispatcher'), 'GET', '/v1/bookings?limit=200');
    expect(ids(everyone)).toEqual(expect.arrayContaining([eifelBooking, daunBooking]));
    expect(ids(await as(app.token('dispatcher'), 'GET', `/v1/bookings?areaId=${app.demo.areaId}`))).not.toContain(daunBooking);
  });

  it('offers the desk only their areas to choose from; unscoped staff all of them', async () => {
    const mine = await as(scoped, 'GET', '/v1/dispatch/areas');
    expect(mine.status).toBe(200);
    expect(ids(mine)).toEqual([county.areaId]);
    const everyone = await as(app.token('dispatcher'), 'GET', '/v1/dispatch/areas');
    expect(ids(everyone).sort()).toEqual([app.demo.areaId, county.areaId].sort());
    expect((await as(app.token('rider'), 'GET', '/v1/dispatch/areas')).status).toBe(403);
  });

  it('shows the overview and its KPIs of their area, and refuses the other with 403', async () => {
    const own = await as(scoped, 'GET', '/v1/dispatch/overview');
    expect(own.status).toBe(200);
    expect(own.body.areaId ?? county.areaId).toBe(county.areaId);
    expect((await as(scoped, 'GET', `/v1/dispatch/overview?areaId=${app.demo.areaId}`)).status).toBe(403);
  });

  it('answers every read and override of another area\u2019s booking or bus with 404, changing nothing', async () => {
    const before = await app.repos.bookings.findById(eifelBooking);
    const eventsBefore = await app.repos.events.count();
    const reason = { reason: 'Test' };
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/v1/bookings/${eifelBooking}`],
      ['POST', `/v1/bookings/${eifelBooking}/cancel`, reason],
      ['POST', `/v1/bookings/${eifelBooking}/confirm`, {}],
      ['GET', `/v1/dispatch/bookings/${eifelBooking}/history`],
      ['POST', `/v1/dispatch/bookings/${eifelBooking}/assign`, { vehicleId: eifelVehicle, ...reason }],
      ['POST', `/v1/dispatch/bookings/${eifelBooking}/unassign`, reason],
      ['POST', `/v1/dispatch/bookings/${eifelBooking}/decide`, reason],
      ['POST', `/v1/dispatch/bookings/${eifelBooking}/lock`, reason],
      ['POST', `/v1/dispatch/bookings/${eifelBooking}/unlock`, reason],
      ['PUT', `/v1/dispatch/vehicles/${eifelVehicle}/sequence`, { stops: [], ...reason }],
      ['POST', `/v1/dispatch/vehicles/${eifelVehicle}/out-of-service`, reason],
      ['POST', `/v1/dispatch/vehicles/${eifelVehicle}/in-service`, reason],
    ];
    for (const [method, path, body] of calls) {
      const res = await as(scoped, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.type, `${method} ${path}`).toMatch(/not-found$/);
    }
    expect(await app.repos.bookings.findById(eifelBooking)).toEqual(before);
    expect(await app.repos.events.count()).toBe(eventsBefore);
    // The same reads for an unscoped dispatcher: the booking is there.
    expect((await as(app.token('dispatcher'), 'GET', `/v1/bookings/${eifelBooking}`)).status).toBe(200);
    expect((await as(app.token('dispatcher'), 'GET', `/v1/dispatch/bookings/${eifelBooking}/history`)).status).toBe(200);
    expect((await as(scoped, 'GET', `/v1/bookings/${daunBooking}`)).status).toBe(200);
    expect((await as(scoped, 'GET', `/v1/dispatch/bookings/${daunBooking}/history`)).status).toBe(200);
  });

  it('refuses a booking for a caller in another area with 403 naming the pick-up', async () => {
    const res = await as(scoped, 'POST', '/v1/bookings', {
      pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: '2026-12-01T08:00:00+01:00', seats: 1,
      rider: { name: 'Berta Eifel', phone: '+49 6561 2222' },
    });
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'pickup' })]);
  });
});
