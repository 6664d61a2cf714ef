import { afterEach, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { decideAreaBatch, PlanConflictError } from '../../../src/domain/dispatch/decide-area-batch';
import { reoptimiseArea } from '../../../src/domain/dispatch/reoptimise-area';
import { latePromises } from '../../../src/domain/dispatch/late-promises';
import { describeEachDriver, freshDatabase } from '../../support/databases';
import { TEST_NOW } from '../../support/test-app';
import { createSolverPool } from '../../../workers/solver-pool';
import { checkAllPlans } from '../../workers/support/check-plans';
import { pendingDemo } from './batch-fixture';

describeEachDriver('re-optimising an area', (driver) => {
  let database: Database;
  afterEach(() => database.close());

  async function decidedDemo() {
    database = await freshDatabase(driver);
    const fixture = await pendingDemo(database, 60, 9);
    await decideAreaBatch(fixture.deps, fixture.demo.areaId);
    // Lock one booking to its bus, as a dispatcher would.
    const [locked] = await fixture.repos.bookings.list({ areaId: fixture.demo.areaId, statuses: ['offered'], limit: 1 });
    await fixture.repos.bookings.transition(locked.id, ['offered'], { locked: true }, { kind: 'booking.locked' });
    return { ...fixture, locked, reoptDeps: { ...fixture.deps, budgetMs: 500, horizonMs: 48 * 3600_000, now: () => TEST_NOW } };
  }

  it('writes a cheaper plan set that keeps every promise, lock and booking', async () => {
    const { repos, demo, locked, reoptDeps } = await decidedDemo();
    const before = await repos.bookings.list({ areaId: demo.areaId, statuses: ['offered'], limit: 1000 });
    const outcome = await reoptimiseArea(reoptDeps, demo.areaId);
    expect(outcome).toMatchObject({ written: true });
    if (!outcome.written) return;
    expect(outcome.after).toBeLessThan(outcome.before);
    expect(await checkAllPlans(database.db, demo.areaId)).toEqual([]);
    const after = await repos.bookings.list({ areaId: demo.areaId, statuses: ['offered'], limit: 1000 });
    expect(after.map((b) => b.id).sort()).toEqual(before.map((b) => b.id).sort());
    expect((await repos.bookings.findById(locked.id))!.shiftId).toBe(locked.shiftId);
  });

  it('carries a promised ride that no bus carries (left over from a breakdown) again, within its promise', async () => {
    const { repos, demo, locked, reoptDeps } = await decidedDemo();
    const offered = await repos.bookings.list({ areaId: demo.areaId, statuses: ['offered'], limit: 1000 });
    const [stranded, held] = offered.filter((b) => b.id !== locked.id);
    // One left over by a breakdown, one a dispatcher took off its bus on purpose (held: locked, no bus).
    for (const [booking, hold] of [[stranded, false], [held, true]] as const) {
      const [plan] = await repos.fleet.plansForShifts([booking.shiftId!]);
      await repos.fleet.savePlan(plan.shiftId, plan.vehicleId, plan.stops.filter((s) => s.bookingId !== booking.id), plan.version);
      await repos.bookings.transition(booking.id, ['offered'], { shiftId: null, vehicleId: null, locked: hold }, { kind: hold ? 'dispatch.unassigned' : 'booking.unplaceable' });
    }
    expect((await checkAllPlans(database.db, demo.areaId)).sort()).toEqual([stranded, held].map((b) => `booking ${b.id} is offered but on no plan`).sort());

    const outcome = await reoptimiseArea(reoptDeps, demo.areaId);
    expect(outcome).toMatchObject({ written: true, placed: [stranded.id] });
    const carried = (await repos.bookings.findById(stranded.id))!;
    expect(carried).toMatchObject({ status: 'offered', promisedPickupFrom: stranded.promisedPickupFrom, promisedLatestArrival: stranded.promisedLatestArrival });
    expect(carried.shiftId).not.toBeNull();
    expect((await repos.events.forBooking(stranded.id)).at(-1)).toMatchObject({ kind: 'booking.placed' });
    expect(await checkAllPlans(database.db, demo.areaId)).toEqual([`booking ${held.id} is offered but on no plan`]);
    expect((await repos.bookings.findById(held.id))!.shiftId).toBeNull();
  });

  it('takes the stops of a cancelled ride off a plan that still names them, and never plans the ride again', async () => {
    const { repos, demo, locked, reoptDeps } = await decidedDemo();
    const offered = await repos.bookings.list({ areaId: demo.areaId, statuses: ['offered'], limit: 1000 });
    const gone = offered.find((b) => b.id !== locked.id)!;
    // Cancelled, but the plan edit after it never happened.
    await repos.bookings.transition(gone.id, ['offered'], { status: 'cancelled' }, { kind: 'booking.cancelled' });
    const [before] = await repos.fleet.plansForShifts([gone.shiftId!]);

    await reoptimiseArea(reoptDeps, demo.areaId);
    const [after] = await repos.fleet.plansForShifts([gone.shiftId!]);
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.stops.some((s) => s.bookingId === gone.id)).toBe(false);
    expect(await checkAllPlans(database.db, demo.areaId)).toEqual([]);
    const plans = await repos.fleet.plansForShifts([...new Set(offered.map((b) => b.shiftId!))]);
    expect(plans.flatMap((p) => p.stops).some((s) => s.bookingId === gone.id)).toBe(false);
    expect((await repos.bookings.findById(gone.id))!.status).toBe('cancelled');
  });

  it('takes the stops of a cancelled ride off its plan when the plan is otherwise unchanged, or empty', async () => {
    database = await freshDatabase(driver);
    const { repos, demo, deps } = await pendingDemo(database, 1);
    await decideAreaBatch(deps, demo.areaId);
    const [only] = await repos.bookings.list({ areaId: demo.areaId, statuses: ['offered'], limit: 1 });
    await repos.bookings.transition(only.id, ['offered'], { status: 'cancelled' }, { kind: 'booking.cancelled' });
    const outcome = await reoptimiseArea({ ...deps, budgetMs: 100, horizonMs: 48 * 3600_000 }, demo.areaId);
    expect(outcome).toMatchObject({ written: false, why: 'nothing planned' });
    const [plan] = await repos.fleet.plansForShifts([only.shiftId!]);
    expect(plan.stops).toEqual([]);
  });

  it('leaves the plan of a bus late on it in its order, re-times it, and re-plans the others around it', async () => {
    const { repos, demo, reoptDeps } = await decidedDemo();
    const offered = await repos.bookings.list({ areaId: demo.areaId, statuses: ['offered'], limit: 1000 });
    const plans = await repos.fleet.plansForShifts([...new Set(offered.map((b) => b.shiftId!))]);
    // The driver reports leaving the depot three hours after the plan's first pickup: no stop on it can be kept.
    const late = plans.find((p) => p.stops.length > 0)!;
    const firstMs = new Date(late.stops[0].plannedAt).getTime();
    const version = await repos.fleet.updatePlan(late.shiftId, late.version, { lastDepartedAt: new Date(firstMs + 3 * 3600_000) });

    const outcome = await reoptimiseArea(reoptDeps, demo.areaId);
    expect(outcome).toMatchObject({ written: true, leftAlone: [late.shiftId], retimed: [late.shiftId] });
    const [lateAfter] = await repos.fleet.plansForShifts([late.shiftId]);
    const order = (stops: typeof late.stops) => stops.map(({ bookingId, kind, stopId }) => ({ bookingId, kind, stopId }));
    expect(order(lateAfter.stops)).toEqual(order(late.stops));
    expect(lateAfter.version).toBe(version! + 1);
    // From the depot at the reported departure: every stop later than planned, none before it can be reached.
    expect(Date.parse(lateAfter.stops[0].plannedAt)).toBeGreaterThan(firstMs + 3 * 3600_000);
    lateAfter.stops.forEach((stop, i) => expect(Date.parse(stop.plannedAt)).toBeGreaterThanOrEqual(Date.parse(late.stops[i].plannedAt)));
    const after = await repos.bookings.list({ areaId: demo.areaId, statuses: ['offered'], limit: 1000 });
    expect(after.map((b) => b.id).sort()).toEqual(offered.map((b) => b.id).sort());
    const onLate = new Set(late.stops.map((s) => s.bookingId));
    for (const booking of after) expect(booking.shiftId === late.shiftId).toBe(onLate.has(booking.id));
    // The other plans keep every promise; the late bus's misses show, on its riders only.
    const problems = await checkAllPlans(database.db, demo.areaId);
    expect(problems.filter((p) => !p.includes(late.shiftId))).toEqual([]);
    const missed = latePromises([lateAfter], after);
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.every((m) => m.booking.shiftId === late.shiftId)).toBe(true);
    // Each missed promise is in the event log once.
    const lateEvents = async () => (await Promise.all([...onLate].map((id) => repos.events.forBooking(id)))).flat().filter((e) => e.kind === 'booking.late');
    const logged = await lateEvents();
    expect(logged.map((e) => `${e.bookingId}/${(e.data as { stop: string }).stop}`).sort()).toEqual(missed.map((m) => `${m.booking.id}/${m.kind}`).sort());
    expect(latePromises(await repos.fleet.plansForShifts([...new Set(after.map((b) => b.shiftId!))].filter((id) => id !== late.shiftId)), after)).toEqual([]);

    // Nothing moved since: the next run writes the late plan no more.
    const again = await reoptimiseArea(reoptDeps, demo.areaId);
    expect(again).toMatchObject({ leftAlone: [late.shiftId], retimed: [] });
    expect((await repos.fleet.plansForShifts([late.shiftId]))[0].version).toBe(version! + 1);
    expect((await lateEvents()).length).toBe(logged.length);
  });

  it('ends its solve early, with its best so far, once a booking of the area is waiting', async () => {
    const { repos, demo, reoptDeps } = await decidedDemo();
    const pool = createSolverPool(1);
    try {
      const [sample] = await repos.bookings.list({ areaId: demo.areaId, statuses: ['offered'], limit: 1 });
      let solving!: () => void;
      const solveStarted = new Promise<void>((resolve) => (solving = resolve));
      const solve: typeof pool.run = (task) => {
        solving();
        return pool.run(task);
      };
      const running = reoptimiseArea({ ...reoptDeps, reoptimise: solve, budgetMs: 60_000, pendingPollMs: 50 }, demo.areaId);
      await solveStarted;
      const { booking } = await repos.bookings.createOnce({
        areaId: demo.areaId, bookedById: sample.bookedById, pickupStopId: sample.pickupStopId, dropoffStopId: sample.dropoffStopId,
        requestedTime: sample.requestedTime, timeMode: sample.timeMode, seats: 1, wheelchairs: 0,
      }, sample.bookedById, { name: 'Wartende Anruferin', phone: '+496561111222' });
      const outcome = await running;
      // The solve stopped when it saw the booking, not at the end of its 60 s budget.
      expect(outcome.yielded).toBe(true);
      expect((await repos.bookings.findById(booking.id))!.status).toBe('pending');
      expect(await checkAllPlans(database.db, demo.areaId)).toEqual([]);
    } finally {
      await pool.close();
    }
  });

  it('writes nothing when a plan changed while it was solving', async () => {
    const { repos, demo, reoptDeps } = await decidedDemo();
    const offered = await repos.bookings.list({ areaId: demo.areaId, statuses: ['offered'], limit: 1000 });
    const shiftIds = [...new Set(offered.map((b) => b.shiftId!))];
    const plansBefore = await repos.fleet.plansForShifts(shiftIds);
    const bumped = plansBefore[0];
    const racing = { ...reoptDeps, beforeCommit: async () => { await repos.fleet.savePlan(bumped.shiftId, bumped.vehicleId, bumped.stops, bumped.version); } };
    await expect(reoptimiseArea(racing, demo.areaId)).rejects.toBeInstanceOf(PlanConflictError);
    const plansAfter = await repos.fleet.plansForShifts(shiftIds);
    for (const plan of plansAfter) {
      const was = plansBefore.find((p) => p.shiftId === plan.shiftId)!;
      expect(plan.stops).toEqual(was.stops);
      expect(plan.version).toBe(was.version + (plan.shiftId === bumped.shiftId ? 1 : 0));
    }
  });
});
