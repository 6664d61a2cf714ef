import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp, type HealthCheck } from '../../src/api/app';
import { edgeSettingsFrom } from '../../src/api/edge-settings';
import { parseConfig } from '../../src/config/env';
import { startWebServer, type WebServer } from '../../src/api/server';
import type { DomainContext } from '../../src/domain/context';
import { createLogger } from '../../src/infra/logger';
import { createMetrics } from '../../src/infra/metrics';

const state: Record<string, Awaited<ReturnType<HealthCheck>>> = { database: true, redis: false, osrm: { ok: true } };
let server: WebServer;

beforeAll(async () => {
  // /health reads no domain data: the context is never touched.
  const app = createApp({
    ctx: {} as DomainContext, log: createLogger('silent'), metrics: createMetrics(async () => ({})),
    checks: { database: async () => state.database, redis: async () => { if (!state.redis) throw new Error('ECONNREFUSED'); return true; } },
    softChecks: { osrm: async () => state.osrm },
    edge: edgeSettingsFrom(parseConfig({})),
  });
  server = await startWebServer(app, 0);
});
afterAll(() => server.close());

const health = async () => {
  const res = await fetch(`${server.url}/health`);
  return { status: res.status, body: await res.json() };
};

it('is 503 "down" when a dependency the service needs fails, naming it', async () => {
  expect(await health()).toEqual({
    status: 503,
    body: { status: 'down', checks: { database: 'ok', redis: 'down', osrm: 'ok' }, reasons: { redis: 'redis does not answer' } },
  });
});

it('is 200 "degraded" with the reason when only OSRM fails, and "ok" when all answer', async () => {
  state.redis = true;
  state.osrm = { ok: false, reason: 'OSRM cannot be reached; decisions needing new road data wait' };
  expect(await health()).toEqual({
    status: 200,
    body: { status: 'degraded', checks: { database: 'ok', redis: 'ok', osrm: 'degraded' }, reasons: { osrm: 'OSRM cannot be reached; decisions needing new road data wait' } },
  });
  state.osrm = { ok: true };
  expect(await health()).toEqual({ status: 200, body: { status: 'ok', checks: { database: 'ok', redis: 'ok', osrm: 'ok' } } });
});
