import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { Browser } from './support/browser';

const PASSWORD = 'Schönecken-Burg-1250';
const count = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

/**
 * The limits on guessing hold in the database: 20 requests sent at once (on PostgreSQL each runs on
 * its own connection) must not get more than their 5 tries between them.
 */
describeEachDriver('guess limits under concurrent requests', (driver) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(() => app.close());

  it('checks at most 5 passwords for a number however many log-ins arrive at once', async () => {
    await new Browser(app).signUp({ name: 'Karl Mohr', phone: '06561 444001', password: PASSWORD });
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => new Browser(app).logIn('06561 444001', `guess-number-${i}`).then((r) => r.status)));
    expect(count(statuses)).toEqual({ 401: 5, 429: 15 });
    // Even the right password is refused now.
    expect((await new Browser(app).logIn('06561 444001', PASSWORD)).status).toBe(429);
  });

  it('takes at most 5 guesses at a sign-up code however many arrive at once', async () => {
    const started = await new Browser(app).request('POST', '/v1/signup', { body: { name: 'Lina Voss', phone: '06561 444002', password: PASSWORD } });
    const right = started.body.demoCode as string;
    const wrong = (i: number) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      new Browser(app).request('POST', `/v1/signup/${started.body.signupId}/verify`, { body: { code: wrong(i) } }).then((r) => r.status)));
    expect(count(statuses)).toEqual({ 400: 5, 410: 15 });
    expect((await app.repos.codes.findById(started.body.signupId))!.attempts).toBe(5);
    expect((await new Browser(app).request('POST', `/v1/signup/${started.body.signupId}/verify`, { body: { code: right } })).status).toBe(410);
  });

  it('uses a code once when the right code arrives many times at once', async () => {
    const started = await new Browser(app).request('POST', '/v1/signup', { body: { name: 'Max Berg', phone: '06561 444003', password: PASSWORD } });
    const statuses = await Promise.all(Array.from({ length: 5 }, () =>
      new Browser(app).request('POST', `/v1/signup/${started.body.signupId}/verify`, { body: { code: started.body.demoCode } }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 400 || s === 410)).toBe(true);
  });
});
