import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client';
import { seedDemo, type DemoCredentials } from '../../src/seed/seed-demo';
import { bookingFromJson } from '../../src/data-access/bookings-repository';
import { createRepositories, type Repositories } from '../../src/domain/context';
import { describeEachDriver, freshDatabase, type Driver } from '../support/databases';
import { TEST_NOW } from '../support/test-app';

async function seeded(driver: Driver) {
  const database = await freshDatabase(driver);
  const repos = createRepositories(database.db);
  const demo = await seedDemo(repos, { now: TEST_NOW });
  return { database, repos, demo, stopIds: (await repos.areas.activeStops(demo.areaId)).map((s) => s.id) };
}

describeEachDriver('batch decision writes', (driver) => {
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

  const decisionFor = async (day: string) => {
    const [one, two] = await repos.fleet.shiftsOverlapping(demo.areaId, new Date(`${day}T08:00:00Z`), new Date(`${day}T09:00:00Z`));
    const stops = (bookingId: string) => [
      { bookingId, kind: 'pickup' as const, stopId: stopIds[0], plannedAt: `${day}T09:05:00.000Z` },
      { bookingId, kind: 'dropoff' as const, stopId: stopIds[1], plannedAt: `${day}T09:20:00.000Z` },
    ];
    // Shift one already has a plan (version 1); shift two gets its first.
    expect(await repos.fleet.savePlan(one.shift.id, one.vehicle.id, [], 0)).toBe(1);
    const [a, b] = [await pendingBooking(0), await pendingBooking(5)];
    const from = new Date(`${day}T09:00:00Z`);
    const decision = {
      plans: [
        { shiftId: one.shift.id, vehicleId: one.vehicle.id, stops: stops(a.id), expectedVersion: 1 },
        { shiftId: two.shift.id, vehicleId: two.vehicle.id, stops: [], expectedVersion: 0 },
      ],
      offers: [{
        id: a.id, shiftId: one.shift.id, vehicleId: one.vehicle.id, promisedPickupFrom: from, promisedPickupTo: new Date(from.getTime() + 900_000),
        promisedLatestArrival: new Date(from.getTime() + 3_600_000), directDurationS: 600, maxRideS: 1200, estimated: true, eventData: { planVersion: 2 },
      }],
      rejections: [{
        id: b.id, rejectionReason: 'no_vehicle', alternatives: [{ departAfter: `${day}T10:00:00.000Z` }], directDurationS: 700, estimated: true,
        eventData: { detail: 'no bus', alternatives: [{ departAfter: `${day}T10:00:00.000Z` }] },
      }],
    };
    return { one, two, a, b, from, decision };
  };

  it('writes plans and every offer and rejection with its event in one statement, and announces each row', async () => {
    const { one, two, a, b, from, decision } = await decisionFor('2026-12-01');
    const announced: string[] = [];
    const unlisten = await database.listen('bookings_decided', (payload) => announced.push(payload));
    expect(await repos.decisions.apply(decision)).toEqual({});
    await vi.waitFor(() => expect(announced).toHaveLength(2));
    await unlisten();
    // The announced rows read as the stored ones do, to the field.
    const rows = announced.map((payload) => bookingFromJson(JSON.parse(payload) as Record<string, unknown>));
    expect(rows.sort((x, y) => x.id.localeCompare(y.id))).toEqual((await repos.bookings.findByIds([a.id, b.id])).sort((x, y) => x.id.localeCompare(y.id)));
    const plans = new Map((await repos.fleet.plansForShifts([one.shift.id, two.shift.id])).map((p) => [p.shiftId, p]));
    expect(plans.get(one.shift.id)).toMatchObject({ version: 2, stops: decision.plans[0].stops });
    expect(plans.get(two.shift.id)).toMatchObject({ version: 1, stops: [] });
    expect(await repos.bookings.findById(a.id)).toMatchObject({
      status: 'offered', promisedPickupFrom: from, maxRideS: 1200, directDurationS: 600, vehicleId: one.vehicle.id, shiftId: one.shift.id, estimated: true,
    });
    expect(await repos.bookings.findById(b.id)).toMatchObject({
      status: 'rejected', rejectionReason: 'no_vehicle', directDurationS: 700, alternatives: [{ departAfter: '2026-12-01T10:00:00.000Z' }],
    });
    const [offered, rejected] = [await repos.events.forBooking(a.id), await repos.events.forBooking(b.id)];
    expect(offered.map((e) => e.kind)).toEqual(['booking.requested', 'booking.offered']);
    expect(offered[1]).toMatchObject({ vehicleId: one.vehicle.id, data: { status: 'offered', planVersion: 2 } });
    expect(rejected[1]).toMatchObject({ kind: 'booking.rejected', reason: 'no_vehicle', data: { status: 'rejected', detail: 'no bus' } });
  });

  it('writes nothing when a plan moved on meanwhile, and names its shift', async () => {
    const { one, two, a, b, decision } = await decisionFor('2026-12-02');
    await repos.fleet.updatePlan(one.shift.id, 1, {});
    expect(await repos.decisions.apply(decision)).toEqual({ conflict: `plan of shift ${one.shift.id} changed meanwhile` });
    expect((await repos.fleet.plansForShifts([one.shift.id, two.shift.id])).map((p) => [p.shiftId, p.version])).toEqual([[one.shift.id, 2]]);
    for (const booking of [a, b]) {
      expect((await repos.bookings.findById(booking.id))?.status).toBe('pending');
      expect((await repos.events.forBooking(booking.id)).map((e) => e.kind)).toEqual(['booking.requested']);
    }
  });

  it('writes nothing when a booking is no longer pending, and names it', async () => {
    const { one, two, a, b, decision } = await decisionFor('2026-12-03');
    await repos.bookings.transition(b.id, ['pending'], { status: 'cancelled' }, { kind: 'booking.cancelled' });
    expect(await repos.decisions.apply(decision)).toEqual({ conflict: `booking ${b.id} is no longer pending` });
    expect((await repos.fleet.plansForShifts([one.shift.id, two.shift.id])).map((p) => [p.shiftId, p.version, p.stops])).toEqual([[one.shift.id, 1, []]]);
    expect((await repos.bookings.findById(a.id))?.status).toBe('pending');
    expect((await repos.events.forBooking(a.id)).map((e) => e.kind)).toEqual(['booking.requested']);
  });

  /** A re-plan of two decided bookings: `a` moves from shift one to shift two, one late event. */
  const replanFor = async (day: string) => {
    const { one, two, a, b, decision } = await decisionFor(day);
    expect(await repos.decisions.apply(decision)).toEqual({});
    const plannedA = (await repos.fleet.plansForShifts([one.shift.id]))[0].stops;
    // A third bus with no plan yet gets its first.
    const three = (await repos.fleet.shiftsOverlapping(demo.areaId, new Date(`${day}T08:00:00Z`), new Date(`${day}T09:00:00Z`)))[2];
    const replan = {
      plans: [
        { shiftId: one.shift.id, vehicleId: one.vehicle.id, stops: [], expectedVersion: 2 },
        { shiftId: two.shift.id, vehicleId: two.vehicle.id, stops: plannedA, expectedVersion: 1 },
        { shiftId: three.shift.id, vehicleId: three.vehicle.id, stops: [], expectedVersion: 0 },
      ],
      moves: [{
        id: a.id, status: 'offered', fromShiftId: one.shift.id, toShiftId: two.shift.id, vehicleId: two.vehicle.id,
        kind: 'booking.reassigned', eventData: { fromShiftId: one.shift.id, toShiftId: two.shift.id, planVersion: 2 },
      }],
      events: [{ kind: 'booking.late', bookingId: a.id, vehicleId: two.vehicle.id, data: { stop: 'pickup' } }],
    };
    return { one, two, three, a, b, plannedA, replan };
  };

  it('writes a re-plan: plans at their versions, moves with their events, other events, in one go', async () => {
    const { one, two, three, a, plannedA, replan } = await replanFor('2026-12-04');
    expect(await repos.decisions.applyReplan(replan)).toEqual({});
    expect((await repos.fleet.plansForShifts([one.shift.id, two.shift.id, three.shift.id])).map((p) => [p.shiftId, p.version, p.stops.length]).sort())
      .toEqual([[one.shift.id, 3, 0], [two.shift.id, 2, plannedA.length], [three.shift.id, 1, 0]].sort());
    expect(await repos.bookings.findById(a.id)).toMatchObject({ status: 'offered', shiftId: two.shift.id, vehicleId: two.vehicle.id });
    const events = await repos.events.forBooking(a.id);
    expect(events.slice(-2)).toMatchObject([
      { kind: 'booking.reassigned', vehicleId: two.vehicle.id, data: { status: 'offered', fromShiftId: one.shift.id, planVersion: 2 } },
      { kind: 'booking.late', vehicleId: two.vehicle.id, data: { stop: 'pickup' } },
    ]);
  });

  it('writes no part of a re-plan when a booking it moves changed meanwhile, and names it', async () => {
    const { one, two, three, a, replan } = await replanFor('2026-12-05');
    // A dispatcher took it off its bus first (its shift changed, its status did not), and the re-plan
    // read plan one after that but the booking before.
    await database.db.transaction(async (tx) => {
      const txRepos = createRepositories(tx as never);
      expect(await txRepos.fleet.savePlan(one.shift.id, one.vehicle.id, [], 2)).toBe(3);
      await txRepos.bookings.transition(a.id, ['offered'], { shiftId: null, vehicleId: null }, { kind: 'dispatch.unassigned' }, tx as never);
    });
    const stale = { ...replan, plans: replan.plans.map((p) => (p.shiftId === one.shift.id ? { ...p, expectedVersion: 3 } : p)) };
    expect(await repos.decisions.applyReplan(stale)).toEqual({ conflict: `booking ${a.id} changed meanwhile` });
    expect((await repos.fleet.plansForShifts([one.shift.id, two.shift.id, three.shift.id])).map((p) => [p.shiftId, p.version]).sort())
      .toEqual([[one.shift.id, 3], [two.shift.id, 1]].sort());
    expect((await repos.events.forBooking(a.id)).map((e) => e.kind).slice(-1)).toEqual(['dispatch.unassigned']);

    await repos.fleet.updatePlan(two.shift.id, 1, {});
    expect(await repos.decisions.applyReplan({ ...stale, moves: [] })).toEqual({ conflict: `plan of shift ${two.shift.id} changed meanwhile` });
    expect((await repos.fleet.plansForShifts([one.shift.id]))[0].version).toBe(3);
  });
});
