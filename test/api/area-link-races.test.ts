import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { createRepositories } from '../../src/domain/context';
import { postgresUrl } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { setUpDaun, type County } from './support/county';

/**
 * "A ride crosses into another area only while the two are linked" under concurrency, on PostgreSQL
 * (PGlite has one connection, so nothing there runs at once): a crossing booking and an unlink of
 * the two areas, each held open in a transaction while the other is asked for over HTTP.
 */
describe.runIf(postgresUrl)('cross-area rides and unlinking, at once [postgres]', () => {
  let app: TestApp;
  let admin: string;
  let county: County;
  beforeAll(async () => {
    app = await startTestApp('postgres');
    admin = app.token('admin');
    county = await setUpDaun(app, admin);
  });
  afterAll(() => app?.close());

  const link = () => app.request('POST', `/v1/admin/areas/${app.demo.areaId}/links`, { token: admin, body: { areaId: county.areaId, reason: 'Anschluss Daun' } });
  const unlink = () => app.request('POST', `/v1/admin/areas/${county.areaId}/links/${app.demo.areaId}/unlink`, { token: admin, body: { reason: 'Ende' } });
  let minute = 0;
  const crossingRide = () => {
    minute += 7;
    return {
      riderId: app.demo.users.find((u) => u.role === 'rider')!.userId, areaId: app.demo.areaId, bookedById: app.demo.users.find((u) => u.role === 'rider')!.userId,
      pickupStopId: app.stopId('RIT-KI'), dropoffStopId: county.stopIds['DAU-BF'], requestedTime: new Date(Date.parse('2026-12-03T08:00:00+01:00') + minute * 60_000),
      timeMode: 'depart_after' as const, seats: 1, wheelchairs: 0,
    };
  };
  /** Active rides of the demo area that end in Daun while the two are not linked: the rule says none. */
  const ridesBreakingTheRule = async () => rowsOf<{ id: string }>(await app.database.db.execute(sql`
    select b.id from bookings b join stops s on s.id = b.dropoff_stop_id
    where b.area_id = ${app.demo.areaId} and s.area_id = ${county.areaId}
      and b.status in ('pending', 'offered', 'confirmed', 'assigned', 'on_board')
      and not exists (select 1 from area_links l where (l.area_id, l.other_area_id) in ((${app.demo.areaId}::uuid, ${county.areaId}::uuid), (${county.areaId}::uuid, ${app.demo.areaId}::uuid)))`));
  /** Sessions of this test's database waiting for a row lock. */
  const waitingForLocks = async () => rowsOf<{ n: number }>(await app.database.db.execute(sql`
    select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`))[0].n;
  /** Resolves once `request` waits on a lock, or has answered (then the database did not make it wait). */
  const waitsOrAnswers = async (request: Promise<unknown>) => {
    let answered = false;
    void request.then(() => { answered = true; }, () => { answered = true; });
    await expect.poll(async () => answered || (await waitingForLocks()) > 0, { timeout: 10_000 }).toBe(true);
  };

  it('an unlink asked while a crossing ride is being written waits for it, then refuses with 409 listing it', async () => {
    expect((await link()).status).toBe(201);
    let answer: Awaited<ReturnType<typeof unlink>> | undefined;
    let rideId = '';
    await app.database.db.transaction(async (tx) => {
      const ride = crossingRide();
      rideId = (await createRepositories(tx).bookings.createOnce(ride, ride.bookedById)).booking.id;
      const asked = unlink().then((res) => { answer = res; });
      await waitsOrAnswers(asked);
      expect(answer, 'the unlink was answered while the crossing ride was still being written').toBeUndefined();
    });
    await expect.poll(() => answer?.status, { timeout: 10_000 }).toBe(409);
    expect(answer!.body.type).toMatch(/area-link-in-use$/);
    expect(answer!.body.bookingIds).toContain(rideId);
    expect(await ridesBreakingTheRule()).toEqual([]);
    await app.database.db.execute(sql`update bookings set status = 'cancelled' where id = ${rideId}`);
  });

  it('a crossing booking asked while the unlink is being written waits for it, then is refused with 422 naming the drop-off', async () => {
    let answer: { status: number; body: { type?: string; errors?: Array<{ field: string }> } } | undefined;
    await app.database.db.transaction(async (tx) => {
      expect(await createRepositories(tx).admin.unlinkAreas(app.demo.areaId, county.areaId)).toBe(true);
      const asked = app.request('POST', '/v1/bookings', {
        token: app.token('rider'),
        body: { pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: county.stopIds['DAU-BF'] }, departAfter: '2026-12-01T09:00:00+01:00', seats: 1 },
      }).then((res) => { answer = res; });
      await waitsOrAnswers(asked);
      expect(answer, 'the booking was answered while the unlink was still being written').toBeUndefined();
    });
    await expect.poll(() => answer?.status, { timeout: 10_000 }).toBe(422);
    expect(answer!.body.type).toMatch(/outside-service-area$/);
    expect(answer!.body.errors).toEqual([expect.objectContaining({ field: 'dropoff.stopId' })]);
    expect(await ridesBreakingTheRule()).toEqual([]);
  });

  it('ten crossing bookings and an unlink sent at once: the link is gone only if none of them was taken', async () => {
    expect((await link()).status).toBe(201);
    const bookings = Array.from({ length: 10 }, (_, i) => app.request('POST', '/v1/bookings', {
      token: app.token('rider', i % 3),
      body: { pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: county.stopIds['DAU-BF'] }, departAfter: `2026-12-0${2 + (i % 5)}T1${i % 10}:00:00+01:00`, seats: 1 },
    }));
    const [unlinked, ...booked] = await Promise.all([unlink(), ...bookings]);
    expect([200, 409]).toContain(unlinked.status);
    expect(booked.map((b) => b.status).every((s) => s === 201 || s === 422)).toBe(true);
    if (unlinked.status === 200) expect(booked.filter((b) => b.status === 201 && b.body.status !== 'rejected')).toEqual([]);
    expect(await ridesBreakingTheRule()).toEqual([]);
  });
});
