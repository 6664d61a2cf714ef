import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf, type Database, type Db } from '../../db/client';
import type { PlanStop } from '../../db/schema';
import { seedDemo, type DemoCredentials } from '../../src/seed/seed-demo';
import type { ShiftWithVehicle } from '../../src/data-access/fleet-repository';
import { lostRace } from '../../src/data-access/database-errors';
import { createRepositories, type Repositories } from '../../src/domain/context';
import { describeEachDriver, freshDatabase } from '../support/databases';
import { offeredOnShift } from '../support/offered-on-shift';
import { TEST_NOW } from '../support/test-app';

/** The rule of migration 0007, straight against the database: a ride on one plan, the one its row names. */
describeEachDriver('one plan per ride', (driver) => {
  let database: Database, repos: Repositories, demo: DemoCredentials, stopIds: string[];
  let one: ShiftWithVehicle, two: ShiftWithVehicle;
  beforeAll(async () => {
    database = await freshDatabase(driver);
    repos = createRepositories(database.db);
    demo = await seedDemo(repos, { now: TEST_NOW });
    stopIds = (await repos.areas.activeStops(demo.areaId)).map((s) => s.id);
    [one, two] = await repos.fleet.shiftsOverlapping(demo.areaId, new Date('2026-12-02T08:00:00Z'), new Date('2026-12-02T09:00:00Z'));
  });
  afterAll(() => database.close());

  let minutes = 0;
  /** A booking offered on `on`'s shift and bus (no plan names it yet). */
  const offeredOn = async (on: ShiftWithVehicle) => {
    const riderId = demo.users.find((u) => u.role === 'rider')!.userId;
    minutes += 5;
    return offeredOnShift(repos, {
      areaId: demo.areaId, riderId, pickupStopId: stopIds[0], dropoffStopId: stopIds[1], requestedTime: new Date(Date.parse('2026-12-02T08:00:00Z') + minutes * 60_000),
    }, on);
  };
  const ride = (bookingId: string): PlanStop[] => [
    { bookingId, kind: 'pickup', stopId: stopIds[0], plannedAt: '2026-12-02T08:10:00.000Z' },
    { bookingId, kind: 'dropoff', stopId: stopIds[1], plannedAt: '2026-12-02T08:30:00.000Z' },
  ];
  const version = (on: ShiftWithVehicle) => repos.fleet.planVersion(on.shift.id);
  /** Writes the plan at its current version (0: a new plan). */
  const save = async (on: ShiftWithVehicle, stops: PlanStop[], tx: Db = database.db) => {
    const fleet = createRepositories(tx).fleet;
    return fleet.savePlan(on.shift.id, on.vehicle.id, stops, await fleet.planVersion(on.shift.id), tx);
  };
  const failure = (write: Promise<unknown>) => write.then(() => undefined, (error: unknown) => lostRace(error) ?? error);
  const planRides = async () => rowsOf<{ booking_id: string; shift_id: string }>(await database.db.execute(sql`select booking_id, shift_id from plan_rides`));

  it('refuses a plan naming a ride another plan carries, and writes none of it', async () => {
    const a = await offeredOn(one);
    await save(one, ride(a));
    await save(two, []);
    const before = await version(two);
    const refused = await failure(save(two, ride(a)));
    expect(refused).toMatch(new RegExp(`ride ${a} is on the plan of shift ${one.shift.id} already`));
    expect(await version(two)).toBe(before);
    expect(await planRides()).toContainEqual({ booking_id: a, shift_id: one.shift.id });
  });

  it('refuses at commit a plan carrying a ride whose row names another shift, or none', async () => {
    const b = await offeredOn(one);
    const before = await version(two);
    expect(await failure(save(two, ride(b)))).toMatch(/plan_rides_booking_fk/);
    expect(await version(two)).toBe(before);
    // Taking the ride off its bus without taking it off the plan is refused too.
    await save(one, [...(await repos.fleet.plansForShifts([one.shift.id]))[0].stops, ...ride(b)]);
    expect(await failure(repos.bookings.transition(b, ['offered'], { shiftId: null, vehicleId: null }, { kind: 'dispatch.unassigned' }))).toMatch(/plan_rides_booking_fk/);
    expect(await repos.bookings.findById(b)).toMatchObject({ shiftId: one.shift.id });
  });

  it('moves a ride when its old plan gives it up first in the same transaction, and when one statement writes both', async () => {
    const c = await offeredOn(one);
    await save(one, [...(await repos.fleet.plansForShifts([one.shift.id]))[0].stops, ...ride(c)]);
    await database.db.transaction(async (tx) => {
      const [plan] = await createRepositories(tx).fleet.plansForShifts([one.shift.id]);
      await save(one, plan.stops.filter((s) => s.bookingId !== c), tx);
      await save(two, ride(c), tx);
      await createRepositories(tx).bookings.transition(c, ['offered'], { shiftId: two.shift.id, vehicleId: two.vehicle.id }, { kind: 'dispatch.assigned' }, tx);
    });
    expect(await planRides()).toContainEqual({ booking_id: c, shift_id: two.shift.id });
    // Back in one statement (as a re-optimisation writes): the order of the rows does not matter.
    const [p1, p2] = await repos.fleet.plansForShifts([one.shift.id, two.shift.id]).then((ps) => [ps.find((p) => p.shiftId === one.shift.id)!, ps.find((p) => p.shiftId === two.shift.id)!]);
    const moved = await repos.decisions.applyReplan({
      plans: [
        { shiftId: two.shift.id, vehicleId: two.vehicle.id, stops: [], expectedVersion: p2.version },
        { shiftId: one.shift.id, vehicleId: one.vehicle.id, stops: [...p1.stops, ...ride(c)], expectedVersion: p1.version },
      ],
      moves: [{ id: c, status: 'offered', fromShiftId: two.shift.id, toShiftId: one.shift.id, vehicleId: one.vehicle.id, kind: 'booking.reassigned', eventData: {} }],
      events: [],
    });
    expect(moved).toEqual({});
    expect(await planRides()).toContainEqual({ booking_id: c, shift_id: one.shift.id });
  });

  it('refuses one statement that puts a ride on two plans', async () => {
    const d = await offeredOn(one);
    const plans = await repos.fleet.plansForShifts([one.shift.id, two.shift.id]);
    const answer = await repos.decisions.applyReplan({
      plans: plans.map((p) => ({ shiftId: p.shiftId, vehicleId: p.vehicleId, stops: [...p.stops, ...ride(d)], expectedVersion: p.version })),
      moves: [], events: [],
    });
    expect(answer.conflict).toMatch(new RegExp(`ride ${d} is on the plan of shift`));
    expect((await planRides()).filter((r) => r.booking_id === d)).toEqual([]);
  });

  it('keeps a cancelled ride its plan still names consistent until the plan lets it go', async () => {
    const e = await offeredOn(one);
    const [plan] = await repos.fleet.plansForShifts([one.shift.id]);
    await save(one, [...plan.stops, ...ride(e)]);
    await repos.bookings.transition(e, ['offered'], { status: 'cancelled' }, { kind: 'booking.cancelled' });
    expect(await planRides()).toContainEqual({ booking_id: e, shift_id: one.shift.id });
    await save(one, plan.stops);
    expect((await planRides()).filter((r) => r.booking_id === e)).toEqual([]);
  });
});
