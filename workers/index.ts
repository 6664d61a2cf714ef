import { hostname } from 'node:os';
import { Worker } from 'bullmq';
import type { Database, Db } from '../db/client';
import type { TravelTimes } from '../routing/travel-times';
import type { BookingDecider } from '../src/domain/dispatch/decider';
import { createPlanReleaser } from '../src/domain/dispatch/insertion-decider';
import { createQueueDecider as createDecider, type Decided } from '../src/domain/dispatch/queue-decider';
import { bookingFromJson } from '../src/data-access/bookings-repository';
import { createStoredStopMatrices } from '../src/domain/dispatch/stop-matrix-store';
import type { Logger } from '../src/infra/logger';
import { createRedisLock } from '../src/infra/redis-lock';
import { decideProcessor, eventsProcessor, reoptimiseProcessor, type WorkerObserver } from './area-processors';
import { createDispatchQueues, redisConnection, type DispatchQueues } from './queues';
import { createRoadDataRetry } from './road-data-retry';
import { createSolverPool } from './solver-pool';

export { createQueueDashboard } from './dashboard';
export { overrideAreaLock } from './area-lock-key';
export type { WorkerObserver } from './area-processors';

export interface DispatchSettings {
  /** BATCH_WINDOW_MS: bookings of one area arriving within it are decided together. */
  batchWindowMs: number;
  /** REOPTIMISE_EVERY_S: periodic re-optimisation of every area (0 = only on events). */
  reoptimiseEveryS: number;
  /** REPLAN_MIN_INTERVAL_S: least time between two re-optimisations of an area. */
  replanMinIntervalS: number;
  /** REOPTIMISE_BUDGET_MS: time budget of one re-optimisation solve. */
  reoptimiseBudgetMs: number;
  /** REOPTIMISE_MAX_ITERATIONS: when set, a solve ends after this many iterations instead of at the budget. */
  reoptimiseMaxIterations?: number;
  /**
   * Prefix of every Redis key (queues, batch windows, area locks): REDIS_PREFIX or the one derived
   * from the database (src/bootstrap.ts redisPrefix); tests use a unique one.
   */
  queuePrefix: string;
  /** WORKER_CONCURRENCY: jobs one worker process runs at once per queue (areas in parallel; one area is serialised by its lock). */
  concurrency: number;
  /** SOLVER_THREADS */
  solverThreads: number;
  /** AREA_LOCK_TTL_MS: the area lock outlives a killed holder by at most this long; AREA_LOCK_WAIT_MS. */
  lockTtlMs: number;
  lockWaitMs: number;
  /** JOB_LOCK_MS and STALLED_INTERVAL_MS: how soon the job of a killed worker runs again. */
  jobLockMs: number;
  stalledIntervalMs: number;
  /** JOB_ATTEMPTS and JOB_BACKOFF_MS. */
  attempts: number;
  backoffMs: number;
  /** Shown as the job's `processedBy` (Bull Board); default host:pid. */
  workerName?: string;
  /** OSRM_MAX_SNAP_M: road data snapping a stop farther is refused. */
  maxSnapM: number;
  /** ROAD_DATA_RETRY_MAX_S: longest wait between two tries to decide bookings waiting for road data. */
  roadDataRetryMaxS: number;
}

/** Where the database announces decided bookings (migration 0005). */
const DECIDED_CHANNEL = 'bookings_decided';

export interface DispatchDeps {
  db: Db;
  /** LISTEN on the database (Database.listen): decided bookings are announced there. */
  listen: Database['listen'];
  redisUrl: string;
  travelTimes: TravelTimes;
  log: Logger;
  settings: DispatchSettings;
  now?: () => Date;
}

export interface DispatchHandle {
  decider: BookingDecider;
  queues: DispatchQueues;
  /** Re-plan an area after a driver or dispatcher event (vehicle out of service, delay, lock…). */
  enqueueReplan(areaId: string, reason: string): Promise<void>;
  /**
   * Running jobs get `graceMs` (default: as long as they take) to finish; jobs still running then are
   * left, and their lock expires, so another worker (or this one after a restart) runs them again.
   */
  close(graceMs?: number): Promise<void>;
}

function queueSettings(deps: DispatchDeps) {
  const { settings } = deps;
  return {
    redisUrl: deps.redisUrl, prefix: settings.queuePrefix, batchWindowMs: settings.batchWindowMs,
    replanMinIntervalMs: settings.replanMinIntervalS * 1000, attempts: settings.attempts, backoffMs: settings.backoffMs,
  };
}

/** For the API process (role `api`): enqueue decisions and wait for them; no solving here. */
export async function createQueueDecider(deps: DispatchDeps, options: { listenFromStart?: boolean } = {}): Promise<DispatchHandle> {
  const now = deps.now ?? (() => new Date());
  const queues = createDispatchQueues(queueSettings(deps));
  const decisions: Array<(decided: Decided) => void> = [];
  // Decided bookings are announced by the database at commit (apply_batch_decision); an API listens
  // from the start, a worker process only once it asks for a decision itself (it never does).
  let listening: Promise<() => Promise<void>> | undefined;
  const listen = () => {
    if (listening) return listening;
    const started = deps.listen(DECIDED_CHANNEL, (payload) => {
      let decided: Decided;
      try {
        const row = JSON.parse(payload) as { id: string; status?: string; pending?: string };
        decided = { id: row.id, booking: row.status === undefined ? undefined : bookingFromJson(row), pending: row.pending };
      } catch {
        return; // not ours to read; the waiters' poll still finds their decisions
      }
      decisions.forEach((listener) => listener(decided));
    });
    // A LISTEN that failed (database away) is tried again with the next decision.
    started.catch(() => {
      if (listening === started) listening = undefined;
    });
    return (listening = started);
  };
  if (options.listenFromStart ?? true) await listen();
  const releaser = createPlanReleaser({ db: deps.db, stopMatrix: createStoredStopMatrices(deps.db, deps.travelTimes, { maxSnapM: deps.settings.maxSnapM }), now });
  const decider = createDecider({
    db: deps.db,
    queue: {
      request: async (areaId) => {
        await listen();
        await queues.requestDecision(areaId);
      },
      onDecided(listener) {
        decisions.push(listener);
        return () => decisions.splice(decisions.indexOf(listener), 1);
      },
    },
    release: (bookingId) => releaser.release(bookingId),
  });
  return {
    decider,
    queues,
    enqueueReplan: (areaId, reason) => queues.enqueueReplan(areaId, reason),
    async close() {
      decider.close();
      const unlisten = await listening?.catch(() => undefined);
      await unlisten?.();
      await queues.close();
    },
  };
}

/**
 * For a worker process (role `worker`, or `all` together with the API): runs the bookings,
 * reoptimise and events queues, and also returns a decider for an API in the same process.
 */
export async function startWorkers(deps: DispatchDeps & { observe?: WorkerObserver }): Promise<DispatchHandle> {
  const { settings, log } = deps;
  const now = deps.now ?? (() => new Date());
  const api = await createQueueDecider(deps, { listenFromStart: false });
  const lockConnection = redisConnection(deps.redisUrl);
  const solver = createSolverPool(settings.solverThreads);
  const processorDeps = {
    db: deps.db,
    stopMatrix: createStoredStopMatrices(deps.db, deps.travelTimes, { maxSnapM: settings.maxSnapM }),
    roadDataRetry: createRoadDataRetry(api.queues, log, { maxDelayMs: settings.roadDataRetryMaxS * 1000, nowMs: () => now().getTime() }),
    now,
    log,
    lock: createRedisLock(lockConnection, { ttlMs: settings.lockTtlMs, waitMs: settings.lockWaitMs }),
    lockPrefix: settings.queuePrefix,
    solver,
    queues: api.queues,
    reoptimiseBudgetMs: settings.reoptimiseBudgetMs,
    reoptimiseMaxIterations: settings.reoptimiseMaxIterations,
    observe: deps.observe,
  };
  const workerOptions = {
    connection: redisConnection(deps.redisUrl),
    prefix: settings.queuePrefix,
    concurrency: settings.concurrency,
    lockDuration: settings.jobLockMs,
    stalledInterval: settings.stalledIntervalMs,
    maxStalledCount: 3,
    name: settings.workerName ?? `${hostname()}:${process.pid}`,
  };
  const workers = [
    new Worker(api.queues.bookings.name, decideProcessor(processorDeps), workerOptions),
    new Worker(api.queues.reoptimise.name, reoptimiseProcessor(processorDeps), workerOptions),
    new Worker(api.queues.events.name, eventsProcessor(processorDeps), workerOptions),
  ];
  for (const worker of workers) {
    worker.on('failed', (job, error) => log.warn({ queue: worker.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, 'job failed'));
    worker.on('error', (error) => log.error({ queue: worker.name, err: error.message }, 'worker error'));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  await api.queues.schedulePeriodic(settings.reoptimiseEveryS);
  return {
    ...api,
    // Graceful: let running jobs finish (or leave them to others), then queues, then connections.
    async close(graceMs?: number) {
      await closeWithin(workers, graceMs);
      await api.close();
      await solver.close();
      workerOptions.connection.disconnect();
      lockConnection.disconnect();
    },
  };
}

/**
 * Closes the workers, letting their running jobs finish within `graceMs`. Past it they are closed
 * by force: their job locks are no longer renewed, so the jobs count as stalled once the locks
 * expire and another worker runs them again. (A close that already waits for the jobs cannot be
 * forced any more, hence pause first.)
 */
async function closeWithin(workers: Worker[], graceMs: number | undefined): Promise<void> {
  const finished = Promise.all(workers.map((w) => w.pause()));
  let late = false;
  if (graceMs === undefined) await finished;
  else {
    let timer: NodeJS.Timeout | undefined;
    late = await Promise.race([finished.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs)))]);
    clearTimeout(timer);
  }
  await Promise.all(workers.map((w) => w.close(late)));
}
