import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

describeEachDriver('driver manifest', (driver) => {
  let app: TestApp;
  let bookingId: string;
  let driverToken: string;
  let shiftId: string;

  beforeAll(async () => {
    app = await startTestApp(driver, {
      env: { MANIFEST_POLL_MS: '60000', PLAN_VERSION_TTL_MS: '0' },
    });
    const booked = await app.request('POST', '/v1/bookings', {
      token: app.token('rider'),
      body: { pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: '2026-12-01T07:00:00+01:00', seats: 2, note: 'Rollator' },
    });
    expect(booked.body.status).toBe('offered');
    bookingId = booked.body.id;
    const booking = (await app.repos.bookings.findById(bookingId))!;
    shiftId = booking.shiftId!;
    const vehicle = (await app.repos.fleet.findVehicle(booking.vehicleId!))!;
    driverToken = app.demo.users.find((u) => u.role === 'driver' && u.vehicleLabel === vehicle.label)!.token;
  });
  afterAll(() => app.close());

  const manifest = (headers: Record<string, string> = {}, query = '') => app.request('GET', `/v1/driver/manifest${query}`, { token: driverToken, headers });

  it('lists the remaining stops of the current shift as the database has them', async () => {
    const res = await manifest();
    expect(res.status).toBe(200);
    const [plan] = await app.repos.fleet.plansForShifts([shiftId]);
    expect(res.body.shiftId).toBe(shiftId);
    expect(res.body.version).toBe(plan.version);
    expect(res.headers.get('etag')).toBe(`"${shiftId}:${plan.version}"`);
    const entries = res.body.stops.flatMap((call: { stopId: string; plannedAt: string; boarding: Array<{ bookingId: string }>; alighting: Array<{ bookingId: string }> }) => [
      ...call.boarding.map((r) => ({ bookingId: r.bookingId, kind: 'pickup', stopId: call.stopId })),
      ...call.alighting.map((r) => ({ bookingId: r.bookingId, kind: 'dropoff', stopId: call.stopId })),
    ]);
    expect(entries).toEqual(plan.stops.map(({ bookingId, kind, stopId }) => ({ bookingId, kind, stopId })));
    const pickup = res.body.stops.find((c: { boarding: Array<{ bookingId: string }> }) => c.boarding.some((r) => r.bookingId === bookingId));
    const stop = (await app.repos.areas.findStop(app.stopId('RIT-KI')))!;
    expect(pickup).toMatchObject({ stopId: stop.id, name: stop.name, lat: stop.lat, lon: stop.lon, plannedAt: plan.stops.find((s) => s.bookingId === bookingId && s.kind === 'pickup')!.plannedAt });
    expect(pickup.boarding[0]).toEqual({ bookingId, firstName: 'Gertrud', seats: 2, wheelchairs: 0, note: 'Rollator', plannedAt: pickup.plannedAt });
  });

  it('answers 304 to the current ETag and 200 to an old one', async () => {
    const first = await manifest();
    const etag = first.headers.get('etag')!;
    const again = await manifest({ 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    const old = await manifest({ 'if-none-match': `"${shiftId}:0"` });
    expect(old.status).toBe(200);
  });

  it('validates wait', async () => {
    for (const bad of ['31', '-1', 'soon', '1.5']) {
      const res = await manifest({}, `?wait=${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('wait');
    }
    const unknown = await manifest({}, '?foo=1');
    expect(unknown.status).toBe(400);
  });

  /** Resolves once the API has read the plan version from the database `times` more times (a long-poll reads it, then waits). */
  function planVersionReads(of: TestApp, times = 1): Promise<void> {
    const fleet = of.repos.fleet;
    const read = fleet.planVersion;
    let left = times;
    return new Promise((resolve) => {
      fleet.planVersion = async (id) => {
        const version = await read.call(fleet, id);
        if (--left === 0) {
          fleet.planVersion = read;
          resolve();
        }
        return version;
      };
    });
  }

  it('long-poll wakes on the database\'s notification of a plan change', async () => {
    const { headers } = await manifest();
    const [plan] = await app.repos.fleet.plansForShifts([shiftId]);
    const waitingFromNow = planVersionReads(app);
    const waiting = manifest({ 'if-none-match': headers.get('etag')! }, '?wait=10');
    await waitingFromNow;
    // Any writer of vehicle_plans notifies (trigger of migration 0002); the version poll is set
    // longer than the wait, so only the notification can wake the request.
    const version = await app.repos.fleet.savePlan(shiftId, plan.vehicleId, plan.stops, plan.version);
    const res = await waiting;
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(version);
  });

  it('long-poll also wakes for a change whose notification it missed (version poll)', async () => {
    // A second API process of the same deployment, polling often.
    const poller = await startTestApp(driver, { role: 'api', sameDatabaseAs: app, env: { MANIFEST_POLL_MS: '100', PLAN_VERSION_TTL_MS: '0' } });
    try {
      const first = await poller.request('GET', '/v1/driver/manifest', { token: driverToken });
      const [plan] = await app.repos.fleet.plansForShifts([shiftId]);
      const waitingFromNow = planVersionReads(poller);
      const waiting = poller.request('GET', '/v1/driver/manifest?wait=10', { token: driverToken, headers: { 'if-none-match': first.headers.get('etag')! } });
      await waitingFromNow;
      // The version moves without a notification (triggers off for this transaction), as when one is lost.
      const version = await app.database.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        const rows = rowsOf<{ version: number }>(await tx.execute(sql`update vehicle_plans set version = version + 1 where shift_id = ${shiftId} and version = ${plan.version} returning version`));
        return rows[0].version;
      });
      const res = await waiting;
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(version);
    } finally {
      await poller.close();
    }
  });

  it('long-poll times out with 304 after the wait', async () => {
    const { headers } = await manifest();
    const started = performance.now();
    const res = await manifest({ 'if-none-match': headers.get('etag')! }, '?wait=1');
    expect(res.status).toBe(304);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('gives each rider at a stop visited twice in a row their own planned time', async () => {
    // A second ride from where the first ends, on the same bus: drop-off and boarding at one stop.
    const booked = await app.request('POST', '/v1/bookings', {
      token: app.token('rider', 1),
      body: { pickup: { stopId: app.stopId('BIT-KH') }, dropoff: { stopId: app.stopId('RIT-KI') }, departAfter: '2026-12-01T08:30:00+01:00', seats: 1 },
    });
    expect(booked.body.status).toBe('offered');
    const second = booked.body.id as string;
    const [before] = await app.repos.fleet.plansForShifts([shiftId]);
    if (!before.stops.some((s) => s.bookingId === second)) {
      const assigned = await app.request('POST', `/v1/dispatch/bookings/${second}/assign`, { token: app.token('dispatcher'), body: { vehicleId: before.vehicleId, force: true, reason: 'Test' } });
      expect(assigned.status).toBe(200);
    }
    const [plan] = await app.repos.fleet.plansForShifts([shiftId]);
    const first = plan.stops.filter((s) => s.bookingId === bookingId);
    const times = ['07:40:00', '08:06:55', '08:09:43', '08:35:00'].map((hms) => new Date(`2026-12-01T${hms}+01:00`).toISOString());
    const order = [
      { ...first.find((s) => s.kind === 'pickup')!, plannedAt: times[0] },
      { ...first.find((s) => s.kind === 'dropoff')!, plannedAt: times[1] },
      { bookingId: second, kind: 'pickup' as const, stopId: app.stopId('BIT-KH'), plannedAt: times[2] },
      { bookingId: second, kind: 'dropoff' as const, stopId: app.stopId('RIT-KI'), plannedAt: times[3] },
    ];
    const others = plan.stops.filter((s) => s.bookingId !== bookingId && s.bookingId !== second);
    await app.repos.fleet.savePlan(shiftId, plan.vehicleId, [...order, ...others], plan.version);

    const res = await manifest();
    expect(res.status).toBe(200);
    const call = res.body.stops[1];
    expect(call).toMatchObject({ stopId: app.stopId('BIT-KH'), plannedAt: times[1] });
    expect(call.alighting).toEqual([expect.objectContaining({ bookingId, plannedAt: times[1] })]);
    expect(call.boarding).toEqual([expect.objectContaining({ bookingId: second, plannedAt: times[2] })]);
    expect(res.body.stops[0].boarding[0].plannedAt).toBe(times[0]);
    expect(res.body.stops[2].alighting[0]).toMatchObject({ bookingId: second, plannedAt: times[3] });
  });

  it('leaves out a rider who cancelled while the stop is still on the plan', async () => {
    // The cancellation committed, but its plan edit did not (process gone, or lost races).
    await app.repos.bookings.transition(bookingId, ['offered', 'confirmed'], { status: 'cancelled' }, { kind: 'booking.cancelled' });
    const [plan] = await app.repos.fleet.plansForShifts([shiftId]);
    expect(plan.stops.some((s) => s.bookingId === bookingId)).toBe(true);
    const res = await manifest();
    expect(res.status).toBe(200);
    const riders = res.body.stops.flatMap((call: { boarding: Array<{ bookingId: string }>; alighting: Array<{ bookingId: string }> }) => [...call.boarding, ...call.alighting].map((r) => r.bookingId));
    expect(riders).not.toContain(bookingId);
  });

  it('is for drivers only', async () => {
    for (const role of ['rider', 'dispatcher', 'admin'] as const) {
      expect((await app.request('GET', '/v1/driver/manifest', { token: app.token(role) })).status).toBe(403);
      expect((await app.request('POST', '/v1/driver/events', { token: app.token(role), body: {} })).status).toBe(403);
    }
    expect((await app.request('GET', '/v1/driver/manifest')).status).toBe(401);
  });
});
