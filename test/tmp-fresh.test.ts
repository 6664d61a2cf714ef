import { it } from 'vitest';
import { decideAreaBatch } from '../src/domain/dispatch/decide-area-batch';
import { createPlanningSnapshotCache } from '../src/domain/dispatch/planning-snapshot-cache';
import { createStoredStopMatrices } from '../src/domain/dispatch/stop-matrix-store';
import { StraightLineEstimate } from '../routing/travel-times';
import { freshDatabase } from './support/databases';
import { pendingDemo } from './domain/dispatch/batch-fixture';
it('fresh repeat', async () => {
  const outs = new Map<string, string>();
  for (let rep = 0; rep < 2; rep++) for (const reuse of [false]) for (const recheckMs of [0, 1e9]) {
    const database = await freshDatabase('pglite');
    const { repos, demo, ids, deps } = await pendingDemo(database, 36);
    let nowMs = deps.now().getTime();
    const batchDeps = { ...deps, stopMatrix: createStoredStopMatrices(database.db, new StraightLineEstimate(), { recheckMs }), maxBatch: 12, now: () => new Date(nowMs), snapshots: reuse ? createPlanningSnapshotCache() : undefined };
    for (let i = 0; i < 3; i++) { await decideAreaBatch(batchDeps, demo.areaId); nowMs += 433_000; }
    const code = new Map((await repos.areas.allStops(demo.areaId)).map((s) => [s.id, s.code]));
    const decided = (await repos.bookings.findByIds(ids)).map((b) => [b.requestedTime.toISOString(), code.get(b.pickupStopId), b.status, b.promisedPickupFrom?.toISOString()].join(' ')).sort();
    const key = decided.join('\n');
    if (!outs.has(key)) outs.set(key, `#${outs.size}`);
    console.log('RESULT reuse', reuse, outs.get(key), decided.filter((d) => d.includes('T08:41:00') || d.includes('T09:35:00')).join(' | '));
    await database.close();
  }
}, 600000);
