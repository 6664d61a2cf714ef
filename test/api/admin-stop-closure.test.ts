import { desc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { events } from '../../db/schema';
import { describeEachDriver } from '../support/databases';
import { daunCountyPerSuite, daunRide, DESK_CALLER } from './support/county';

/**
 * Closing a stop booked rides still use, with force and a reason: the rides move to the nearest open
 * stop and are placed again, or are cancelled when no open stop is within walking distance.
 */
describeEachDriver('operator API: closing a stop in use', (driver) => {
  const suite = daunCountyPerSuite(driver);

  it('moves a ride to the nearest open stop and places it again; cancels a wheelchair ride with no accessible stop near, the reason in its history', async () => {
    const { app, county, admin } = suite;
    const closing = county.stopIds['MEH-DORF'];
    // A stop about 300 m from Mehren's Dorfplatz, without step-free access.
    const near = await app.request('POST', `/v1/admin/areas/${county.areaId}/stops`, { token: admin, body: { code: 'MEH-KITA', name: 'Mehren, Kita', village: 'Mehren', lat: 50.1855, lon: 6.8795, wheelchairAccessible: false } });
    expect(near.status, JSON.stringify(near.body)).toBe(201);
    const book = async (wheelchairs: number) => {
      const res = await app.request('POST', '/v1/bookings', { token: app.token('dispatcher'), body: { ...daunRide(app), departAfter: '2026-12-02T10:00:00+01:00', dropoff: { stopId: closing }, wheelchairs, rider: DESK_CALLER } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.status).toBe('offered');
      return (await app.repos.bookings.findById(res.body.id))!;
    };
    const walking = await book(0);
    const wheelchair = await book(1);

    const res = await app.request('PATCH', `/v1/admin/stops/${closing}`, { token: admin, body: { active: false, force: true, reason: 'Baustelle am Dorfplatz' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.active).toBe(false);
    expect(res.body.rerouted.moved).toEqual([{ bookingId: walking.id, toStopId: near.body.id, walkM: expect.any(Number) }]);
    expect(res.body.rerouted.moved[0].walkM).toBeLessThan(500);
    expect(res.body.rerouted.unplaceable).toEqual([]);
    expect(res.body.rerouted.reassigned).toEqual([expect.objectContaining({ bookingId: walking.id, vehicleId: county.vehicleId })]);
    expect(res.body.rerouted.cancelled).toEqual([{ bookingId: wheelchair.id, detail: expect.stringMatching(/stop was closed.*accessible/) }]);

    const moved = (await app.repos.bookings.findById(walking.id))!;
    expect(moved).toMatchObject({ dropoffStopId: near.body.id, status: 'offered', shiftId: walking.shiftId });
    const planned = Date.parse(res.body.rerouted.reassigned[0].plannedPickupAt);
    expect(planned).toBeGreaterThanOrEqual(walking.promisedPickupFrom!.getTime());
    expect(planned).toBeLessThanOrEqual(walking.promisedPickupTo!.getTime());
    const [plan] = await app.repos.fleet.plansForShifts([walking.shiftId!]);
    expect(plan.stops.filter((s) => s.bookingId === walking.id).map((s) => s.stopId)).toEqual([walking.pickupStopId, near.body.id]);
    expect(plan.stops.some((s) => s.stopId === closing || s.bookingId === wheelchair.id)).toBe(false);
    expect((await app.repos.events.forBooking(walking.id)).at(-1)).toMatchObject({ kind: 'booking.stop_moved', reason: 'Baustelle am Dorfplatz', data: { closedStopId: closing, toStopId: near.body.id } });

    expect((await app.repos.bookings.findById(wheelchair.id))!.status).toBe('cancelled');
    const history = await app.request('GET', `/v1/dispatch/bookings/${wheelchair.id}/history`, { token: app.token('dispatcher') });
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toContain('Baustelle am Dorfplatz');
    expect((await app.repos.events.forBooking(wheelchair.id)).at(-1)).toMatchObject({ kind: 'booking.cancelled', reason: 'Baustelle am Dorfplatz', data: { closedStopId: closing } });

    const [logged] = await app.database.db.select().from(events).where(eq(events.kind, 'admin.stop_updated')).orderBy(desc(events.id)).limit(1);
    expect(logged).toMatchObject({ actorId: app.demo.users.find((u) => u.role === 'admin')!.userId, reason: 'Baustelle am Dorfplatz', data: { stopId: closing, forcedPast: [walking.id, wheelchair.id] } });
  });
});
