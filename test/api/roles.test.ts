import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../src/domain/auth/tokens';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
const METRICS_TOKEN = 'metrics-scraper-token-0123';
beforeAll(async () => {
  app = await startTestApp('pglite', { env: { METRICS_TOKEN } });
});
afterAll(() => app.close());

type Role = 'rider' | 'dispatcher' | 'admin' | 'driver' | 'none' | 'bogus';
const roles: Role[] = ['rider', 'dispatcher', 'admin', 'driver', 'none', 'bogus'];

let ownerToken = '';
const tokenOf = (role: Role) => (role === 'none' ? undefined : role === 'bogus' ? 'etb_not-a-real-token' : role === 'rider' ? ownerToken : app.token(role));

/** A fresh rider with a fresh booking, so every role acts on one it may see if allowed. */
async function riderBooking(hour: number): Promise<string> {
  ownerToken = newToken();
  await app.repos.users.create({ role: 'rider', name: 'Jakob Meyer', tokenHash: hashToken(ownerToken) });
  const res = await app.request('POST', '/v1/bookings', {
    token: ownerToken,
    body: { pickup: { stopId: app.stopId('BRE-KI') }, dropoff: { stopId: app.stopId('BIT-MKT') }, departAfter: `2026-12-03T${String(hour).padStart(2, '0')}:00:00+01:00` },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const expected: Record<Role, number | 'ok'> = { rider: 'ok', dispatcher: 'ok', admin: 'ok', driver: 403, none: 401, bogus: 401 };

describe('every booking route × every role', () => {
  let hour = 7;
  const routes: Array<{ name: string; call: (role: Role) => Promise<{ status: number }> }> = [
    {
      name: 'POST /v1/bookings',
      call: (role) =>
        app.request('POST', '/v1/bookings', {
          token: tokenOf(role),
          body: {
            pickup: { stopId: app.stopId('BRE-KI') },
            dropoff: { stopId: app.stopId('BIT-MKT') },
            departAfter: `2026-12-04T${String((hour += 1)).padStart(2, '0')}:00:00+01:00`,
            ...(role === 'dispatcher' || role === 'admin' ? { rider: { name: 'Maria Hoffmann', phone: '+49 6561 7777' } } : {}),
          },
        }),
    },
    { name: 'GET /v1/bookings', call: (role) => app.request('GET', '/v1/bookings', { token: tokenOf(role) }) },
    { name: 'GET /v1/bookings/:id', call: async (role) => app.request('GET', `/v1/bookings/${await riderBooking((hour += 1))}`, { token: tokenOf(role) }) },
    { name: 'POST /v1/bookings/:id/confirm', call: async (role) => app.request('POST', `/v1/bookings/${await riderBooking((hour += 1))}/confirm`, { token: tokenOf(role) }) },
    { name: 'POST /v1/bookings/:id/cancel', call: async (role) => app.request('POST', `/v1/bookings/${await riderBooking((hour += 1))}/cancel`, { token: tokenOf(role), body: {} }) },
  ];

  for (const route of routes) {
    for (const role of roles) {
      it(`${route.name} as ${role}`, async () => {
        if (hour > 20) hour = 7;
        if (route.name === 'POST /v1/bookings' || route.name === 'GET /v1/bookings') await riderBooking((hour += 1));
        const res = await route.call(role);
        const want = expected[role];
        if (want === 'ok') expect(res.status).toBeGreaterThanOrEqual(200);
        if (want === 'ok') expect(res.status).toBeLessThan(300);
        else expect(res.status).toBe(want);
      });
    }
  }

  it('a rider cannot see another rider\u2019s booking (404, not 403)', async () => {
    const id = await riderBooking(21);
    const res = await app.request('GET', `/v1/bookings/${id}`, { token: app.token('rider', 1) });
    expect((await app.request('GET', `/v1/bookings/${id}`, { token: ownerToken })).status).toBe(200);
    expect(res.status).toBe(404);
    const bad = await app.request('GET', '/v1/bookings/not-a-uuid', { token: ownerToken });
    expect(bad.status).toBe(404);
  });
});

describe('health and metrics', () => {
  it('reports the database and Redis as ok', async () => {
    const res = await app.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
  });

  it('exposes request counts, latency and bookings by status in Prometheus text', async () => {
    await app.request('GET', '/v1/bookings', { token: app.token('dispatcher') });
    const res = await app.request('GET', '/metrics', { token: METRICS_TOKEN });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/v1\/bookings\/",status="200"\} \d+/);
    expect(res.body).toMatch(/http_request_duration_seconds_bucket/);
    expect(res.body).toMatch(/bookings\{status="offered"\} \d+/);
  });

  it('answers unknown paths with a problem', async () => {
    const res = await app.request('GET', '/v1/nothing-here', { token: app.token('admin') });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
