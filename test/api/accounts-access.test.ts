import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { Browser } from './support/browser';

const PROBLEMS = 'https://eifel-taxibus.example/problems/';
const PASSWORD = 'Dudeldorf-Brücke-1729';
const ride = (app: TestApp, hour: number) => ({ pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: `2026-12-02T${String(hour).padStart(2, '0')}:00:00+01:00` });

describeEachDriver('access codes, password changes, log out everywhere', (driver) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(() => app.close());

  it('gives a phone caller a login through a code the dispatcher reads out; the caller\'s rides are then theirs', async () => {
    const dispatcher = app.token('dispatcher');
    const booked = await app.request('POST', '/v1/bookings', { token: dispatcher, body: { ...ride(app, 9), rider: { name: 'Nora Eich', phone: '06561 555001' } } });
    expect(booked.status).toBe(201);
    const riderId = booked.body.riderId;

    expect((await app.request('POST', `/v1/riders/${riderId}/access-code`, { token: app.token('rider') })).status).toBe(403);
    const given = await app.request('POST', `/v1/riders/${riderId}/access-code`, { token: dispatcher });
    expect(given.status).toBe(201);
    expect(given.body).toEqual({ code: expect.stringMatching(/^[0-9]{6}$/), expiresAt: expect.any(String) });
    expect((await app.repos.outbox.to('+496561555001')).at(-1)!.body).toContain(given.body.code);

    const caller = new Browser(app);
    const weak = await caller.request('POST', '/v1/access', { body: { phone: '06561 555001', code: given.body.code, password: '06561555001' } });
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([{ field: 'password', message: expect.stringMatching(/digits|phone/) }]);
    const access = await caller.request('POST', '/v1/access', { body: { phone: '+49 6561 555001', code: given.body.code, password: PASSWORD } });
    expect(access.status).toBe(201);
    expect(access.body.user).toEqual({ id: riderId, name: 'Nora Eich', phone: '+496561555001', role: 'rider' });

    const mine = await caller.request('GET', '/v1/bookings');
    expect(mine.body.items.map((b: { id: string }) => b.id)).toEqual([booked.body.id]);
    expect((await caller.request('POST', `/v1/bookings/${booked.body.id}/cancel`, { body: {} })).status).toBe(200);
    // The code is spent.
    const again = await new Browser(app).request('POST', '/v1/access', { body: { phone: '06561 555001', code: given.body.code, password: PASSWORD } });
    expect(again.body.type).toBe(`${PROBLEMS}invalid-code`);
  });

  it('gives a phone caller who signs up themselves the login with their rides', async () => {
    const booked = await app.request('POST', '/v1/bookings', { token: app.token('dispatcher'), body: { ...ride(app, 10), rider: { name: 'T. Lenz', phone: '06561 555006' } } });
    const caller = new Browser(app);
    const verified = await caller.signUp({ name: 'Theo Lenz', phone: '06561 555006', password: PASSWORD });
    expect(verified.status).toBe(201);
    expect(verified.body.user).toEqual({ id: booked.body.riderId, name: 'Theo Lenz', phone: '+496561555006', role: 'rider' });
    expect((await caller.request('GET', '/v1/bookings')).body.items.map((b: { id: string }) => b.id)).toEqual([booked.body.id]);
  });

  it('sets a new password with an access code (forgot password) and ends every other session', async () => {
    const phone = '06561 555002';
    const old = new Browser(app);
    await old.signUp({ name: 'Otto Reis', phone, password: PASSWORD });
    const requested = await new Browser(app).request('POST', '/v1/access-code', { body: { phone } });
    expect(requested.status).toBe(202);
    const fresh = new Browser(app);
    const reset = await fresh.request('POST', '/v1/access', { body: { phone, code: requested.body.demoCode, password: 'Ein-ganz-neues-Passwort' } });
    expect(reset.status).toBe(201);
    expect((await old.request('GET', '/v1/bookings')).status).toBe(401);
    expect((await fresh.request('GET', '/v1/bookings')).status).toBe(200);
    expect((await new Browser(app).logIn(phone, PASSWORD)).status).toBe(401);
    expect((await new Browser(app).logIn(phone, 'Ein-ganz-neues-Passwort')).status).toBe(200);
  });

  it('changes the password: the current one is checked, the rules named, other sessions end, this one stays', async () => {
    const phone = '06561 555003';
    const here = new Browser(app);
    await here.signUp({ name: 'Paula Mai', phone, password: PASSWORD });
    const elsewhere = new Browser(app);
    await elsewhere.logIn(phone, PASSWORD);

    const wrong = await here.request('POST', '/v1/account/password', { body: { currentPassword: 'not-my-password', newPassword: 'Gerolstein-Sprudel-1888' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ field: 'currentPassword', message: 'The password is not right.' }]);
    for (const [newPassword, words] of [['kurz', /at least 10/], ['passwort123', /too common/], ['1234567890123', /only digits/]] as const) {
      const res = await here.request('POST', '/v1/account/password', { body: { currentPassword: PASSWORD, newPassword } });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'newPassword', message: expect.stringMatching(words) }]);
    }
    expect((await here.request('POST', '/v1/account/password', { body: { currentPassword: PASSWORD, newPassword: 'Gerolstein-Sprudel-1888' }, csrf: false })).status).toBe(403);
    const changed = await here.request('POST', '/v1/account/password', { body: { currentPassword: PASSWORD, newPassword: 'Gerolstein-Sprudel-1888' } });
    expect(changed.status).toBe(204);
    expect((await elsewhere.request('GET', '/v1/bookings')).status).toBe(401);
    expect((await here.request('GET', '/v1/bookings')).status).toBe(200);
    expect((await new Browser(app).logIn(phone, 'Gerolstein-Sprudel-1888')).status).toBe(200);
  });

  it('logs out everywhere: every session of the user ends, other users\' stay', async () => {
    const phone = '06561 555004';
    const browsers = [new Browser(app), new Browser(app), new Browser(app)];
    await browsers[0].signUp({ name: 'Rita Stein', phone, password: PASSWORD });
    for (const b of browsers.slice(1)) await b.logIn(phone, PASSWORD);
    const other = new Browser(app);
    await other.signUp({ name: 'Sven Holz', phone: '06561 555005', password: PASSWORD });

    expect((await browsers[1].request('DELETE', '/v1/sessions', { csrf: false })).status).toBe(403);
    const out = await browsers[1].request('DELETE', '/v1/sessions');
    expect(out.status).toBe(204);
    for (const b of browsers) expect((await b.request('GET', '/v1/session')).body).toEqual({ user: null, csrfToken: null });
    expect((await other.request('GET', '/v1/bookings')).status).toBe(200);
    // A bearer token is no session: it keeps working.
    expect((await app.request('DELETE', '/v1/sessions', { token: app.token('rider') })).status).toBe(204);
    expect((await app.request('GET', '/v1/bookings', { token: app.token('rider') })).status).toBe(200);
  });
});
