import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANONYMOUS_RIDER_ID } from '../../../db/schema';
import { accountSettings } from '../../../src/domain/accounts/account-context';
import { applyRetention } from '../../../src/domain/accounts/retention';
import { Browser } from '../../api/support/browser';
import { describeEachDriver } from '../../support/databases';
import { startTestApp, type TestApp } from '../../support/test-app';

const DAY_MS = 86_400_000;
const PASSWORD = 'Wallendorf-Sauerbrücke';

describeEachDriver('retention: personal data of rides ended RETENTION_DAYS ago, and used-up secrets', (driver) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(() => app.close());

  it('anonymises rides ended before the cutoff, keeps newer and active ones, and purges expired sessions, codes and messages', async () => {
    const browser = new Browser(app);
    const signedUp = await browser.signUp({ name: 'Walter Kern', phone: '06561 777001', password: PASSWORD });
    const riderId = signedUp.body.user.id;
    const book = async (hour: number) => (await browser.request('POST', '/v1/bookings', {
      body: { pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: `2026-12-02T${String(hour).padStart(2, '0')}:00:00+01:00`, note: 'Blindenhund' },
    })).body.id as string;
    const [old, recent, active] = [await book(9), await book(11), await book(13)];
    await browser.request('POST', `/v1/bookings/${old}/cancel`, { body: { reason: 'Krankenhaus' } });
    await app.repos.bookings.transition(recent, ['offered'], { status: 'completed' }, { kind: 'booking.completed' });
    const ago = (days: number) => new Date(app.clock.now.getTime() - days * DAY_MS).toISOString();
    await app.database.db.execute(sql`update bookings set updated_at = ${ago(91)}::timestamptz where id = ${old}`);
    await app.database.db.execute(sql`update bookings set updated_at = ${ago(80)}::timestamptz where id = ${recent}`);
    await app.database.db.execute(sql`update bookings set updated_at = ${ago(200)}::timestamptz where id = ${active}`);
    await new Browser(app).request('POST', '/v1/access-code', { body: { phone: '06561 777001' } });

    const settings = accountSettings({ sessionIdleDays: 30, sessionMaxDays: 90, retentionDays: 90, smsDemo: true });
    const now = { value: app.clock.now };
    const run = () => applyRetention({ repos: app.repos, now: () => now.value, accountSettings: settings });
    const first = await run();
    expect(first.anonymisedRides).toBe(1);
    expect(await app.repos.bookings.findById(old)).toMatchObject({ riderId: ANONYMOUS_RIDER_ID, bookedById: ANONYMOUS_RIDER_ID, note: null, status: 'cancelled' });
    const events = await app.repos.events.forBooking(old);
    expect(events.some((e) => e.actorId === riderId || e.reason === 'Krankenhaus')).toBe(false);
    expect(events.map((e) => e.kind)).toContain('booking.cancelled');
    expect(await app.repos.bookings.findById(recent)).toMatchObject({ riderId, note: 'Blindenhund' });
    expect(await app.repos.bookings.findById(active)).toMatchObject({ riderId, note: 'Blindenhund', status: 'offered' });
    expect(first).toMatchObject({ sessions: 0, codes: 0, outboundMessages: 0 });
    expect((await browser.request('GET', '/v1/bookings')).body.items.map((b: { id: string }) => b.id).sort()).toEqual([recent, active].sort());

    // A day and a half later: the codes (10 min) and messages (a day) are gone, the session (idle 30 days) is not.
    now.value = new Date(app.clock.now.getTime() + 1.5 * DAY_MS);
    expect(await run()).toMatchObject({ anonymisedRides: 0, sessions: 0, codes: 2, outboundMessages: 2 });
    expect(await app.repos.outbox.to('+496561777001')).toEqual([]);
    // Past the idle time the session goes too, and the ride ended 80 days ago is now past 90; a run after that finds nothing.
    now.value = new Date(app.clock.now.getTime() + 31 * DAY_MS);
    expect(await run()).toMatchObject({ sessions: 1, anonymisedRides: 1 });
    expect(await run()).toEqual({ anonymisedRides: 0, sessions: 0, codes: 0, loginAttempts: 0, outboundMessages: 0 });
  });
});
