import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import type { Database } from '../../db/client';
import { seedDemo, type DemoCredentials } from '../../src/seed/seed-demo';
import { StraightLineEstimate, type TravelTimes } from '../../routing/travel-times';
import type { RateLimitSettings } from '../../src/api/rate-limits';
import { startWebServer } from '../../src/api/server';
import { composeService, type Role, type Service } from '../../src/compose';
import { parseConfig } from '../../src/config/env';
import type { AreaCache } from '../../src/domain/bookings/area-cache';
import { createRepositories, type Repositories } from '../../src/domain/context';
import { createLogger, type Logger } from '../../src/infra/logger';
import { checkAnswersOf } from '../api/support/openapi-check';
import { freshDatabase, type Driver } from './databases';
import { failOnMismatches } from './openapi-mismatches';

/** Rate limits far above what any test sends, so they neither slow nor flake tests (a test that proves them sets its own). */
export const TEST_LIMITS = { RATE_LIMIT_UNAUTHENTICATED: '100000', RATE_LIMIT_BOOKINGS: '100000', RATE_LIMIT_ACCOUNT: '100000' };

/**
 * Settings `npm start` takes from the environment, chosen for tests: no batch window (each booking is
 * decided at once, as a quiet service decides it; test/workers covers batching), one solver thread
 * per app (many apps start), and no periodic re-optimisation (it would move plans under a test's
 * feet at a time no test chooses).
 */
export const TEST_SETTINGS = { ...TEST_LIMITS, BATCH_WINDOW_MS: '0', DECISION_WAIT_MS: '10000', SOLVER_THREADS: '1', REOPTIMISE_EVERY_S: '0' };

/** A Tuesday morning in December, Berlin time: every demo bus is on shift. */
export const TEST_NOW = new Date('2026-12-01T06:00:00+01:00');

export interface TestApp {
  url: string;
  database: Database;
  repos: Repositories;
  demo: DemoCredentials;
  service: Service;
  token: (role: 'admin' | 'dispatcher' | 'driver' | 'rider', index?: number) => string;
  stopId: (code: string) => string;
  clock: { now: Date };
  /** The area cache booking requests read through (AREA_CACHE_TTL_MS). */
  areaCache: AreaCache;
  request: (method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string }) => Promise<{ status: number; headers: Headers; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Configuration keys over TEST_SETTINGS, as the environment gives them to `npm start`. */
  env?: Record<string, string>;
  /** `api`: an API process without workers (default for a second process of a deployment, else `all`). */
  role?: Exclude<Role, 'worker'>;
  /** The travel-times port (default: straight-line estimates, as without OSRM_URL). */
  travelTimes?: TravelTimes;
  /** The rate-limit counter store (default: Redis under the app's prefix, as in production). */
  rateLimitStore?: RateLimitSettings['redis'];
  /** A second API process of the same deployment (database, demo users, Redis prefix) as this one. */
  sameDatabaseAs?: TestApp;
  /** The app's logger (default: silent). */
  log?: Logger;
  /** false: an empty database, as a new county starts (no demo area, users or tokens). */
  seedDemo?: boolean;
}

/**
 * The service as `npm start` composes it (queue decider and workers, database notifier, stored stop
 * matrices, Redis rate limits) on port 0, over a fresh seeded database, with a settable clock and
 * its own Redis key prefix.
 */
export async function startTestApp(driver: Driver = 'pglite', options: TestAppOptions = {}): Promise<TestApp> {
  const shared = options.sameDatabaseAs;
  const database = shared?.database ?? (await freshDatabase(driver));
  const clock = shared?.clock ?? { now: TEST_NOW };
  // Seeded before the service starts, as `npm start` does.
  const demo = shared?.demo ?? (options.seedDemo === false ? { areaId: '', password: '', users: [] } : await seedDemo(createRepositories(database.db), { now: TEST_NOW }));
  const config = parseConfig({ ...TEST_SETTINGS, REDIS_PREFIX: shared?.service.prefix ?? `test-${randomUUID()}`, ...options.env });
  const redisUrl = inject('redisUrl');
  const service = await composeService(config, {
    database, redisUrl, travelTimes: options.travelTimes ?? new StraightLineEstimate(), now: () => clock.now,
    log: options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), rateLimitStore: options.rateLimitStore,
  }, options.role ?? (shared ? 'api' : 'all'));
  const ctx = service.ctx!;
  const repos = ctx.repos;
  const server = await startWebServer(service.app!, 0);
  checkAnswersOf(server.http);
  const stops = demo.areaId ? await repos.areas.allStops(demo.areaId) : [];

  return {
    url: server.url,
    database,
    repos,
    demo,
    service,
    clock,
    areaCache: ctx.areaCache,
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
      await service.close();
      if (!shared) await database.close();
      if (service.prefix !== shared?.service.prefix) await forgetRedisKeys(redisUrl, service.prefix);
      failOnMismatches();
    },
  };
}

/** Removes what the app left in Redis (jobs, windows, counters), so test runs do not pile up there. */
async function forgetRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
