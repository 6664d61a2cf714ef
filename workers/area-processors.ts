import { UnrecoverableError, type Job } from 'bullmq';
import type { Db } from '../db/client';
import { decideAreaBatch, PlanConflictError, UnknownAreaError, type BatchTimings, type StopMatrixSource } from '../src/domain/dispatch/decide-area-batch';
import { createPlanningSnapshotCache, type PlanningSnapshotCache } from '../src/domain/dispatch/planning-snapshot-cache';
import { reoptimiseArea, replayCommand } from '../src/domain/dispatch/reoptimise-area';
import { asDomainError } from '../src/domain/as-domain-error';
import { createRepositories } from '../src/domain/context';
import type { Logger } from '../src/infra/logger';
import type { Lease, RedisLock } from '../src/infra/redis-lock';
import { areaLockKey } from './area-lock-key';
import type { AreaJob, DecideResult, DispatchQueues, EventJob } from './queues';
import type { RoadDataRetry } from './road-data-retry';
import type { SolverPool } from './solver-pool';

/** Test and operations hooks; none is needed in production. */
export interface WorkerObserver {
  /** The area lock was held from `fromMs` to `toMs` (wall clock) by this process, asked for at `askedMs`. */
  lockHeld?(areaId: string, job: 'decide' | 'reoptimise', fromMs: number, toMs: number, askedMs: number): void | Promise<void>;
  /** Right before a decision or plan is written, with the lock held. */
  beforeCommit?(areaId: string, job: 'decide' | 'reoptimise'): void | Promise<void>;
  /** A batch of `size` bookings was decided and written, with the time each stage took. */
  batchDecided?(areaId: string, size: number, timings: BatchTimings): void;
}

export interface ProcessorDeps {
  db: Db;
  stopMatrix: StopMatrixSource;
  now: () => Date;
  log: Logger;
  lock: RedisLock;
  lockPrefix: string;
  solver: SolverPool;
  queues: DispatchQueues;
  reoptimiseBudgetMs: number;
  reoptimiseMaxIterations?: number;
  observe?: WorkerObserver;
  /** Decides bookings that wait for road data again, with backoff. */
  roadDataRetry?: RoadDataRetry;
}

/**
 * A job for an area this database does not know is not ours to fail (a deployment sharing the Redis
 * by mistake, or an area deleted since): it completes, dropped, with one warning and no retry.
 */
async function droppingUnknownArea<T>(deps: Pick<ProcessorDeps, 'log'>, job: Job<AreaJob>, work: () => Promise<T>): Promise<T | { areaId: string; decided: string[]; dropped: string }> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof UnknownAreaError)) throw error;
    deps.log.warn({ queue: job.queueName, jobId: job.id, areaId: error.areaId }, 'job for an unknown service area dropped (is another deployment using this Redis with the same REDIS_PREFIX?)');
    return { areaId: error.areaId, decided: [], dropped: error.message };
  }
}

const CONFLICT_RETRIES = 3;

/** Runs `work` with the area lock, reporting the holding interval; errors no retry can fix become unrecoverable. */
async function underAreaLock<T>(deps: ProcessorDeps, areaId: string, kind: 'decide' | 'reoptimise', work: (lease: Lease) => Promise<T>): Promise<T> {
  const askedMs = Date.now();
  try {
    return await deps.lock.withLock(areaLockKey(deps.lockPrefix, areaId), async (lease) => {
      const fromMs = Date.now();
      try {
        return await work(lease);
      } finally {
        await deps.observe?.lockHeld?.(areaId, kind, fromMs, Date.now(), askedMs);
      }
    });
  } catch (error) {
    if (error instanceof UnknownAreaError) throw error;
    // A domain fact no retry can change (bad input, a refused plan) ends the job at once; a dependency
    // that is away (kind unavailable) and anything unknown is tried again with backoff.
    const failure = asDomainError(error);
    if (failure && !failure.retryable) throw new UnrecoverableError(`${failure.code}: ${failure.message}`);
    throw error;
  }
}

function planningDeps(deps: ProcessorDeps, areaId: string, kind: 'decide' | 'reoptimise', lease: Lease) {
  return {
    db: deps.db,
    stopMatrix: deps.stopMatrix,
    now: deps.now,
    async beforeCommit() {
      await deps.observe?.beforeCommit?.(areaId, kind);
      lease.assertHeld();
    },
  };
}

/** Decides all pending bookings of the area, retrying a batch that lost a race with another writer. */
async function decidePending(deps: ProcessorDeps, areaId: string, lease: Lease, snapshots: PlanningSnapshotCache): Promise<string[]> {
  const batchDeps = {
    ...planningDeps(deps, areaId, 'decide', lease), insertBatch: deps.solver.run, findAlternatives: deps.solver.run, snapshots, roadDataNoticed: deps.roadDataRetry?.noticed,
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await decideAreaBatch(batchDeps, areaId);
      await deps.roadDataRetry?.after(areaId, result.waiting);
      const decided = [...result.offered, ...result.rejected];
      if (result.timings && decided.length > 0) {
        deps.log.debug({ areaId, size: decided.length, ms: result.timings }, 'batch stages');
        deps.observe?.batchDecided?.(areaId, decided.length, result.timings);
      }
      return decided;
    } catch (error) {
      if (!(error instanceof PlanConflictError) || attempt >= CONFLICT_RETRIES) throw error;
      deps.log.debug({ areaId, attempt, err: error.message }, 'batch lost a race, deciding again');
    }
  }
}

/**
 * Runs at most one batch per area at a time in this process. A job that arrives while a batch runs
 * joins the one batch queued behind it, which starts as soon as the running one ends and decides
 * every booking pending by then (its own included). So a burst of jobs costs two batches, not one
 * each, and the joiners neither hold the lock for an empty batch nor poll for it. The first job of a
 * batch reports the decided ids; the joiners report none (their waiters hear from the first).
 */
export function oneBatchPerArea(run: (areaId: string) => Promise<string[]>) {
  const running = new Map<string, Promise<string[]>>();
  const queued = new Map<string, Promise<string[]>>();
  return async (areaId: string): Promise<string[]> => {
    const waiting = queued.get(areaId);
    if (waiting) {
      await waiting;
      return [];
    }
    const previous = running.get(areaId);
    const batch = (previous ?? Promise.resolve()).catch(() => undefined).then(() => {
      queued.delete(areaId);
      return run(areaId);
    });
    queued.set(areaId, batch);
    running.set(areaId, batch);
    const forget = () => {
      if (running.get(areaId) === batch) running.delete(areaId);
    };
    batch.then(forget, forget);
    return batch;
  };
}

export function decideProcessor(deps: ProcessorDeps) {
  // Plans and bookings read by the previous batch; each row is checked again on every load.
  const snapshots = createPlanningSnapshotCache();
  const decideArea = oneBatchPerArea((areaId) => underAreaLock(deps, areaId, 'decide', (lease) => decidePending(deps, areaId, lease, snapshots)));
  return async (job: Job<AreaJob>): Promise<DecideResult> => {
    const { areaId, windowId } = job.data;
    if (windowId) await deps.queues.decideWindowClosed(areaId, windowId);
    return droppingUnknownArea(deps, job, async () => {
      const decided = await decideArea(areaId);
      deps.log.info({ areaId, jobId: job.id, decided: decided.length }, 'batch decided');
      return { areaId, decided };
    });
  };
}

export function reoptimiseProcessor(deps: ProcessorDeps) {
  const snapshots = createPlanningSnapshotCache();
  return async (job: Job<AreaJob>) => {
    const { areaId } = job.data;
    return droppingUnknownArea(deps, job, () => underAreaLock(deps, areaId, 'reoptimise', async (lease) => {
      await deps.queues.reoptimiseStarted(areaId);
      // After a change of stops the matrix is rebuilt first, its rows done shown as the job's progress
      // (the queue dashboard's bar); the planning below finds it built.
      await deps.stopMatrix(areaId, await createRepositories(deps.db).areas.allStops(areaId), (done, total) => {
        job.updateProgress(Math.round((100 * done) / Math.max(1, total))).catch(() => undefined);
      });
      // The periodic run also sweeps up bookings whose decide job never arrived (API crash).
      const swept = await decidePending(deps, areaId, lease, snapshots);
      // Logged before the solve, so that a solve that fails or writes a surprising plan can be replayed.
      // From the service's clock (the wall clock in production): a simulated day seeds its solves alike in every run.
      const at = deps.now();
      const seed = (at.getTime() % 2_147_483_647) || 1;
      deps.log.info({ areaId, jobId: job.id, seed, at: at.toISOString(), budgetMs: deps.reoptimiseBudgetMs, maxIterations: deps.reoptimiseMaxIterations }, 're-optimisation solve');
      const outcome = await reoptimiseArea({
        ...planningDeps(deps, areaId, 'reoptimise', lease),
        reoptimise: deps.solver.run,
        snapshots,
        budgetMs: deps.reoptimiseBudgetMs,
        maxIterations: deps.reoptimiseMaxIterations,
        seed,
      }, areaId);
      // How to solve it again: on the database as it was then, the same seed and iterations give the same answer.
      const replay = outcome.iterations === undefined ? undefined : replayCommand(areaId, seed, outcome.iterations, at);
      deps.log.info({ areaId, jobId: job.id, reason: job.data.reason, swept: swept.length, ...outcome, replay }, 're-optimised');
      return { swept: swept.length, ...outcome };
    }));
  };
}

/** An area's event asks for its re-optimisation; the periodic tick asks it of every area there is now. */
export function eventsProcessor(deps: Pick<ProcessorDeps, 'queues' | 'log' | 'db'>) {
  return async (job: Job<EventJob>) => {
    if (job.name === 'periodic') {
      const areas = await createRepositories(deps.db).areas.list();
      for (const area of areas) await deps.queues.requestReoptimise(area.id, 'periodic');
      return { areas: areas.length };
    }
    if (!job.data.areaId) throw new UnrecoverableError('event without areaId');
    await deps.queues.requestReoptimise(job.data.areaId, job.data.reason ?? job.name);
    return { areas: 1 };
  };
}
