import { afterEach, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { decideAreaBatch, PlanConflictError } from '../../../src/domain/dispatch/decide-area-batch';
import { reoptimiseArea } from '../../../src/domain/dispatch/reoptimise-area';
import { describeEachDriver, freshDatabase } from '../../support/databases';
import { TEST_NOW } from '../../support/test-app';
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
