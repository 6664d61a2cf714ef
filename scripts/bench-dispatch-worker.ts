/**
 * The dispatch workers of `bench:dispatch --split`, in their own process as `npm run worker` runs them
 * in production: own event loop, own database pool. Started by the bench with
 * `node --import tsx scripts/bench-dispatch-worker.ts` and a JSON settings argument; says `ready` over
 * IPC once its queues run, then each decided batch's size and stage timings, and closes gracefully
 * when told `close`.
 */
import { openDatabase } from '../db/client';
import { StraightLineEstimate } from '../routing/travel-times';
import { createLogger } from '../src/infra/logger';
import { startWorkers, type DispatchSettings } from '../workers';

export interface BenchWorkerSettings {
  databaseUrl: string;
  redisUrl: string;
  nowIso: string;
  settings: DispatchSettings;
}

async function main() {
  const input = JSON.parse(process.argv[2]) as BenchWorkerSettings;
  const database = await openDatabase({ url: input.databaseUrl, maxConnections: 20 });
  const now = new Date(input.nowIso);
  const dispatch = await startWorkers({
    db: database.db, listen: database.listen, redisUrl: input.redisUrl, travelTimes: new StraightLineEstimate(), log: createLogger('silent'), settings: input.settings, now: () => now,
    // Each batch's stage timings go to the bench, which sums them up.
    observe: { batchDecided: (_areaId, size, timings) => process.send!({ size, timings }) },
  });
  process.on('message', (message) => {
    if (message !== 'close') return;
    void dispatch.close().then(() => database.close()).then(() => process.exit(0));
  });
  process.send!('ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
