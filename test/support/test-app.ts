import type { Router } from 'express';
import type { Database } from '../../db/client';
import { seedDemo, type DemoCredentials } from '../../db/seed/seed-demo';
import { StraightLineEstimate } from '../../routing/travel-times';
import { createApp } from '../../src/api/app';
import { accountWiringFrom, type AccountWiring } from '../../src/api/account-wiring';
import { edgeSettingsFrom } from '../../src/api/edge-settings';
import type { RateLimitSettings } from '../../src/api/rate-limits';
import { parseConfig } from '../../src/config/env';
import { startWebServer } from '../../src/api/server';
import { createRepositories, type DomainContext, type Repositories } from '../../src/domain/context';
import { createAreaCache, type AreaCache } from '../../src/domain/bookings/area-cache';
import type { BookingDecider } from '../../src/domain/dispatch/decider';
import { createInsertionDecider } from '../../src/domain/dispatch/insertion-decider';
import { createStopMatrixCache } from '../../src/domain/dispatch/stop-matrix';
import { createLogger, type Logger } from '../../src/infra/logger';
import { createMetrics } from '../../src/infra/metrics';
import { freshDatabase, type Driver } from './databases';

/** Rate limits far above what any test sends, so they neither slow nor flake tests (a test that proves them sets its own). */
export const TEST_LIMITS = { RATE_LIMIT_UNAUTHENTICATED: '100000', RATE_LIMIT_BOOKINGS: '100000', RATE_LIMIT_ACCOUNT: '100000' };

/** A Tuesday morning in December, Berlin time: every demo bus is on shift. */
export const TEST_NOW = new Date('2026-12-01T06:00:00+01:00');

export interface TestApp {
  url: string;
  database: Database;
  repos: Repositories;
  demo: DemoCredentials;
  token: (role: 'admin' | 'dispatcher' | 'driver' | 'rider', index?: number) => string;
  stopId: (code: string) => string;
  clock: { now: Date };
  /** The area cache, when started with `areaCache: true`. */
  areaCache?: AreaCache;
  request: (method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string }) => Promise<{ status: number; headers: Headers; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Routers mounted after authentication (AppDependencies.extraRoutes), built from the app's context. */
  extraRoutes?: (ctx: DomainContext) => Array<{ path: string; router: Router }>;
  /** Booking requests read areas, stops and buses through a cache, as in production (long-lived here, so staleness shows). */
  areaCache?: boolean;
  /** Instead of the in-process insertion decider (e.g. one that never decides, as an API whose workers are busy). */
  decider?: BookingDecider;
  /** How long a booking request waits for its decision (default 10 s). */
  decisionWaitMs?: number;
  /** Configuration keys over TEST_LIMITS, as the environment gives them to `npm start`. */
  env?: Record<string, string>;
  /** Rate-limit counters in Redis, as in production (default: in this process). */
  rateLimitRedis?: RateLimitSettings['redis'];
  /** A second API process over the database (and demo users) of this one, e.g. to test what they share. */
  sameDatabaseAs?: TestApp;
  /** SMS delivery and account settings (default: from `env`, i.e. demo SMS on the embedded database). */
  accounts?: AccountWiring;
  /** The app's logger (default: silent). */
  log?: Logger;
}

/** The real HTTP API on port 0 over a fresh seeded database, with a settable clock. */
export async function startTestApp(driver: Driver = 'pglite', options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.sameDatabaseAs?.database ?? (await freshDatabase(driver));
  const repos = createRepositories(database.db);
  const clock = { now: TEST_NOW };
  const now = () => clock.now;
  const demo = options.sameDatabaseAs?.demo ?? (await seedDemo(repos, { now: TEST_NOW }));
  const decider = options.decider ?? createInsertionDecider({ db: database.db, stopMatrix: createStopMatrixCache(new StraightLineEstimate()), now });
  const areaCache = options.areaCache ? createAreaCache(repos.areas, { ttlMs: 600_000 }) : undefined;
  const ctx: DomainContext = { db: database.db, repos, decider, now, settings: { snapMaxWalkM: 800, decisionWaitMs: options.decisionWaitMs ?? 10_000 }, areaCache };
  const config = parseConfig({ ...TEST_LIMITS, ...options.env });
  const log = options.log ?? createLogger('silent');
  const app = createApp({ ctx, log, metrics: createMetrics(() => repos.bookings.countByStatus()), checks: { database: () => database.ping() }, extraRoutes: options.extraRoutes?.(ctx),
    edge: edgeSettingsFrom(config, options.rateLimitRedis), accounts: options.accounts ?? accountWiringFrom(config, log) });
  const server = await startWebServer(app, 0);
  const stops = await repos.areas.allStops(demo.areaId);

  return {
    url: server.url,
    database,
    repos,
    demo,
    clock,
    areaCache,
    token(role, index = 0) {
      const user = demo.users.filter((u) => u.role === role)[index];
      if (!user) throw new Error(`no demo ${role} #${index}`);
      return user.token;
    },
    stopId(code) {
      const stop = stops.find((s) => s.code === code);
      if (!stop) throw new Error(`no demo stop ${code}`);
      return stop.id;
    },
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(server.url + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (e.g. /metrics)
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async close() {
      await server.close();
      if (!options.sameDatabaseAs) await database.close();
    },
  };
}
