import { afterEach, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { decideAreaBatch, PlanConflictError, type BatchDeps } from '../../../src/domain/dispatch/decide-area-batch';
import { createPlanningSnapshotCache } from '../../../src/domain/dispatch/planning-snapshot-cache';
import { insertBatch, type InsertBatchDeltaTask, type InsertBatchTask } from '../../../routing/solver-tasks';
import { describeEachDriver, freshDatabase } from '../../support/databases';
import { checkAllPlans, decisionEventCounts } from '../../workers/support/check-plans';
import { pendingDemo } from './batch-fixture';

/** Deps that keep the solver state between batches and record what each batch sent to the solver. */
function recording(deps: Omit<BatchDeps, 'snapshots'>) {
  const sent: Array<InsertBatchTask | InsertBatchDeltaTask> = [];
  const snapshots = createPlanningSnapshotCache();
  return { sent, deps: { ...deps, snapshots, insertBatch: async (task: InsertBatchTask | InsertBatchDeltaTask) => { sent.push(task); return insertBatch(task); } } };
}

describeEachDriver('reusing the solver state between batches', (driver) => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  /** 36 bookings decided 12 at a time; what each ended as, by ride (ids differ between databases). */
  async function decideInThirds(reuse: boolean, clockStepMs = 0) {
    const db = (database = await freshDatabase(driver));
    const { repos, demo, ids, deps } = await pendingDemo(db, 36);
    let nowMs = deps.now().getTime();
    const batchDeps = { ...deps, maxBatch: 12, now: () => new Date(nowMs) };
    const run = recording(batchDeps);
    for (let i = 0; i < 3; i += 1) {
      await decideAreaBatch(reuse ? run.deps : batchDeps, demo.areaId);
      nowMs += clockStepMs;
    }
    expect(await checkAllPlans(db.db, demo.areaId)).toEqual([]);
    const code = new Map((await repos.areas.allStops(demo.areaId)).map((s) => [s.id, s.code]));
    const decided = (await repos.bookings.findByIds(ids)).map((b) => [
      b.requestedTime.toISOString(), code.get(b.pickupStopId), code.get(b.dropoffStopId), b.status, b.promisedPickupFrom?.toISOString(), b.rejectionReason,
    ].join(' ')).sort();
    await db.close();
    database = undefined;
    return { sent: run.sent, decided };
  }

  it('sends only what changed once the thread holds the area, and decides as a full send would', async () => {
    const reused = await decideInThirds(true);
    expect(reused.sent.map((t) => t.kind)).toEqual(['insertBatch', 'insertBatchDelta', 'insertBatchDelta']);
    const delta = reused.sent[2] as InsertBatchDeltaTask;
    const full = reused.sent[0] as InsertBatchTask;
    expect(delta.order).toHaveLength(12);
    // The 12 to place and the ones offered last batch (now promised), not the whole instance.
    expect(delta.requests.length).toBeLessThanOrEqual(24);
    expect(full.instance.requests.length).toBe(12);
    const fresh = await decideInThirds(false);
    expect(fresh.sent).toEqual([]);
    expect(reused.decided).toEqual(fresh.decided);
  });

  it('follows the clock: buses on shift start later, and the thread is told only that', async () => {
    const reused = await decideInThirds(true, 7 * 60_000 + 13_000);
    expect(reused.sent.map((t) => t.kind)).toEqual(['insertBatch', 'insertBatchDelta', 'insertBatchDelta']);
    expect((reused.sent[1] as InsertBatchDeltaTask).starts.length).toBeGreaterThan(0);
    const fresh = await decideInThirds(false, 7 * 60_000 + 13_000);
    expect(reused.decided).toEqual(fresh.decided);
  });

  it('sends the whole instance again after a batch rolled back, so its insertions are not kept', async () => {
    const db = (database = await freshDatabase(driver));
    const { repos, demo, ids, deps } = await pendingDemo(db, 36);
    const run = recording({ ...deps, maxBatch: 12 });
    const first = await decideAreaBatch(run.deps, demo.areaId);
    const shiftId = (await repos.bookings.findById(first.offered[0]))!.shiftId!;
    // Someone else saves that plan (same stops) between the solver's answer and the write.
    const bump = async () => { await repos.fleet.updatePlan(shiftId, await repos.fleet.planVersion(shiftId), {}); };
    await expect(decideAreaBatch({ ...run.deps, beforeCommit: bump }, demo.areaId)).rejects.toBeInstanceOf(PlanConflictError);
    await decideAreaBatch(run.deps, demo.areaId);
    await decideAreaBatch(run.deps, demo.areaId);
    expect(run.sent.map((t) => t.kind)).toEqual(['insertBatch', 'insertBatchDelta', 'insertBatch', 'insertBatchDelta']);
    const events = await decisionEventCounts(db.db);
    expect(ids.map((id) => events.get(id))).toEqual(ids.map(() => 1));
    expect(await checkAllPlans(db.db, demo.areaId)).toEqual([]);
  });
});
