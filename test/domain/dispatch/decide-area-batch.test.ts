import { afterEach, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { decideAreaBatch, PlanConflictError, UnknownAreaError } from '../../../src/domain/dispatch/decide-area-batch';
import { describeEachDriver, freshDatabase } from '../../support/databases';
import { checkAllPlans, decisionEventCounts } from '../../workers/support/check-plans';
import { pendingDemo } from './batch-fixture';

describeEachDriver('deciding an area batch', (driver) => {
  let database: Database;
  afterEach(() => database.close());

  it('decides all pending bookings in one go, and a second run (a job re-run after a crash) changes nothing', async () => {
    database = await freshDatabase(driver);
    const { repos, demo, ids, deps } = await pendingDemo(database, 40);
    const first = await decideAreaBatch(deps, demo.areaId);
    expect(first.offered.length + first.rejected.length).toBe(40);
    expect(first.offered.length).toBeGreaterThan(20);
    const offered = await repos.bookings.findByIds(first.offered);
    for (const b of offered) expect(b.promisedPickupTo!.getTime() - b.promisedPickupFrom!.getTime()).toBe(15 * 60_000);
    const rejected = await repos.bookings.findByIds(first.rejected);
    for (const b of rejected) expect(b.rejectionReason).toEqual(expect.any(String));

    const plansBefore = await repos.fleet.plansForShifts(offered.map((b) => b.shiftId!));
    const again = await decideAreaBatch(deps, demo.areaId);
    expect(again).toEqual({ offered: [], rejected: [] });
    expect(await repos.fleet.plansForShifts(offered.map((b) => b.shiftId!))).toEqual(plansBefore);
    const events = await decisionEventCounts(database.db);
    expect(ids.map((id) => events.get(id))).toEqual(ids.map(() => 1));
    expect(await checkAllPlans(database.db, demo.areaId)).toEqual([]);
  });

  it('lets only one of two racing batches write; the loser is rolled back whole', async () => {
    database = await freshDatabase(driver);
    const { demo, ids, deps } = await pendingDemo(database, 12);
    let arrived = 0;
    let release!: () => void;
    const bothReady = new Promise<void>((resolve) => { release = resolve; });
    const racing = { ...deps, beforeCommit: async () => { if (++arrived === 2) release(); await bothReady; } };
    const results = await Promise.allSettled([decideAreaBatch(racing, demo.areaId), decideAreaBatch(racing, demo.areaId)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(PlanConflictError);
    const events = await decisionEventCounts(database.db);
    expect(ids.map((id) => events.get(id))).toEqual(ids.map(() => 1));
    expect(await checkAllPlans(database.db, demo.areaId)).toEqual([]);
  });

  it('calls an unknown area an input error', async () => {
    database = await freshDatabase(driver);
    const { deps } = await pendingDemo(database, 0);
    await expect(decideAreaBatch(deps, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(UnknownAreaError);
  });
});
