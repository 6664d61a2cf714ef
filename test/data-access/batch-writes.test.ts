import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { seedDemo, type DemoCredentials } from '../../db/seed/seed-demo';
import { createRepositories, type Repositories } from '../../src/domain/context';
import { describeEachDriver, freshDatabase, type Driver } from '../support/databases';
import { TEST_NOW } from '../support/test-app';

async function seeded(driver: Driver) {
  const database = await freshDatabase(driver);
  const repos = createRepositories(database.db);
  const demo = await seedDemo(repos, { now: TEST_NOW });
  return { database, repos, demo, stopIds: (await repos.areas.activeStops(demo.areaId)).map((s) => s.id) };
}

describeEachDriver('batch writes', (driver) => {
  let database: Database, repos: Repositories, demo: DemoCredentials, stopIds: string[];
  beforeAll(async () => ({ database, repos, demo, stopIds } = await seeded(driver)));
  afterAll(() => database.close());

  const pendingBooking = async (minutes: number) => {
    const riderId = demo.users.find((u) => u.role === 'rider')!.userId;
    const { booking } = await repos.bookings.createOnce({
      areaId: demo.areaId, riderId, bookedById: riderId, pickupStopId: stopIds[0], dropoffStopId: stopIds[1],
      requestedTime: new Date(Date.parse('2026-12-01T09:00:00Z') + minutes * 60_000), timeMode: 'depart_after', seats: 1, wheelchairs: 0,
    }, riderId);
    return booking;
  };

  it('moves many bookings with different patches at once, one event each, skipping those no longer pending', async () => {
    const [a, b, c] = [await pendingBooking(0), await pendingBooking(5), await pendingBooking(10)];
    await repos.bookings.transition(c.id, ['pending'], { status: 'cancelled' }, { kind: 'booking.cancelled' });
    const [{ shift, vehicle }] = await repos.fleet.shiftsOverlapping(demo.areaId, new Date('2026-12-01T08:00:00Z'), new Date('2026-12-01T09:00:00Z'));
    const from = new Date('2026-12-01T09:05:00Z');
    const moved = await repos.bookings.transitionMany([
      { id: a.id, patch: { status: 'offered', promisedPickupFrom: from, maxRideS: 1200, vehicleId: vehicle.id, shiftId: shift.id, estimated: true }, change: { kind: 'booking.offered', data: { planVersion: 3 } } },
      { id: b.id, patch: { status: 'rejected', rejectionReason: 'no_vehicle', alternatives: [{ departAfter: '2026-12-01T10:00:00.000Z' }] }, change: { kind: 'booking.rejected', reason: 'no_vehicle' } },
      { id: c.id, patch: { status: 'rejected', rejectionReason: 'no_vehicle', alternatives: [] }, change: { kind: 'booking.rejected' } },
    ], ['pending']);

    expect(moved.map((row) => row.id).sort()).toEqual([a.id, b.id].sort());
    expect(await repos.bookings.findById(a.id)).toMatchObject({ status: 'offered', promisedPickupFrom: from, maxRideS: 1200, vehicleId: vehicle.id, shiftId: shift.id, estimated: true });
    expect(await repos.bookings.findById(b.id)).toMatchObject({ status: 'rejected', rejectionReason: 'no_vehicle', alternatives: [{ departAfter: '2026-12-01T10:00:00.000Z' }] });
    expect((await repos.bookings.findById(c.id))?.status).toBe('cancelled');
    expect((await repos.bookings.findById(b.id))!.updatedAt.getTime()).toBeGreaterThanOrEqual(b.updatedAt.getTime());
    const [offeredEvents, rejectedEvents] = [await repos.events.forBooking(a.id), await repos.events.forBooking(b.id)];
    expect(offeredEvents.map((e) => e.kind)).toEqual(['booking.requested', 'booking.offered']);
    expect(offeredEvents[1]).toMatchObject({ vehicleId: vehicle.id, data: { status: 'offered', planVersion: 3 } });
    expect(rejectedEvents[1]).toMatchObject({ kind: 'booking.rejected', reason: 'no_vehicle', data: { status: 'rejected' } });
    expect((await repos.events.forBooking(c.id)).map((e) => e.kind)).toEqual(['booking.requested', 'booking.cancelled']);
  });

  it('rolls back with the transaction it runs in', async () => {
    const booking = await pendingBooking(20);
    await expect(database.db.transaction(async (tx) => {
      await repos.bookings.transitionMany([{ id: booking.id, patch: { status: 'offered' }, change: { kind: 'booking.offered' } }], ['pending'], tx as never);
      throw new Error('conflict elsewhere');
    })).rejects.toThrow('conflict elsewhere');
    expect((await repos.bookings.findById(booking.id))?.status).toBe('pending');
    expect((await repos.events.forBooking(booking.id)).map((e) => e.kind)).toEqual(['booking.requested']);
  });

  it('writes many plans at once, each only against the version it was read at', async () => {
    const shifts = await repos.fleet.shiftsOverlapping(demo.areaId, new Date('2026-12-03T08:00:00Z'), new Date('2026-12-03T09:00:00Z'));
    const [one, two, three] = shifts;
    const stops = [{ bookingId: 'b', kind: 'pickup' as const, stopId: stopIds[0], plannedAt: '2026-12-03T08:10:00.000Z' }];
    expect(await repos.fleet.savePlan(one.shift.id, one.vehicle.id, stops, 0)).toBe(1);
    expect(await repos.fleet.savePlan(two.shift.id, two.vehicle.id, stops, 0)).toBe(1);

    const saved = await repos.fleet.savePlans([
      { shiftId: one.shift.id, vehicleId: one.vehicle.id, stops: [], expectedVersion: 1 },
      { shiftId: two.shift.id, vehicleId: two.vehicle.id, stops: [], expectedVersion: 7 },
      { shiftId: three.shift.id, vehicleId: three.vehicle.id, stops, expectedVersion: 0 },
    ]);
    expect(saved).toEqual(new Map([[one.shift.id, 2], [three.shift.id, 1]]));
    const plans = new Map((await repos.fleet.plansForShifts([one.shift.id, two.shift.id, three.shift.id])).map((p) => [p.shiftId, p]));
    expect(plans.get(one.shift.id)).toMatchObject({ version: 2, stops: [] });
    expect(plans.get(two.shift.id)).toMatchObject({ version: 1, stops });
    expect(plans.get(three.shift.id)).toMatchObject({ version: 1, stops });
    expect(await repos.fleet.savePlans([{ shiftId: three.shift.id, vehicleId: three.vehicle.id, stops, expectedVersion: 0 }])).toEqual(new Map());
  });
});
