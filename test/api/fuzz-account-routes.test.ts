import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { Browser } from './support/browser';
import { mutate, pick, seededRng, type FuzzRequest, type Rng } from './support/mutations';

const SEED = 20261130;
const MUTATIONS = 300;
const PASSWORD = 'Bollendorf-Sauerufer';

/**
 * Seeded mutations of valid requests to the account routes. Unlike other write routes a refused
 * request here may write (a counted log-in attempt or code guess), so only the answers are checked.
 */
describeEachDriver(`${MUTATIONS} seeded mutations of account requests`, (driver) => {
  let app: TestApp;
  const browser = { cookie: '', csrf: '' };
  let signupId = '';
  beforeAll(async () => {
    app = await startTestApp(driver);
    const b = new Browser(app);
    await b.signUp({ name: 'Ludwig Ernst', phone: '06561 999001', password: PASSWORD });
    browser.cookie = b.cookie!;
    browser.csrf = b.csrfToken!;
    signupId = (await b.request('POST', '/v1/signup', { body: { name: 'Maria Ernst', phone: '06561 999002', password: PASSWORD } })).body.signupId;
  });
  afterAll(() => app.close());

  const json = { 'content-type': 'application/json' };
  const withCookie = () => ({ ...json, cookie: `etb_session=${browser.cookie}`, 'x-csrf-token': browser.csrf });
  const code = (rng: Rng) => String(Math.floor(rng() * 1e6)).padStart(6, '0');
  const phone = (rng: Rng) => pick(rng, ['06561 999001', '+49 6561 999002', '0049 6561 999003']);
  const valid: Array<(rng: Rng) => Omit<FuzzRequest, 'mutation'>> = [
    (rng) => ({ method: 'POST', path: '/v1/session', headers: json, body: { phone: phone(rng), password: PASSWORD } }),
    (rng) => ({ method: 'POST', path: '/v1/signup', headers: json, body: { name: 'Nina Ernst', phone: phone(rng), password: PASSWORD } }),
    (rng) => ({ method: 'POST', path: `/v1/signup/${signupId}/verify`, headers: json, body: { code: code(rng) } }),
    (rng) => ({ method: 'POST', path: '/v1/access-code', headers: json, body: { phone: phone(rng) } }),
    (rng) => ({ method: 'POST', path: '/v1/access', headers: json, body: { phone: phone(rng), code: code(rng), password: PASSWORD } }),
    () => ({ method: 'POST', path: '/v1/account/password', headers: withCookie(), body: { currentPassword: 'wrong-password-here', newPassword: PASSWORD } }),
    () => ({ method: 'POST', path: '/v1/account/delete', headers: withCookie(), body: { password: 'wrong-password-here' } }),
    (rng) => ({ method: 'POST', path: `/v1/riders/${pick(rng, ['00000000-0000-4000-8000-000000000000', '6f1c2b5e-4d3a-4b2c-9e1f-0a1b2c3d4e5f'])}/access-code`, headers: { ...json, authorization: `Bearer ${app.token('dispatcher')}` }, body: {} }),
  ];

  it('answers no 5xx, and every 4xx as problem+json', { timeout: 300_000 }, async () => {
    const rng = seededRng(SEED);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < MUTATIONS; i++) {
      const req = mutate(rng, { ...valid[i % valid.length](rng), mutation: '' });
      const body = req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
      const res = await fetch(app.url + req.path, { method: req.method, headers: req.headers, body });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const what = `#${i} ${req.method} ${req.path} [${req.mutation}] → ${res.status}`;
      if (res.status >= 500) failures.push(`${what}: ${text.slice(0, 160)}`);
      else if (res.status >= 400 && !res.headers.get('content-type')?.startsWith('application/problem+json')) failures.push(`${what}: not problem+json`);
    }
    expect(failures).toEqual([]);
    // The mutations reach the handlers: some are answered as asked, most refused for their fields.
    expect([...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(5);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(MUTATIONS / 4);
  });
});
