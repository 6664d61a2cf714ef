import { resolve } from 'node:path';
import { Router } from 'express';
import { Redis } from 'ioredis';
import { extendDemoShifts, seedDemo } from './seed/seed-demo';
import { createTravelTimes } from '../routing/travel-times';
import { createApp } from './api/app';
import { accountWiringFrom, smsDeliveryKind } from './api/account-wiring';
import { edgeSettingsFrom } from './api/edge-settings';
import { startWebServer, type WebServer } from './api/server';
import { allowRoles } from './api/auth';
import { driverAndDispatchRoutes } from './api/routes/dispatch';
import { createQueueDashboard, createQueueDecider, startWorkers } from '../workers';
import { startRetentionJob } from '../workers/retention';
import { applyRetention } from './domain/accounts/retention';
import { EmbeddedDatabaseInUseError } from '../db/pglite-holder';
import { SchemaOutdatedError } from '../db/migrate';
import { demoCredentialsPath, openConfiguredDatabase, redisPrefix } from './bootstrap';
import { config as loadConfig, ConfigError } from './config/env';
import { createAreaCache } from './domain/bookings/area-cache';
import { createRepositories, type DomainContext } from './domain/context';
import { createDatabasePlanChangeNotifier, type PlanChangeNotifier } from './domain/dispatch/plan-change-notifier';
import { createStoredStopMatrices } from './domain/dispatch/stop-matrix-store';
import { createRoadDataHealth, firstStop } from './domain/dispatch/road-data-health';
import { ensureRedis, RedisUnavailableError } from './infra/redis-bootstrap';
import { createShutdown } from './infra/graceful-shutdown';
import { createLogger } from './infra/logger';
import { createMetrics } from './infra/metrics';
import { gtfsFlexPublisherFrom } from './config/gtfs-flex-settings';

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
  if (smsDeliveryKind(config) === 'webhook' && !config.SMS_WEBHOOK_URL) throw new ConfigError('SMS_WEBHOOK_URL: needed with SMS_DELIVERY=webhook');
  if (role !== 'all' && !config.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL: running the API and the workers as separate processes needs a shared PostgreSQL (the embedded database serves one process).');
  }
  // The database first: one held by another process, or a schema behind the code, stops start-up
  // before anything else is started.
  const database = await openConfiguredDatabase(config);
  const redisEndpoint = await ensureRedis(config.REDIS_URL, config.DATA_DIR);
  const redis = new Redis(redisEndpoint.url, { maxRetriesPerRequest: null, lazyConnect: false });
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
  const prefix = redisPrefix(config);
  const dispatchDeps = {
    db: database.db,
    listen: database.listen,
    redisUrl: redisEndpoint.url,
    travelTimes,
    log,
    now,
    settings: {
      queuePrefix: prefix, batchWindowMs: config.BATCH_WINDOW_MS, reoptimiseEveryS: config.REOPTIMISE_EVERY_S, reoptimiseBudgetMs: config.REOPTIMISE_BUDGET_MS, replanMinIntervalS: config.REPLAN_MIN_INTERVAL_S,
      maxSnapM: config.OSRM_MAX_SNAP_M, roadDataRetryMaxS: config.ROAD_DATA_RETRY_MAX_S,
    },
  };
  // The API process only enqueues; a worker process (or `all`) also runs the queues.
  const dispatch = role === 'api' ? await createQueueDecider(dispatchDeps) : await startWorkers(dispatchDeps);
  // Villager data retention: a daily job in the worker role (RETENTION_DAYS).
  const accountWiring = accountWiringFrom(config, log);
  const retention = role === 'api' ? undefined : await startRetentionJob({
    redisUrl: redisEndpoint.url, queuePrefix: prefix, log,
    run: () => applyRetention({ repos, now, accountSettings: accountWiring.settings }),
  });
  let server: WebServer | undefined;
  let notifier: PlanChangeNotifier | undefined;
  const shuttingDown = new AbortController();
  let limitsRedis: Redis | undefined;

  if (role !== 'worker') {
    notifier = await createDatabasePlanChangeNotifier(database);
    const ctx: DomainContext = {
      db: database.db,
      repos,
      areaCache: createAreaCache(repos.areas),
      decider: dispatch.decider,
      now,
      settings: { snapMaxWalkM: config.SNAP_MAX_WALK_M, decisionWaitMs: config.DECISION_WAIT_MS },
    };
    const metrics = createMetrics(() => repos.bookings.countByStatus());
    // Its own connection, failing fast: a Redis outage lets requests through unlimited instead of hanging them.
    limitsRedis = new Redis(redisEndpoint.url, { maxRetriesPerRequest: 1, commandTimeout: 1000 });
    const sendCommand = (...[command, ...args]: string[]) => limitsRedis!.call(command, ...args);
    const app = createApp({
      ctx,
      log,
      metrics,
      edge: edgeSettingsFrom(config, { sendCommand, prefix }),
      checks: { database: () => database.ping(), redis: async () => (await redis.ping()) === 'PONG' },
      softChecks: travelTimes.kind === 'osrm' ? { osrm: createRoadDataHealth(travelTimes, () => firstStop(repos), { maxSnapM: config.OSRM_MAX_SNAP_M }) } : {},
      extraRoutes: driverAndDispatchRoutes(ctx, {
        notifier,
        stopMatrix: createStoredStopMatrices(database.db, travelTimes, { maxSnapM: config.OSRM_MAX_SNAP_M }),
        replan: (areaId, reason) => dispatch.enqueueReplan(areaId, reason),
        shutdown: shuttingDown.signal,
      }),
      adminRoutes: [{ path: '/admin/queues', router: Router().use(allowRoles('admin'), createQueueDashboard(dispatch.queues.list())) }],
      accounts: accountWiring,
      gtfsFlex: gtfsFlexPublisherFrom(config),
    });
    server = await startWebServer(app, config.PORT, config.HOST);
    const where = config.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${resolve(config.DATA_DIR, 'pglite')}`;
    console.log(`Eifel taxibus is listening on ${server.url} (database: ${where}; Redis: ${redisEndpoint.url}, ${redisEndpoint.source}, key prefix ${prefix}; travel times: ${travelTimes.kind}; role: ${role})`);
    console.log(`Demo tokens are in ${resolve(demoCredentialsPath(config))} (readable by you only).`);
  } else {
    console.log(`Eifel taxibus dispatch workers are running (Redis: ${redisEndpoint.url}, key prefix ${prefix}; travel times: ${travelTimes.kind})`);
  }

  // Stop accepting, answer waiting long-polls (304), let requests and jobs finish within the grace
  // period, then close the queues, Redis and the database (releasing the embedded one).
  const stop = createShutdown({
    graceMs: config.SHUTDOWN_GRACE_MS,
    log,
    steps: [
      { name: 'long-polls', run: () => shuttingDown.abort() },
      { name: 'http', run: async (leftMs) => {
        const drained = await server?.shutdown(leftMs);
        if (drained?.cut) log.warn({ cut: drained.cut }, 'requests still running at the end of the grace period were cut off');
      } },
      { name: 'dispatch', run: (leftMs) => dispatch.close(leftMs) },
      { name: 'retention', run: () => retention?.close() },
      { name: 'notifier', run: () => notifier?.close() },
      { name: 'database', run: () => database.close() },
      { name: 'redis', run: () => {
        redis.disconnect();
        limitsRedis?.disconnect();
        redisEndpoint.stop?.();
      } },
    ],
  });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

const ONE_LINE_ERRORS = [ConfigError, RedisUnavailableError, SchemaOutdatedError, EmbeddedDatabaseInUseError];

main().catch((error: unknown) => {
  if (ONE_LINE_ERRORS.some((kind) => error instanceof kind)) {
    console.error((error as Error).message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
