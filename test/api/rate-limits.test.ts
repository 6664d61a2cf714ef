import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

const PROBLEMS = 'https://eifel-taxibus.example/problems/';
const LIMITS = { RATE_LIMIT_UNAUTHENTICATED: '5', RATE_LIMIT_BOOKINGS: '3', RATE_LIMIT_WINDOW_S: '60' };

/** Counts the token lookups that reach the database. */
function countLookups(app: TestApp): { n: number } {
  const counter = { n: 0 };
  const find = app.repos.users.findByTokenHash.bind(app.repos.users);
  app.repos.users.findByTokenHash = (hash) => {
    counter.n += 1;
    return find(hash);
  };
  return counter;
}

describe('rate limits shared through Redis by two API processes', () => {
  let redis: Redis;
  let a: TestApp;
  let b: TestApp;
  /** As if the window had passed: the counters of earlier tests go (the deployment's other keys stay). */
  const resetCounters = async () => {
    const keys = await redis.keys(`${a.service.prefix}:rate-limit:*`);
    if (keys.length > 0) await redis.del(...keys);
  };
  beforeAll(async () => {
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
    // Two API processes of one deployment: one database, one Redis prefix (unique to this run).
    a = await startTestApp('pglite', { env: LIMITS });
    b = await startTestApp('pglite', { env: LIMITS, sameDatabaseAs: a, role: 'api' });
  });
  afterAll(async () => {
    await resetCounters();
    await b.close();
    await a.close();
    redis.disconnect();
  });

  it('turns away unknown tokens from one address after the limit, across both processes, without looking them up', async () => {
    const dispatcher = a.token('dispatcher');
    expect((await a.request('GET', '/v1/bookings', { token: dispatcher })).status).toBe(200);
    const lookups = [countLookups(a), countLookups(b)];
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const target = i % 2 === 0 ? a : b;
      const res = await target.request('GET', '/v1/bookings', { token: `etb_guess-${i}` });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.body.type).toBe(`${PROBLEMS}rate-limited`);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      }
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(195);
    expect(lookups[0].n + lookups[1].n).toBe(5);
    // No token at all counts the same way; a token the process already knows is still served.
    expect((await a.request('GET', '/v1/bookings')).status).toBe(429);
    expect((await a.request('GET', '/v1/bookings', { token: dispatcher })).status).toBe(200);
  });

  it('limits booking requests per user, across both processes', async () => {
    await resetCounters();
    const body = (hour: number) => ({ pickup: { stopId: a.stopId('RIT-KI') }, dropoff: { stopId: a.stopId('BIT-KH') }, departAfter: `2026-12-02T${String(hour).padStart(2, '0')}:00:00+01:00` });
    const rider = a.token('rider', 2);
    const statuses: number[] = [];
    for (const [i, hour] of [8, 9, 10, 11, 12].entries()) {
      const target = i % 2 === 0 ? a : b;
      statuses.push((await target.request('POST', '/v1/bookings', { token: rider, body: body(hour) })).status);
    }
    expect(statuses.slice(0, 3).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(3)).toEqual([429, 429]);
    const other = await a.request('POST', '/v1/bookings', { token: a.token('rider', 1), body: body(13) });
    expect(other.status).toBe(201);
  });
});

describe('rate limits when the counter store fails', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite', { env: LIMITS, rateLimitStore: { sendCommand: () => Promise.reject(new Error('connection refused')), prefix: 'broken' } });
  });
  afterAll(() => app.close());

  it('let requests through, limits off, rather than failing them', async () => {
    for (let i = 0; i < 10; i++) expect((await app.request('GET', '/v1/bookings', { token: `etb_guess-${i}` })).status).toBe(401);
    expect((await app.request('GET', '/v1/bookings', { token: app.token('dispatcher') })).status).toBe(200);
  });
});

describe('rate limits when Redis was slow as the service started', () => {
  let app: TestApp;
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
    // Loading the counting scripts fails while the service starts (a command timing out), then Redis answers.
    let started = false;
    const sendCommand = (command: string, ...args: string[]) => (started ? redis.call(command, ...args) : Promise.reject(new Error('Command timed out')));
    app = await startTestApp('pglite', { env: LIMITS, rateLimitStore: { sendCommand, prefix: `slow-start-${Date.now()}` } });
    started = true;
  });
  afterAll(async () => {
    await app.close();
    redis.disconnect();
  });

  it('counts again once Redis answers, not letting everything through for the life of the process', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await app.request('GET', '/v1/bookings', { token: `etb_guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });
});

describe('rate limits behind a proxy', () => {
  let direct: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    direct = await startTestApp('pglite', { env: LIMITS });
    proxied = await startTestApp('pglite', { env: { ...LIMITS, TRUST_PROXY: 'loopback' }, sameDatabaseAs: direct });
  });
  afterAll(async () => {
    await proxied.close();
    await direct.close();
  });

  it('count by the socket address unless TRUST_PROXY names the proxy, so a forged X-Forwarded-For does not help', async () => {
    const guess = (app: TestApp, i: number) => app.request('GET', '/v1/stops', { token: `etb_guess-${i}`, headers: { 'x-forwarded-for': `203.0.113.${i}` } });
    const directStatuses = [];
    const proxiedStatuses = [];
    for (let i = 0; i < 8; i++) directStatuses.push((await guess(direct, i)).status);
    for (let i = 0; i < 8; i++) proxiedStatuses.push((await guess(proxied, i)).status);
    expect(directStatuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(proxiedStatuses).toEqual(Array(8).fill(401));
  });
});
