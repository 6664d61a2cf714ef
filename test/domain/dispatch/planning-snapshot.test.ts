import { afterEach, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { bookings } from '../../../db/schema';
import { checkRoute } from '../../../routing/solver';
import { decideAreaBatch } from '../../../src/domain/dispatch/decide-area-batch';
import { loadPlanningSnapshot, SET_OFF_S, toSolverS } from '../../../src/domain/dispatch/planning-snapshot';
import { serviceTimes } from '../../../src/domain/dispatch/ride-constraints';
import { driverEventEffect } from '../../../src/domain/driver/driver-event-effects';
import { describeEachDriver, freshDatabase } from '../../support/databases';
import { pendingDemo } from './batch-fixture';
import type { Repositories } from '../../../src/domain/context';
import { TEST_NOW } from '../../support/test-app';

/** The demo with 30 bookings decided by a batch, its area and stop matrix. */
async function decidedDemo(database: Database) {
  const { repos, demo, deps } = await pendingDemo(database, 30);
  await decideAreaBatch(deps, demo.areaId);
  const area = (await repos.areas.findById(demo.areaId))!;
  const matrix = await deps.stopMatrix(area.id, await repos.areas.allStops(area.id));
  return { repos, demo, area, matrix };
}

describeEachDriver('where the snapshot plans a bus on the road', (driver) => {
  let database: Database;
  afterEach(() => database.close());

  /**
   * A decided demo whose first planned bus left its depot on time for its first stop and committed
   * to it, as the driver's `departed` event records it; `at(nowMs)` is the snapshot at that moment.
   */
  async function busOnItsWay() {
    database = await freshDatabase(driver);
    const { repos, demo, area, matrix } = await decidedDemo(database);
    const offered = await repos.bookings.list({ areaId: demo.areaId, statuses: ['offered'], limit: 1000 });
    const plans = await repos.fleet.plansForShifts([...new Set(offered.map((b) => b.shiftId!))]);
    const plan = plans.find((p) => p.stops.length > 0)!;
    const [shift] = (await repos.fleet.shiftsOverlapping(area.id, new Date(0), new Date('2100-01-01'))).filter((s) => s.shift.id === plan.shiftId);
    const depot = shift.shift.startDepotStopId;
    const legMs = matrix.durationS[matrix.nodeOf.get(depot)! * matrix.stops.length + matrix.nodeOf.get(plan.stops[0].stopId)!] * 1000;
    const arrivalMs = Date.parse(plan.stops[0].plannedAt);
    const departedMs = arrivalMs - legMs;
    await repos.fleet.updatePlan(plan.shiftId, plan.version, { lastStopId: depot, lastDepartedAt: new Date(departedMs), committedStops: 1 });
    const at = (nowMs: number) => loadPlanningSnapshot(repos, area, matrix, { fromMs: nowMs - 3600_000, toMs: nowMs + 12 * 3600_000 }, [], nowMs);
    const feasibleAsItStands = async (nowMs: number) => {
      const snapshot = await at(nowMs);
      const stops = snapshot.plans.find((p) => p.vehicleId === plan.shiftId)!.stops;
      return checkRoute(snapshot.instance, plan.shiftId, stops).feasible;
    };
    return { repos, plan, shift, depot, matrix, legMs, departedMs, arrivalMs, at, feasibleAsItStands };
  }

  it('keeps a bus half-way along its leg on its plan, not back at the stop it left', async () => {
    const { plan, legMs, departedMs, at, feasibleAsItStands } = await busOnItsWay();
    expect(legMs).toBeGreaterThan(4 * 60_000);
    const halfWayMs = departedMs + legMs / 2;
    const snapshot = await at(halfWayMs);
    const bus = snapshot.instance.vehicles.find((v) => v.id === plan.shiftId)!;
    expect(bus.start.earliestS).toBe(toSolverS(snapshot, departedMs));
    expect(await feasibleAsItStands(halfWayMs)).toBe(true);
  });

  it('does not plan a bus at its next stop before now when it has not reported arriving', async () => {
    const { plan, legMs, arrivalMs, at } = await busOnItsWay();
    const lateMs = arrivalMs + 10 * 60_000;
    const snapshot = await at(lateMs);
    const bus = snapshot.instance.vehicles.find((v) => v.id === plan.shiftId)!;
    expect(bus.start.earliestS).toBe(toSolverS(snapshot, lateMs - legMs));
  });

  it('plans a bus that served its stop from that stop, not from the one it left before', async () => {
    const { repos, plan, shift, depot, matrix, arrivalMs, at, feasibleAsItStands } = await busOnItsWay();
    const served = plan.stops[0];
    // The bus arrives at its first stop on time and serves it, as its tablet reports.
    const stored = (await repos.fleet.plansForShifts([plan.shiftId]))[0];
    const riders = await repos.bookings.findByIds(stored.stops.map((s) => s.bookingId));
    const event = served.kind === 'pickup'
      ? { type: 'picked_up' as const, bookingId: served.bookingId, clientEventId: 'c1', planVersion: stored.version }
      : { type: 'dropped_off' as const, bookingId: served.bookingId, clientEventId: 'c1', planVersion: stored.version };
    const effect = driverEventEffect(event, stored, { ...shift, timeZone: 'Europe/Berlin' }, riders, new Date(arrivalMs));
    await repos.fleet.updatePlan(plan.shiftId, stored.version, effect.plan!);
    const { id, from, patch, kind } = effect.booking!;
    await repos.bookings.transition(id, from, patch, { kind });
    const servedAtMs = arrivalMs + 30_000;
    const bus = (await at(servedAtMs)).instance.vehicles.find((v) => v.id === plan.shiftId)!;
    expect(matrix.stops[bus.start.node].id).toBe(served.stopId);
    expect(served.stopId).not.toBe(depot);
    expect(await feasibleAsItStands(servedAtMs)).toBe(true);
  });

  it('starts a bus standing at its depot with nothing to do once its driver can have seen a new stop, and one late for its next stop now', async () => {
    const { repos, plan, at } = await busOnItsWay();
    const nowMs = Date.parse('2026-12-01T10:00:00+01:00');
    const snapshot = await at(nowMs);
    const rows = await repos.fleet.plansForShifts(snapshot.instance.vehicles.map((v) => v.id));
    const idle = snapshot.instance.vehicles.find((v) => v.id !== plan.shiftId && !rows.some((r) => r.shiftId === v.id && r.stops.length > 0))!;
    expect(idle.start.earliestS).toBe(toSolverS(snapshot, nowMs + SET_OFF_S * 1000));
    // A bus whose plan had it leave before now and that has not reported leaving leaves now.
    const late = snapshot.instance.vehicles.find((v) => rows.some((r) => r.shiftId === v.id && !r.lastDepartedAt && r.stops.length > 0 && Date.parse(r.stops[0].plannedAt) < nowMs))!;
    expect(late.start.earliestS).toBe(toSolverS(snapshot, nowMs));
  });

  // The soak's sequence (`npm run soak -- --seed 1`): a plan picks rider A up, waits for rider B's
  // window, and drops A off exactly at A's ride-time limit; the driver reports A boarding at the
  // planned time. The plan must stay feasible: nothing happened that the planner did not plan.
  it('keeps the ride-time limit counted from the end of boarding, and the bus at the stop until then, as the plan was made', async () => {
    database = await freshDatabase(driver);
    const { repos, area, matrix } = await decidedDemo(database);
    const shifts = await repos.fleet.shiftsOverlapping(area.id, new Date(0), new Date('2100-01-01'));
    const plans = await repos.fleet.plansForShifts(shifts.map((s) => s.shift.id));
    const found = plans.flatMap((plan) => {
      const [a] = plan.stops;
      if (a?.kind !== 'pickup') return [];
      const dropAt = plan.stops.findIndex((s) => s.bookingId === a.bookingId && s.kind === 'dropoff');
      const b = plan.stops.slice(1, dropAt).find((s) => s.kind === 'pickup');
      return b ? [{ plan, a, b, dropoff: plan.stops[dropAt] }] : [];
    })[0];
    expect(found, 'a decided plan that picks a rider up first and another before dropping the first off').toBeDefined();
    const { plan, a, b, dropoff } = found!;
    const rider = (await repos.bookings.findByIds([a.bookingId]))[0];
    const pickupMs = Date.parse(a.plannedAt);
    // No slack: A rides exactly their limit as planned (from the end of boarding to the drop-off), and
    // B's window opens when B is planned, so leaving A's stop earlier gains nothing.
    const plannedRideS = (Date.parse(dropoff.plannedAt) - pickupMs) / 1000 - serviceTimes(rider.wheelchairs).pickupS;
    await database.db.update(bookings).set({ maxRideS: plannedRideS }).where(eq(bookings.id, a.bookingId));
    await database.db.update(bookings).set({ promisedPickupFrom: new Date(b.plannedAt) }).where(eq(bookings.id, b.bookingId));
    const feasibleAt = async (nowMs: number) => {
      const snapshot = await loadPlanningSnapshot(repos, area, matrix, { fromMs: nowMs - 3600_000, toMs: nowMs + 12 * 3600_000 }, [], nowMs);
      const stops = snapshot.plans.find((p) => p.vehicleId === plan.shiftId)!.stops;
      return checkRoute(snapshot.instance, plan.shiftId, stops);
    };
    expect((await feasibleAt(TEST_NOW.getTime())).feasible).toBe(true);

    const [shift] = shifts.filter((s) => s.shift.id === plan.shiftId);
    const riders = await repos.bookings.findByIds(plan.stops.map((s) => s.bookingId));
    const event = { type: 'picked_up' as const, bookingId: a.bookingId, clientEventId: 'c1', planVersion: plan.version };
    const effect = driverEventEffect(event, plan, { ...shift, timeZone: area.timeZone }, riders, new Date(pickupMs));
    await repos.fleet.updatePlan(plan.shiftId, plan.version, effect.plan!);
    const { id, from, patch, kind } = effect.booking!;
    await repos.bookings.transition(id, from, patch, { kind });

    const verdict = await feasibleAt(pickupMs);
    expect(verdict.feasible ? [] : verdict.violations).toEqual([]);
    // Nor is the bus planned to leave before the rider has boarded: that time was never free to promise.
    const snapshot = await loadPlanningSnapshot(repos, area, matrix, { fromMs: pickupMs - 3600_000, toMs: pickupMs + 12 * 3600_000 }, [], pickupMs);
    const bus = snapshot.instance.vehicles.find((v) => v.id === plan.shiftId)!;
    expect(bus.start.earliestS).toBe(toSolverS(snapshot, pickupMs) + serviceTimes(rider.wheelchairs).pickupS);
  });
});

describeEachDriver('a bus told to set off', (driver) => {
  let database: Database;
  afterEach(() => database.close());

  it('is not behind its plan when its driver sets off a few seconds after the decision, and keeps the time it was told while it waits', async () => {
    database = await freshDatabase(driver);
    const { repos, demo, deps } = await pendingDemo(database, 0);
    const stop = async (code: string) => (await repos.areas.allStops(demo.areaId)).find((s) => s.code === code)!.id;
    const dispatcher = demo.users.find((u) => u.role === 'dispatcher')!;
    // A ride wanted at once, far from every depot: the bus that takes it must go as soon as it can.
    const { booking } = await repos.bookings.createOnce({
      areaId: demo.areaId, bookedById: dispatcher.userId, pickupStopId: await stop('PRM-KH'), dropoffStopId: await stop('BIT-KH'),
      requestedTime: TEST_NOW, timeMode: 'depart_after', seats: 1, wheelchairs: 0,
    }, dispatcher.userId, { name: 'Eilige Fahrgästin', phone: '+496551123456' });
    await decideAreaBatch(deps, demo.areaId);
    const decided = (await repos.bookings.findById(booking.id))!;
    expect(decided.status).toBe('offered');
    const [plan] = await repos.fleet.plansForShifts([decided.shiftId!]);
    const area = (await repos.areas.findById(demo.areaId))!;
    const matrix = await deps.stopMatrix(area.id, await repos.areas.allStops(area.id));
    const [shift] = (await repos.fleet.shiftsOverlapping(area.id, new Date(0), new Date('2100-01-01'))).filter((s) => s.shift.id === plan.shiftId);
    const legMs = matrix.durationS[matrix.nodeOf.get(shift.shift.startDepotStopId)! * matrix.stops.length + matrix.nodeOf.get(plan.stops[0].stopId)!] * 1000;
    const toldMs = Date.parse(plan.stops[0].plannedAt) - legMs;

    // The tablet shows the new stop and the driver sets off, seconds after the decision.
    expect(toldMs).toBeGreaterThanOrEqual(TEST_NOW.getTime() + 4_000);
    // Until the driver leaves, the snapshot holds the bus to the time it was told, not a minute later again.
    const waitingMs = TEST_NOW.getTime() + 30_000;
    const snapshot = await loadPlanningSnapshot(repos, area, matrix, { fromMs: waitingMs - 3600_000, toMs: waitingMs + 12 * 3600_000 }, [], waitingMs);
    expect(snapshot.instance.vehicles.find((v) => v.id === plan.shiftId)!.start.earliestS).toBe(toSolverS(snapshot, Math.min(toldMs, waitingMs + SET_OFF_S * 1000)));
    const stops = snapshot.plans.find((p) => p.vehicleId === plan.shiftId)!.stops;
    expect(checkRoute(snapshot.instance, plan.shiftId, stops).feasible).toBe(true);
  });
});

describeEachDriver('the order of a snapshot', (driver) => {
  let database: Database;
  afterEach(() => database.close());

  it('is the shifts\' order and the plans\' order, whatever order the database returns rows in', async () => {
    database = await freshDatabase(driver);
    const { repos, area, matrix } = await decidedDemo(database);
    const span = { fromMs: TEST_NOW.getTime() - 3600_000, toMs: TEST_NOW.getTime() + 24 * 3600_000 };
    // The same rows, as a database with other ids (another index order) would return them.
    const reversed: Repositories = {
      ...repos,
      fleet: { ...repos.fleet, plansForShifts: async (ids) => (await repos.fleet.plansForShifts(ids)).reverse() },
      bookings: { ...repos.bookings, findByIds: async (ids) => (await repos.bookings.findByIds(ids)).reverse() },
    };
    const asStored = await loadPlanningSnapshot(repos, area, matrix, span, [], TEST_NOW.getTime());
    const asReversed = await loadPlanningSnapshot(reversed, area, matrix, span, [], TEST_NOW.getTime());
    expect(asStored.plans.filter((p) => p.stops.length > 0).length).toBeGreaterThan(1);
    expect(asReversed.plans).toEqual(asStored.plans);
    expect(asReversed.instance.requests).toEqual(asStored.instance.requests);
    const shiftOrder = asStored.instance.vehicles.map((v) => v.id);
    expect(asStored.plans.map((p) => p.vehicleId)).toEqual(shiftOrder.filter((id) => asStored.plans.some((p) => p.vehicleId === id)));
    const planOrder = [...new Set(asStored.plans.flatMap((p) => p.stops.map((s) => s.requestId)))];
    expect(asStored.instance.requests.map((r) => r.id)).toEqual(planOrder);
  });
});
