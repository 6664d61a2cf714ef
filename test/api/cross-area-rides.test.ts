import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { setUpDaun, type County } from './support/county';

/**
 * Cross-area rides: from the Eifel demo to Daun. Unlinked, a drop-off in Daun is 422 naming the
 * drop-off; once an admin links the two areas, it is booked and planned in the pick-up's area (an
 * Eifel bus drives to a Daun stop); the link cannot be ended while such a ride is booked.
 */
describeEachDriver('cross-area rides', (driver) => {
  let app: TestApp;
  let admin: string;
  let county: County;
  const nearDaunStation = { lat: 50.2012, lon: 6.8323 };

  beforeAll(async () => {
    app = await startTestApp(driver);
    admin = app.token('admin');
    county = await setUpDaun(app, admin);
  });
  afterAll(() => app?.close());

  const book = (dropoff: Record<string, unknown>, time = '07:00', rider = 0) => app.request('POST', '/v1/bookings', {
    token: app.token('rider', rider),
    body: { pickup: { stopId: app.stopId('RIT-KI') }, dropoff, departAfter: `2026-12-01T${time}:00+01:00`, seats: 1 },
  });
  const link = () => app.request('POST', `/v1/admin/areas/${app.demo.areaId}/links`, { token: admin, body: { areaId: county.areaId, reason: 'Anschluss Daun' } });
  const unlink = () => app.request('POST', `/v1/admin/areas/${county.areaId}/links/${app.demo.areaId}/unlink`, { token: admin, body: { reason: 'Ende' } });

  it('refuses a drop-off in an area that is not linked with 422 naming the drop-off', async () => {
    const byPoint = await book(nearDaunStation);
    expect(byPoint.status).toBe(422);
    expect(byPoint.body.errors).toEqual([expect.objectContaining({ field: 'dropoff' })]);
    expect(byPoint.body.type).toMatch(/outside-service-area$/);
    const byStop = await book({ stopId: county.stopIds['DAU-BF'] });
    expect(byStop.status).toBe(422);
    expect(byStop.body.errors).toEqual([expect.objectContaining({ field: 'dropoff.stopId' })]);
  });

  it('links the areas once, logged, in either direction', async () => {
    const first = await link();
    expect(first.status).toBe(201);
    expect(first.body.linkedAreaIds).toEqual([county.areaId]);
    const [logged] = await app.database.db.select().from(events).where(eq(events.kind, 'admin.areas_linked')).orderBy(desc(events.id)).limit(1);
    expect(logged).toMatchObject({ reason: 'Anschluss Daun', data: { areaId: app.demo.areaId, otherAreaId: county.areaId } });
    const again = await app.request('POST', `/v1/admin/areas/${county.areaId}/links`, { token: admin, body: { areaId: app.demo.areaId } });
    expect(again.status).toBe(200);
    expect(again.body.linkedAreaIds).toEqual([app.demo.areaId]);
    const self = await app.request('POST', `/v1/admin/areas/${county.areaId}/links`, { token: admin, body: { areaId: county.areaId } });
    expect(self.status).toBe(400);
    expect(self.body.errors).toEqual([expect.objectContaining({ field: 'areaId' })]);
  });

  it('books a ride into the linked area and plans it on a bus of the pick-up\u2019s area', async () => {
    const res = await book(nearDaunStation);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('offered');
    const booking = (await app.repos.bookings.findById(res.body.id))!;
    expect(booking.areaId).toBe(app.demo.areaId);
    expect(booking.dropoffStopId).toBe(county.stopIds['DAU-BF']);
    const vehicle = (await app.repos.fleet.findVehicle(booking.vehicleId!))!;
    expect(vehicle.areaId).toBe(app.demo.areaId);
    const [plan] = await app.repos.fleet.plansForShifts([booking.shiftId!]);
    expect(plan.stops).toContainEqual(expect.objectContaining({ bookingId: booking.id, kind: 'dropoff', stopId: county.stopIds['DAU-BF'] }));

    const byStop = await book({ stopId: county.stopIds['MEH-DORF'] }, '09:00', 1);
    expect(byStop.status, JSON.stringify(byStop.body)).toBe(201);
    const outside = await book({ lat: 50.5, lon: 7.2 }, '09:00', 2);
    expect(outside.status).toBe(422);
    expect(outside.body.errors).toEqual([expect.objectContaining({ field: 'dropoff' })]);
  });

  it('keeps the link while booked rides cross, and ends it once they are gone', async () => {
    const crossing = (await app.repos.bookings.list({ areaId: app.demo.areaId, limit: 50 })).filter((b) => b.status === 'offered').map((b) => b.id);
    expect(crossing.length).toBe(2);
    const refused = await unlink();
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/area-link-in-use$/);
    expect([...refused.body.bookingIds].sort()).toEqual([...crossing].sort());
    for (const id of crossing) expect((await app.request('POST', `/v1/bookings/${id}/cancel`, { token: app.token('dispatcher'), body: { reason: 'Test' } })).status).toBe(200);
    const ended = await unlink();
    expect(ended.status).toBe(200);
    expect(ended.body.linkedAreaIds).toEqual([]);
    expect((await unlink()).status).toBe(404);
    expect((await book(nearDaunStation, '11:00', 3)).status).toBe(422);
  });
});
