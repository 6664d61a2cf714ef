import { resolve } from 'node:path';
import { Router } from 'express';
import { Redis } from 'ioredis';
import { extendDemoShifts, seedDemo } from '../db/seed/seed-demo';
import { createTravelTimes } from '../routing/travel-times';
import { createApp } from './api/app';
import { startWebServer, type WebServer } from './api/server';
import { allowRoles } from './api/auth';
import { driverAndDispatchRoutes } from './api/routes/dispatch';
import { createQueueDashboard, createQueueDecider, startWorkers } from '../workers';
import { demoCredentialsPath, openConfiguredDatabase } from './bootstrap';
import { config as loadConfig, ConfigError } from './config/env';
import { createAreaCache, withCachedStopLookups } from './domain/bookings/area-cache';
import { createRepositories, type DomainContext } from './domain/context';
import { createDatabasePlanChangeNotifier, type PlanChangeNotifier } from './domain/dispatch/plan-change-notifier';
import { createStoredStopMatrices } from './domain/dispatch/stop-matrix-store';
import { createRoadDataHealth, firstStop } from './domain/dispatch/road-data-health';
import { ensureRedis, RedisUnavailableError } from './infra/redis-bootstrap';
import { createLogger } from './infra/logger';
import { createMetrics } from './infra/metrics';

type Role = 'all' | 'api' | 'worker';

function roleFromArgs(argv: string[]): Role {
  const index = argv.indexOf('--role');
  const role = index >= 0 ? argv[index + 1] : 'all';
  if (role !== 'all' && role !== 'api' && role !== 'worker') throw new ConfigError(`--role must be all, api or worker, not "${role}"`);
  return role;
}

async function main(): Promise<void> {
  const role = roleFromArgs(process.argv.slice(2));
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  if (role !== 'all' && !config.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL: running the API and the workers as separate processes needs a shared PostgreSQL (the embedded database serves one process).');
  }
  const redisEndpoint = await ensureRedis(config.REDIS_URL, config.DATA_DIR);
  const redis = new Redis(redisEndpoint.url, { maxRetriesPerRequest: null, lazyConnect: false });
  const database = await openConfiguredDatabase(config);
  const repos = createRepositories(database.db);

  if (config.SEED_DEMO && (await repos.areas.list()).length === 0) {
    await seedDemo(repos, { now: new Date(), credentialsPath: demoCredentialsPath(config) });
    log.info({ credentials: resolve(demoCredentialsPath(config)) }, 'seeded the Eifel demo');
  } else if (config.SEED_DEMO) {
    const added = await extendDemoShifts(repos, new Date());
    if (added > 0) log.info({ added }, 'extended the demo shifts over the booking horizon');
  }

  const travelTimes = createTravelTimes({
    osrmUrl: config.OSRM_URL,
    profile: config.OSRM_PROFILE,
    maxTableSize: config.OSRM_MAX_TABLE_SIZE,
    timeoutMs: config.OSRM_TIMEOUT_MS,
    detourFactor: config.ESTIMATE_DETOUR_FACTOR,
    speedKmh: config.ESTIMATE_SPEED_KMH,
  });
  const now = () => new Date();
  const dispatchDeps = {
    db: database.db,
    listen: database.listen,
    redisUrl: redisEndpoint.url,
    travelTimes,
    log,
    now,
    settings: {
      batchWindowMs: config.BATCH_WINDOW_MS, reoptimiseEveryS: config.REOPTIMISE_EVERY_S, reoptimiseBudgetMs: config.REOPTIMISE_BUDGET_MS, replanMinIntervalS: config.REPLAN_MIN_INTERVAL_S,
      maxSnapM: config.OSRM_MAX_SNAP_M, roadDataRetryMaxS: config.ROAD_DATA_RETRY_MAX_S,
    },
  };
  // The API process only enqueues; a worker process (or `all`) also runs the queues.
  const dispatch = role === 'api' ? await createQueueDecider(dispatchDeps) : await startWorkers(dispatchDeps);
  let server: WebServer | undefined;
  let notifier: PlanChangeNotifier | undefined;

  if (role !== 'worker') {
    notifier = await createDatabasePlanChangeNotifier(database);
    const areaCache = createAreaCache(repos.areas);
    const ctx: DomainContext = {
      db: database.db,
      repos: withCachedStopLookups(repos, areaCache),
      areaCache,
      decider: dispatch.decider,
      now,
      settings: { snapMaxWalkM: config.SNAP_MAX_WALK_M, decisionWaitMs: config.DECISION_WAIT_MS },
    };
    const metrics = createMetrics(() => repos.bookings.countByStatus());
    const app = createApp({
      ctx,
      log,
      metrics,
      checks: { database: () => database.ping(), redis: async () => (await redis.ping()) === 'PONG' },
      softChecks: travelTimes.kind === 'osrm' ? { osrm: createRoadDataHealth(travelTimes, () => firstStop(repos), { maxSnapM: config.OSRM_MAX_SNAP_M }) } : {},
      extraRoutes: driverAndDispatchRoutes(ctx, {
        notifier,
        stopMatrix: createStoredStopMatrices(database.db, travelTimes, { maxSnapM: config.OSRM_MAX_SNAP_M }),
        replan: (areaId, reason) => dispatch.enqueueReplan(areaId, reason),
      }),
      adminRoutes: [{ path: '/admin/queues', router: Router().use(allowRoles('admin'), createQueueDashboard(dispatch.queues.list())) }],
    });
    server = await startWebServer(app, config.PORT, config.HOST);
    const where = config.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${resolve(config.DATA_DIR, 'pglite')}`;
    console.log(`Eifel taxibus is listening on ${server.url} (database: ${where}; Redis: ${redisEndpoint.url}, ${redisEndpoint.source}; travel times: ${travelTimes.kind}; role: ${role})`);
    console.log(`Demo tokens are in ${resolve(demoCredentialsPath(config))} (readable by you only).`);
  } else {
    console.log(`Eifel taxibus dispatch workers are running (Redis: ${redisEndpoint.url}; travel times: ${travelTimes.kind})`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await server?.close().catch(() => undefined);
    await dispatch.close().catch((error: unknown) => log.error({ err: error }, 'closing the dispatch queues failed'));
    await notifier?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    redis.disconnect();
    redisEndpoint.stop?.();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof RedisUnavailableError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
