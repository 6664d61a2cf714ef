/**
 * The dispatch workers of `bench:dispatch --split`, in their own process as `npm run worker` runs them
 * in production: own event loop, own database pool. Started by the bench with
 * `node --import tsx scripts/bench-dispatch-worker.ts` and a JSON settings argument; says `ready` over
 * IPC once its queues run, then each decided batch's size and stage timings and each hold of an area
 * lock (asked, got, let go), and closes gracefully when told `close`. The Land-scale simulation
 * (scripts/simulate/land-run.ts) starts its worker processes here too.
 */
import { openDatabase } from '../db/client';
import { StraightLineEstimate } from '../routing/travel-times';
import { createLogger } from '../src/infra/logger';
import type { BatchTimings } from '../src/domain/dispatch/decide-area-batch';
import { startWorkers, type DispatchSettings } from '../workers';

export interface BenchWorkerSettings {
  databaseUrl: string;
  redisUrl: string;
  nowIso: string;
  settings: DispatchSettings;
}

/** What the worker process tells its parent. */
export type BenchWorkerMessage =
  | { kind: 'batch'; size: number; timings: BatchTimings }
  | { kind: 'lock'; areaId: string; askedMs: number; fromMs: number; toMs: number };

async function main() {
  const input = JSON.parse(process.argv[2]) as BenchWorkerSettings;
  const database = await openDatabase({ url: input.databaseUrl, maxConnections: 20 });
  const now = new Date(input.nowIso);
  const dispatch = await startWorkers({
    db: database.db, listen: database.listen, redisUrl: input.redisUrl, travelTimes: new StraightLineEstimate(), log: createLogger('silent'), settings: input.settings, now: () => now,
    // Each batch's stage timings go to the bench, which sums them up.
    observe: {
      batchDecided: (_areaId, size, timings) => process.send!({ kind: 'batch', size, timings } satisfies BenchWorkerMessage),
      lockHeld: (areaId, _job, fromMs, toMs, askedMs) => void process.send!({ kind: 'lock', areaId, askedMs, fromMs, toMs } satisfies BenchWorkerMessage),
    },
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
