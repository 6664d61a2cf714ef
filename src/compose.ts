import { Router, type Express } from 'express';
import { Redis } from 'ioredis';
import type { Database } from '../db/client';
import type { TravelTimes } from '../routing/travel-times';
import { createQueueDashboard, createQueueDecider, overrideAreaLock, startWorkers, type DispatchHandle, type DispatchSettings, type WorkerObserver } from '../workers';
import { startRetentionJob } from '../workers/retention';
import { accountWiringFrom } from './api/account-wiring';
import { createApp } from './api/app';
import { allowRoles } from './api/auth';
import { edgeSettingsFrom } from './api/edge-settings';
import type { RateLimitSettings } from './api/rate-limits';
import { driverAndDispatchRoutes } from './api/routes/dispatch';
import { redisPrefix } from './bootstrap';
import type { Config } from './config/env';
import { gtfsFlexPublisherFrom } from './config/gtfs-flex-settings';
import { applyRetention } from './domain/accounts/retention';
import { extendTemplateShifts } from './domain/admin/manage-shifts';
import { createAreaCache, type AreaCache } from './domain/bookings/area-cache';
import { createRepositories, type DomainContext } from './domain/context';
import { createDatabasePlanChangeNotifier } from './domain/dispatch/plan-change-notifier';
import { createRouteLines } from './domain/overrides/route-geometry';
import { createRoadDataHealth, firstStop } from './domain/dispatch/road-data-health';
import { createStoredStopMatrices } from './domain/dispatch/stop-matrix-store';
import type { Logger } from './infra/logger';
import { createMetrics } from './infra/metrics';
import { createRedisLock } from './infra/redis-lock';

/** `all`: API and workers in one process; `api` only enqueues decisions; `worker` only runs the queues. */
export type Role = 'all' | 'api' | 'worker';

/** What the service talks to and the time it lives in: the only things a caller chooses besides the configuration. */
export interface ServicePorts {
  database: Database;
  /** The Redis of the queues, batch windows, area locks and rate limits (keys under redisPrefix(config)). */
  redisUrl: string;
  travelTimes: TravelTimes;
  now: () => Date;
  log: Logger;
  /** Where rate-limit counters live; default: their own connection to `redisUrl`, failing fast. */
  rateLimitStore?: RateLimitSettings['redis'];
  /** Told when a worker holds an area's lock and before it writes a decision (metrics, tests that interleave). */
  observe?: WorkerObserver;
}

export interface Service {
  role: Role;
  /** The HTTP API (roles `all` and `api`), not yet listening. */
  app?: Express;
  /** The context the API's use cases run in (roles `all` and `api`). */
  ctx?: DomainContext & { areaCache: AreaCache };
  /** The routers mounted after authentication besides bookings and stops (driver, dispatch). */
  routes: Array<{ path: string; router: Router }>;
  dispatch: DispatchHandle;
  prefix: string;
  /** Waiting manifest long-polls answer 304 at once (the first step of a shutdown). */
  stopLongPolls(): void;
  /** Closes the queues (running jobs get `graceMs`), the notifier and the Redis connections; not the database. */
  close(graceMs?: number): Promise<void>;
}

/** The dispatch settings of a configuration. */
export function dispatchSettingsFrom(config: Config): DispatchSettings {
  return {
    queuePrefix: redisPrefix(config),
    batchWindowMs: config.BATCH_WINDOW_MS,
    reoptimiseEveryS: config.REOPTIMISE_EVERY_S,
    reoptimiseBudgetMs: config.REOPTIMISE_BUDGET_MS,
    reoptimiseMaxIterations: config.REOPTIMISE_MAX_ITERATIONS || undefined,
    replanMinIntervalS: config.REPLAN_MIN_INTERVAL_S,
    maxSnapM: config.OSRM_MAX_SNAP_M,
    roadDataRetryMaxS: config.ROAD_DATA_RETRY_MAX_S,
    concurrency: config.WORKER_CONCURRENCY,
    solverThreads: config.SOLVER_THREADS,
    lockTtlMs: config.AREA_LOCK_TTL_MS,
    lockWaitMs: config.AREA_LOCK_WAIT_MS,
    jobLockMs: config.JOB_LOCK_MS,
    stalledIntervalMs: config.STALLED_INTERVAL_MS,
    attempts: config.JOB_ATTEMPTS,
    backoffMs: config.JOB_BACKOFF_MS,
  };
}

/**
 * The service as `npm start` runs it: the queue decider (with the worker pool unless the role is
 * `api`), the database's plan-change notifications, the stored stop matrices and the Redis rate
 * limits. The tests build their app here too, so they exercise this wiring and no other.
 */
export async function composeService(config: Config, ports: ServicePorts, role: Role = 'all'): Promise<Service> {
  const { database, log, now, travelTimes } = ports;
  const settings = dispatchSettingsFrom(config);
  const dispatchDeps = { db: database.db, listen: database.listen, redisUrl: ports.redisUrl, travelTimes, log, now, settings };
  // The API process only enqueues; a worker process (or `all`) also runs the queues.
  const dispatch = role === 'api' ? await createQueueDecider(dispatchDeps) : await startWorkers({ ...dispatchDeps, observe: ports.observe });
  const shuttingDown = new AbortController();
  const repos = createRepositories(database.db);
  // Villager data retention: a daily job wherever the queues run (RETENTION_DAYS).
  const accounts = accountWiringFrom(config, log);
  const retention = role === 'api' ? undefined : await startRetentionJob({
    redisUrl: ports.redisUrl, queuePrefix: settings.queuePrefix, log, retries: settings,
    // Daily: also every area's shift templates over its booking horizon.
    run: async () => ({ ...(await applyRetention({ repos, now, accountSettings: accounts.settings })), shiftsAdded: await extendTemplateShifts(repos, now()) }),
  });
  const closeQueues = async (graceMs?: number) => {
    await dispatch.close(graceMs);
    await retention?.close();
  };
  const base = { role, dispatch, prefix: settings.queuePrefix, stopLongPolls: () => shuttingDown.abort() };
  if (role === 'worker') return { ...base, routes: [], close: closeQueues };

  const notifier = await createDatabasePlanChangeNotifier(database);
  const areaCache = createAreaCache(repos.areas, { ttlMs: config.AREA_CACHE_TTL_MS });
  const ctx = {
    db: database.db,
    repos,
    areaCache,
    decider: dispatch.decider,
    now,
    settings: { snapMaxWalkM: config.SNAP_MAX_WALK_M, decisionWaitMs: config.DECISION_WAIT_MS },
  };
  // Its own connection, failing fast: a Redis outage lets requests through unlimited instead of hanging them.
  const redis = new Redis(ports.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 1000 });
  const rateLimitStore = ports.rateLimitStore ?? { sendCommand: (...[command, ...args]: string[]) => redis.call(command, ...args), prefix: settings.queuePrefix };
  const stopMatrix = createStoredStopMatrices(database.db, travelTimes, { maxSnapM: config.OSRM_MAX_SNAP_M });
  // A bus breaking down goes ahead of the area's batch decisions (the workers' lock, on the fail-fast connection).
  const areaLock = overrideAreaLock(createRedisLock(redis, { ttlMs: settings.lockTtlMs, waitMs: settings.lockWaitMs }), settings.queuePrefix, log);
  const routes = driverAndDispatchRoutes(ctx, {
    notifier,
    stopMatrix,
    areaLock,
    replan: (areaId, reason) => dispatch.enqueueReplan(areaId, reason),
    shutdown: shuttingDown.signal,
    lateThresholdS: config.LATE_THRESHOLD_S,
    pollMs: config.MANIFEST_POLL_MS,
    versionTtlMs: config.PLAN_VERSION_TTL_MS,
    routeLines: createRouteLines(travelTimes),
  });
  const app = createApp({
    ctx,
    log,
    metrics: createMetrics(() => repos.bookings.countByStatus()),
    edge: edgeSettingsFrom(config, rateLimitStore),
    tokenCacheTtlMs: config.TOKEN_CACHE_TTL_MS,
    checks: { database: () => database.ping(), redis: async () => (await redis.ping()) === 'PONG' },
    softChecks: travelTimes.kind === 'osrm' ? { osrm: createRoadDataHealth(travelTimes, () => firstStop(repos), { maxSnapM: config.OSRM_MAX_SNAP_M, cacheMs: config.OSRM_HEALTH_CACHE_MS }) } : {},
    extraRoutes: routes,
    adminRoutes: [{ path: '/admin/queues', router: Router().use(allowRoles('admin'), createQueueDashboard(dispatch.queues.list())) }],
    accounts,
    gtfsFlex: gtfsFlexPublisherFrom(config),
    // Changed stops queue a re-plan of their area, whose first step rebuilds the stale matrix (visible in the queue dashboard).
    admin: { overrides: { notifier, stopMatrix, areaLock }, stopsChanged: (areaId) => dispatch.enqueueReplan(areaId, 'stops changed') },
  });
  return {
    ...base,
    app,
    ctx,
    routes,
    async close(graceMs) {
      shuttingDown.abort();
      await closeQueues(graceMs);
      await notifier.close();
      redis.disconnect();
    },
  };
}
