import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestIdOf } from '../../src/api/security';
import { startTestApp, type TestApp } from '../support/test-app';

const APP_ORIGIN = 'https://app.taxibus.example';
const METRICS_TOKEN = 'scraper-token-for-the-edge-test';

let app: TestApp;
let strangers: TestApp;
beforeAll(async () => {
  app = await startTestApp('pglite', {
    env: { CORS_ORIGINS: `${APP_ORIGIN},http://localhost:5173`, METRICS_TOKEN },
  });
  // A second app with the defaults (no CORS_ORIGINS, no METRICS_TOKEN) over the same database.
  strangers = await startTestApp('pglite', { sameDatabaseAs: app });
});
afterAll(async () => {
  await strangers.close();
  await app.close();
});

describe('security headers', () => {
  it('sends a strict CSP and the helmet headers on every answer, errors included', async () => {
    for (const res of [
      await app.request('GET', '/v1/stops', { token: app.token('rider') }),
      await app.request('GET', '/v1/stops'),
      await app.request('GET', '/nowhere'),
      await app.request('GET', '/health'),
    ]) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https:|\*/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('forbids caching of everything under /v1, answers and errors alike', async () => {
    const driver = app.token('driver');
    for (const res of [
      await app.request('GET', '/v1/stops', { token: app.token('rider') }),
      await app.request('GET', '/v1/bookings', { token: app.token('dispatcher') }),
      await app.request('GET', '/v1/driver/manifest', { token: driver }),
      await app.request('GET', '/v1/bookings/not-a-uuid', { token: app.token('rider') }),
      await app.request('GET', '/v1/bookings'),
    ]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('CORS', () => {
  const preflight = (target: TestApp, origin: string) =>
    fetch(`${target.url}/v1/bookings`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' } });

  it('lets the configured origins call the API from a browser', async () => {
    const res = await preflight(app, APP_ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const get = await app.request('GET', '/v1/stops', { token: app.token('rider'), headers: { origin: 'http://localhost:5173' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(get.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('gives other origins nothing, and by default no origin but its own', async () => {
    for (const [target, origin] of [[app, 'https://evil.example'], [app, `${APP_ORIGIN}.evil.example`], [strangers, APP_ORIGIN]] as const) {
      expect((await preflight(target, origin)).headers.get('access-control-allow-origin')).toBeNull();
      const get = await target.request('GET', '/v1/stops', { token: target.token('rider'), headers: { origin } });
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('request ids', () => {
  it('keeps a short id of safe characters, and replaces anything else', async () => {
    const kept = await app.request('GET', '/v1/stops', { token: app.token('rider'), headers: { 'x-request-id': 'tablet-7.req_0042' } });
    expect(kept.headers.get('x-request-id')).toBe('tablet-7.req_0042');
    for (const unsafe of ['<script>alert(1)</script>', 'x'.repeat(65), 'a b', 'ä-id', '"quoted"', '']) {
      const res = await app.request('GET', '/v1/stops', { token: app.token('rider'), headers: { 'x-request-id': unsafe } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('is the same rule wherever an id is taken from a caller', () => {
    expect(requestIdOf('abc')).toBe('abc');
    expect(requestIdOf('abc\n{"level":60}')).not.toContain('level');
    expect(requestIdOf(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('/metrics', () => {
  it('does not exist without a configured token', async () => {
    expect((await strangers.request('GET', '/metrics')).status).toBe(404);
    expect((await strangers.request('GET', '/metrics', { token: 'anything-at-all-here' })).status).toBe(404);
  });

  it('answers only the configured bearer token', async () => {
    expect((await app.request('GET', '/metrics')).status).toBe(401);
    expect((await app.request('GET', '/metrics', { token: `${METRICS_TOKEN}x` })).status).toBe(401);
    expect((await app.request('GET', '/metrics', { token: app.token('admin') })).status).toBe(401);
    const ok = await app.request('GET', '/metrics', { token: METRICS_TOKEN });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/http_requests_total/);
  });
});
