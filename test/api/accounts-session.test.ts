import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { Browser } from './support/browser';

const PROBLEMS = 'https://eifel-taxibus.example/problems/';
const PASSWORD = 'Kyllburg-Viadukt-1912';

describeEachDriver('villager sessions: sign-up, log-in, log-out, CSRF', (driver) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(() => app.close());

  it('signs up with the SMS code and is logged in with an HttpOnly, Secure, SameSite cookie', async () => {
    const browser = new Browser(app);
    const started = await browser.request('POST', '/v1/signup', { body: { name: 'Anna Hoffmann', phone: '06561 111001', password: PASSWORD } });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ signupId: expect.any(String), expiresAt: expect.any(String), demoCode: expect.stringMatching(/^[0-9]{6}$/) });
    const [sms] = await app.repos.outbox.to('+496561111001');
    expect(sms.body).toContain(started.body.demoCode);

    const verified = await fetch(`${app.url}/v1/signup/${started.body.signupId}/verify`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: started.body.demoCode }),
    });
    expect(verified.status).toBe(201);
    const cookie = verified.headers.getSetCookie().find((c) => c.startsWith('etb_session='))!;
    expect(cookie).toMatch(/; HttpOnly; Secure; SameSite=Lax; Path=\/; Max-Age=7776000$/);
    const body = (await verified.json()) as { user: unknown; csrfToken: string };
    expect(body.user).toEqual({ id: expect.any(String), name: 'Anna Hoffmann', phone: '+496561111001', role: 'rider' });

    browser.cookie = /^etb_session=([^;]+)/.exec(cookie)![1];
    const session = await browser.request('GET', '/v1/session');
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ user: body.user, csrfToken: body.csrfToken });
    // The code is used up.
    const again = await browser.request('POST', `/v1/signup/${started.body.signupId}/verify`, { body: { code: started.body.demoCode } });
    expect(again.status).toBe(410);
    expect(again.body.type).toBe(`${PROBLEMS}code-expired`);
  });

  it('answers GET /v1/session without a log-in with nulls, never 401', async () => {
    const res = await new Browser(app).request('GET', '/v1/session');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: null, csrfToken: null });
    const bearer = await app.request('GET', '/v1/session', { token: app.token('dispatcher') });
    expect(bearer.body).toEqual({ user: expect.objectContaining({ role: 'dispatcher' }), csrfToken: null });
  });

  it('refuses a wrong sign-up code naming the field, and an expired one with 410', async () => {
    const browser = new Browser(app);
    const started = await browser.request('POST', '/v1/signup', { body: { name: 'Bernd Klein', phone: '06561 111002', password: PASSWORD } });
    const wrong = String((Number(started.body.demoCode) + 1) % 1_000_000).padStart(6, '0');
    const res = await browser.request('POST', `/v1/signup/${started.body.signupId}/verify`, { body: { code: wrong } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: `${PROBLEMS}invalid-code`, errors: [{ field: 'code' }] });
    app.clock.now = new Date(app.clock.now.getTime() + 11 * 60_000);
    try {
      const late = await browser.request('POST', `/v1/signup/${started.body.signupId}/verify`, { body: { code: started.body.demoCode } });
      expect(late.status).toBe(410);
      expect(late.body.type).toBe(`${PROBLEMS}code-expired`);
    } finally {
      app.clock.now = new Date(app.clock.now.getTime() - 11 * 60_000);
    }
  });

  it('logs in with phone and password in any spelling, and logs out of this device only', async () => {
    const first = new Browser(app);
    expect((await first.signUp({ name: 'Clara Jung', phone: '+49 6561 111003', password: PASSWORD })).status).toBe(201);
    const second = new Browser(app);
    const login = await second.logIn('06561 / 111003', PASSWORD);
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ user: expect.objectContaining({ name: 'Clara Jung' }), csrfToken: expect.any(String) });
    expect(login.body.csrfToken).not.toBe(first.csrfToken);

    const out = await second.request('DELETE', '/v1/session');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/etb_session=; .*Max-Age=0/);
    expect(second.cookie).toBeUndefined();
    expect((await first.request('GET', '/v1/bookings')).status).toBe(200);
  });

  it('treats an ended session like none: 401 for the API, nulls for GET /v1/session', async () => {
    const browser = new Browser(app);
    await browser.signUp({ name: 'Dieter Roth', phone: '06561 111004', password: PASSWORD });
    const kept = browser.cookie;
    await browser.request('DELETE', '/v1/session');
    browser.cookie = kept;
    expect((await browser.request('GET', '/v1/bookings')).status).toBe(401);
    expect((await browser.request('GET', '/v1/session')).body).toEqual({ user: null, csrfToken: null });
  });

  it('ends a session unused for the idle time, and any after the absolute time', async () => {
    const browser = new Browser(app);
    await browser.signUp({ name: 'Emil Braun', phone: '06561 111005', password: PASSWORD });
    const start = app.clock.now;
    try {
      for (let day = 20; day <= 100; day += 20) {
        app.clock.now = new Date(start.getTime() + day * 86_400_000);
        const status = (await browser.request('GET', '/v1/bookings')).status;
        expect(status, `day ${day}`).toBe(day < 90 ? 200 : 401);
      }
      const idle = new Browser(app);
      app.clock.now = start;
      await idle.logIn('06561 111005', PASSWORD);
      app.clock.now = new Date(start.getTime() + 31 * 86_400_000);
      expect((await idle.request('GET', '/v1/bookings')).status).toBe(401);
    } finally {
      app.clock.now = start;
    }
  });

  it('requires the CSRF token on every cookie-authenticated write; bearer tokens need none', async () => {
    const browser = new Browser(app);
    await browser.signUp({ name: 'Frieda Lang', phone: '06561 111006', password: PASSWORD });
    const booking = { pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: '2026-12-02T09:00:00+01:00' };
    for (const csrf of [false, 'wrong-token'] as const) {
      const res = await browser.request('POST', '/v1/bookings', { body: booking, csrf });
      expect(res.status, String(csrf)).toBe(403);
      expect(res.body.type).toBe(`${PROBLEMS}csrf`);
    }
    expect((await browser.request('DELETE', '/v1/session', { csrf: false })).status).toBe(403);
    expect((await browser.request('POST', '/v1/bookings', { body: booking })).status).toBe(201);
    expect((await app.request('POST', '/v1/bookings', { token: app.token('rider'), body: booking })).status).toBe(201);
  });

  it('refuses log-in and sign-up from another site\'s page, or as a form', async () => {
    const body = { phone: '06561 111006', password: PASSWORD };
    const foreign = await new Browser(app).request('POST', '/v1/session', { body, headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.type).toBe(`${PROBLEMS}csrf`);
    const form = await new Browser(app).request('POST', '/v1/session', { body, headers: { 'content-type': 'text/plain' } });
    expect(form.status).toBe(403);
    const own = await new Browser(app).request('POST', '/v1/session', { body, headers: { origin: app.url } });
    expect(own.status).toBe(200);
  });
});
