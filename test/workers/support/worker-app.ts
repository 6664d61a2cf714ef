import { randomUUID } from 'node:crypto';
import type { Database } from '../../../db/client';
import { seedDemo, type DemoCredentials } from '../../../src/seed/seed-demo';
import { StraightLineEstimate, type TravelTimes } from '../../../routing/travel-times';
import { startWebServer } from '../../../src/api/server';
import { createRepositories, type Repositories } from '../../../src/domain/context';
import { createLogger, type Logger } from '../../../src/infra/logger';
import { composeService, dispatchSettingsFrom } from '../../../src/compose';
import { parseConfig } from '../../../src/config/env';
import type { DispatchHandle, DispatchSettings, WorkerObserver } from '../../../workers';
import { freshDatabase, type Driver } from '../../support/databases';
import { TEST_LIMITS, TEST_NOW } from '../../support/test-app';

/**
 * The settings of the worker tests, made fast: short batch window, short locks so a killed worker's
 * job returns quickly, no periodic re-optimisation, a long decision wait; each app gets its own Redis prefix.
 */
export const WORKER_TEST_ENV: Record<string, string> = {
  ...TEST_LIMITS, BATCH_WINDOW_MS: '200', REOPTIMISE_EVERY_S: '0', REOPTIMISE_BUDGET_MS: '300', DECISION_WAIT_MS: '20000',
  AREA_LOCK_TTL_MS: '2000', JOB_LOCK_MS: '2000', STALLED_INTERVAL_MS: '1000', JOB_BACKOFF_MS: '100',
};

/** The dispatch settings of WORKER_TEST_ENV with `env` over it. */
export function testSettings(env: Record<string, string> = {}): DispatchSettings {
  return dispatchSettingsFrom(parseConfig({ ...WORKER_TEST_ENV, REDIS_PREFIX: `test-${randomUUID()}`, ...env }));
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

export { demoRides } from '../../../scripts/support/demo-rides';

/**
 * The service as `npm start` composes it (composeService) over a seeded database: with `workers: true`
 * the worker pool runs in this process too (role `all`), else only the queue decider (role `api`).
 */
export async function startWorkerApp(options: {
  driver: Driver; redisUrl: string; workers: boolean; database?: Database; travelTimes?: TravelTimes;
  /** Settings over WORKER_TEST_ENV, as the environment would give them to `npm start`. */
  env?: Record<string, string>;
  /** The clock of the API and the workers (default: fixed at TEST_NOW). */
  clock?: { now: Date };
  /** Where the workers log (default: silent, or TEST_LOG_LEVEL). */
  log?: Logger;
  observe?: WorkerObserver;
}): Promise<WorkerApp> {
  const database = options.database ?? (await freshDatabase(options.driver));
  const repos = createRepositories(database.db);
  const clock = options.clock ?? { now: TEST_NOW };
  const demo = (await repos.areas.list()).length === 0 ? await seedDemo(repos, { now: TEST_NOW }) : undefined;
  const config = parseConfig({ ...WORKER_TEST_ENV, REDIS_PREFIX: `test-${randomUUID()}`, ...options.env });
  const service = await composeService(config, {
    database, redisUrl: options.redisUrl, travelTimes: options.travelTimes ?? new StraightLineEstimate(), now: () => clock.now,
    log: options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), observe: options.observe,
  }, options.workers ? 'all' : 'api');
  const dispatch = service.dispatch;
  const settings = dispatchSettingsFrom(config);
  const app = service.app!;
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
      await service.close();
      if (!options.database) await database.close();
    },
  };
}
