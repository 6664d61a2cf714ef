import { randomUUID } from 'node:crypto';
import type { Database } from '../../../db/client';
import { seedDemo, type DemoCredentials } from '../../../src/seed/seed-demo';
import { StraightLineEstimate, type TravelTimes } from '../../../routing/travel-times';
import { createApp, type AppDependencies } from '../../../src/api/app';
import { startWebServer } from '../../../src/api/server';
import { createRepositories, type DomainContext, type Repositories } from '../../../src/domain/context';
import { driverAndDispatchRoutes } from '../../../src/api/routes/dispatch';
import { createDatabasePlanChangeNotifier } from '../../../src/domain/dispatch/plan-change-notifier';
import { createStoredStopMatrices } from '../../../src/domain/dispatch/stop-matrix-store';
import { createLogger, type Logger } from '../../../src/infra/logger';
import { createMetrics } from '../../../src/infra/metrics';
import { edgeSettingsFrom } from '../../../src/api/edge-settings';
import { dispatchSettingsFrom } from '../../../src/compose';
import { parseConfig } from '../../../src/config/env';
import { createQueueDashboard, createQueueDecider, startWorkers, type DispatchHandle, type DispatchSettings, type WorkerObserver } from '../../../workers';
import { freshDatabase, type Driver } from '../../support/databases';
import { TEST_LIMITS, TEST_NOW } from '../../support/test-app';
import { createRouteLines } from '../../../src/domain/overrides/route-geometry';

/**
 * The configuration's dispatch settings, made fast for tests: short batch window, short locks so a
 * killed worker's job returns quickly, a unique Redis prefix.
 */
export function testSettings(overrides: Partial<DispatchSettings> = {}): DispatchSettings {
  const config = parseConfig({
    BATCH_WINDOW_MS: '200', REOPTIMISE_EVERY_S: '0', REOPTIMISE_BUDGET_MS: '300', REDIS_PREFIX: `test-${randomUUID()}`,
    AREA_LOCK_TTL_MS: '2000', JOB_LOCK_MS: '2000', STALLED_INTERVAL_MS: '1000', JOB_BACKOFF_MS: '100',
  });
  return { ...dispatchSettingsFrom(config), ...overrides };
}

export interface WorkerApp {
  url: string;
  database: Database;
  repos: Repositories;
  demo: DemoCredentials;
  dispatch: DispatchHandle;
  settings: DispatchSettings;
  token(role: 'admin' | 'dispatcher' | 'rider'): string;
  stopIds(): Promise<Map<string, string>>;
  get(path: string, token: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  post(path: string, token: string, body: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

/**
 * The real HTTP API over a seeded database with the queue decider; with `workers: true` the worker
 * pool runs in this process too (role `all`), else only the decider (role `api`).
 */
export { demoRides } from '../../../scripts/support/demo-rides';

export async function startWorkerApp(options: {
  driver: Driver; redisUrl: string; workers: boolean; settings?: DispatchSettings; database?: Database; travelTimes?: TravelTimes;
  /** The clock of the API and the workers (default: fixed at TEST_NOW). */
  clock?: { now: Date };
  /** Where the workers log (default: silent, or TEST_LOG_LEVEL). */
  log?: Logger;
  observe?: WorkerObserver;
  /** How long POST /v1/bookings waits for a decision before its 202 (default 20 s). */
  decisionWaitMs?: number;
  softChecks?: AppDependencies['softChecks'];
}): Promise<WorkerApp> {
  const database = options.database ?? (await freshDatabase(options.driver));
  const repos = createRepositories(database.db);
  const clock = options.clock ?? { now: TEST_NOW };
  const now = () => clock.now;
  const demo = (await repos.areas.list()).length === 0 ? await seedDemo(repos, { now: TEST_NOW }) : undefined;
  const settings = options.settings ?? testSettings();
  const log = options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const deps = { db: database.db, listen: database.listen, redisUrl: options.redisUrl, travelTimes: options.travelTimes ?? new StraightLineEstimate(), log, settings, now };
  const dispatch = options.workers ? await startWorkers({ ...deps, observe: options.observe }) : await createQueueDecider(deps);
  const ctx: DomainContext = { db: database.db, repos, decider: dispatch.decider, now, settings: { snapMaxWalkM: 800, decisionWaitMs: options.decisionWaitMs ?? 20_000 } };
  const notifier = await createDatabasePlanChangeNotifier(database);
  const config = parseConfig(TEST_LIMITS);
  const app = createApp({
    ctx, log, metrics: createMetrics(() => repos.bookings.countByStatus()), checks: {}, softChecks: options.softChecks,
    edge: edgeSettingsFrom(config),
    adminRoutes: [{ path: '/admin/queues', router: createQueueDashboard(dispatch.queues.list()) }],
    extraRoutes: driverAndDispatchRoutes(ctx, {
      notifier, stopMatrix: createStoredStopMatrices(database.db, deps.travelTimes), lateThresholdS: config.LATE_THRESHOLD_S, pollMs: config.MANIFEST_POLL_MS, versionTtlMs: config.PLAN_VERSION_TTL_MS, replan: (areaId, reason) => dispatch.enqueueReplan(areaId, reason),
      routeLines: createRouteLines(deps.travelTimes),
    }),
  });
  const server = await startWebServer(app, 0);
  return {
    url: server.url,
    database,
    repos,
    demo: demo!,
    dispatch,
    settings,
    token(role) {
      return demo!.users.find((u) => u.role === role)!.token;
    },
    async stopIds() {
      const stops = await repos.areas.allStops(demo!.areaId);
      return new Map(stops.map((s) => [s.code, s.id]));
    },
    async get(path, token) {
      const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: await res.json() };
    },
    async post(path, token, body) {
      const res = await fetch(server.url + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      await server.close();
      await dispatch.close();
      await notifier.close();
      if (!options.database) await database.close();
    },
  };
}
