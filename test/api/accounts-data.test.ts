import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { ANONYMOUS_RIDER_ID } from '../../db/schema';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { Browser } from './support/browser';

const PASSWORD = 'Echternacherbrück-Sauer';
const ride = (app: TestApp, hour: number, note?: string) => ({
  pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: `2026-12-02T${String(hour).padStart(2, '0')}:00:00+01:00`, ...(note && { note }),
});

describeEachDriver('my data: export and deletion', (driver) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(() => app.close());

  it('exports everything stored about the user as a JSON attachment, without secrets', async () => {
    const browser = new Browser(app);
    await browser.signUp({ name: 'Ute Frank', phone: '06561 666001', password: PASSWORD });
    await new Browser(app).logIn('06561 666001', PASSWORD);
    const booked = await browser.request('POST', '/v1/bookings', { body: ride(app, 9, 'Rollator') });
    await browser.request('POST', `/v1/bookings/${booked.body.id}/cancel`, { body: { reason: 'Arzttermin verschoben' } });

    const res = await browser.request('GET', '/v1/account/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.json"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.account).toEqual({ id: booked.body.riderId, role: 'rider', name: 'Ute Frank', phone: '+496561666001', createdAt: expect.any(String), hasPassword: true });
    expect(res.body.rides).toHaveLength(1);
    expect(res.body.rides[0]).toMatchObject({ id: booked.body.id, note: 'Rollator', status: 'cancelled' });
    expect(res.body.rides[0].events.map((e: { kind: string }) => e.kind)).toEqual(['booking.requested', 'booking.offered', 'booking.cancelled']);
    expect(res.body.rides[0].events.at(-1).reason).toBe('Arzttermin verschoben');
    expect(res.body.sessions).toHaveLength(2);
    expect(Object.keys(res.body.sessions[0]).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastSeenAt', 'userId']);
    const text = JSON.stringify(res.body);
    for (const secret of ['argon2', 'passwordHash', 'tokenHash', 'csrfToken', 'requestHash', browser.csrfToken!, browser.cookie!]) expect(text).not.toContain(secret);
  });

  it('deletes the account: future rides cancelled with an event and off the plan, past rides anonymised, login and personal data gone', async () => {
    const browser = new Browser(app);
    const signedUp = await browser.signUp({ name: 'Vera Busch', phone: '06561 666002', password: PASSWORD });
    const userId = signedUp.body.user.id;
    const past = await browser.request('POST', '/v1/bookings', { body: ride(app, 10, 'Hörgerät, bitte klingeln') });
    await app.repos.bookings.transition(past.body.id, ['offered'], { status: 'completed' }, { kind: 'booking.completed' });
    const future = await browser.request('POST', '/v1/bookings', { body: ride(app, 12, 'Rollstuhl') });
    expect(future.body.status).toBe('offered');
    const shiftId = (await app.repos.bookings.findById(future.body.id))!.shiftId!;

    const wrong = await browser.request('POST', '/v1/account/delete', { body: { password: 'not-my-password' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ field: 'password', message: 'The password is not right.' }]);
    expect((await browser.request('POST', '/v1/account/delete', { body: { password: PASSWORD }, csrf: false })).status).toBe(403);
    const deleted = await browser.request('POST', '/v1/account/delete', { body: { password: PASSWORD } });
    expect(deleted.status).toBe(204);
    expect(browser.cookie).toBeUndefined();

    const cancelled = (await app.repos.bookings.findById(future.body.id))!;
    expect(cancelled).toMatchObject({ status: 'cancelled', riderId: ANONYMOUS_RIDER_ID, note: null });
    const events = await app.repos.events.forBooking(future.body.id);
    expect(events.at(-1)).toMatchObject({ kind: 'booking.cancelled', reason: null, data: expect.objectContaining({ accountDeleted: true }) });
    const [plan] = await app.repos.fleet.plansForShifts([shiftId]);
    expect(plan.stops.some((s) => s.bookingId === future.body.id)).toBe(false);

    const anonymised = (await app.repos.bookings.findById(past.body.id))!;
    expect(anonymised).toMatchObject({ status: 'completed', riderId: ANONYMOUS_RIDER_ID, bookedById: ANONYMOUS_RIDER_ID, note: null, idempotencyKey: null });
    expect(anonymised.pickupStopId).toBe(app.stopId('RIT-KI'));

    const [row] = rowsOf<Record<string, unknown>>(await app.database.db.execute(sql`select name, phone, password_hash, deleted_at from users where id = ${userId}`));
    expect(row).toMatchObject({ name: '', phone: null, password_hash: null, deleted_at: expect.anything() });
    expect(await app.repos.sessions.listForUser(userId)).toEqual([]);
    expect(await app.repos.outbox.to('+496561666002')).toEqual([]);
    expect((await new Browser(app).logIn('06561 666002', PASSWORD)).status).toBe(401);
    // The number is free for a new account.
    expect((await new Browser(app).signUp({ name: 'Vera Busch', phone: '06561 666002', password: PASSWORD })).body.user.id).not.toBe(userId);
  });
});
