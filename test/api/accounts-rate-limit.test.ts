import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';
import { Browser } from './support/browser';

const PROBLEMS = 'https://eifel-taxibus.example/problems/';

describe('log-in, sign-up and code requests limited per client address, across API processes', () => {
  let redis: Redis;
  let a: TestApp;
  let b: TestApp;
  let prefix: string;
  beforeAll(async () => {
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
    prefix = `test-${randomUUID()}`;
    const shared = { sendCommand: (...[command, ...args]: string[]) => redis.call(command, ...args), prefix };
    const env = { RATE_LIMIT_ACCOUNT: '4', RATE_LIMIT_WINDOW_S: '60' };
    a = await startTestApp('pglite', { env, rateLimitStore: shared });
    b = await startTestApp('pglite', { env, rateLimitStore: shared, sameDatabaseAs: a });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await b.close();
    await a.close();
    redis.disconnect();
  });

  it('counts every such request, whichever route and process, and refuses the fifth with 429', async () => {
    const requests: Array<[TestApp, string, unknown]> = [
      [a, '/v1/session', { phone: '06561 333001', password: 'irgendein-passwort' }],
      [b, '/v1/signup', { name: 'Jana Kurz', phone: '06561 333002', password: 'Bitburger-Brauerei-1817' }],
      [a, '/v1/access-code', { phone: '06561 333003' }],
      [b, '/v1/access', { phone: '06561 333003', code: '123456', password: 'Bitburger-Brauerei-1817' }],
      [a, '/v1/session', { phone: '06561 333001', password: 'irgendein-passwort' }],
      [b, '/v1/access-code', { phone: '06561 333003' }],
    ];
    const statuses: number[] = [];
    for (const [app, path, body] of requests) {
      const res = await new Browser(app).request('POST', path, { body });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.type).toBe(`${PROBLEMS}rate-limited`);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([401, 202, 202, 400, 429, 429]);
    // Reading who is logged in is not limited by it.
    expect((await new Browser(a).request('GET', '/v1/session')).status).toBe(200);
  });
});
