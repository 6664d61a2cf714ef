import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDriver } from '../support/databases';
import { databaseFingerprint } from '../support/fingerprint';
import { startTestApp, TEST_NOW, type TestApp } from '../support/test-app';

describeEachDriver('booking a ride', (driver) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(() => app.close());

  const ride = (overrides: Record<string, unknown> = {}) => ({
    pickup: { stopId: app.stopId('RIT-KI') },
    dropoff: { stopId: app.stopId('BIT-KH') },
    departAfter: '2026-12-01T09:00:00+01:00',
    seats: 1,
    ...overrides,
  });

  it('offers a pickup window and a latest arrival', async () => {
    const res = await app.request('POST', '/v1/bookings', { token: app.token('rider'), body: ride({ note: 'Rollator' }) });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/bookings/${res.body.id}`);
    expect(res.body.status).toBe('offered');
    const from = Date.parse(res.body.offer.pickupWindow.from);
    const to = Date.parse(res.body.offer.pickupWindow.to);
    expect(to - from).toBe(15 * 60_000);
    expect(from).toBeGreaterThanOrEqual(Date.parse('2026-12-01T09:00:00+01:00'));
    expect(to).toBeLessThanOrEqual(Date.parse('2026-12-01T09:30:00+01:00'));
    expect(Date.parse(res.body.offer.latestArrival)).toBeGreaterThan(to);
    expect(res.body.offer.estimated).toBe(true);
    expect(res.body.pickup.name).toBe('Rittersdorf, Kirche');
    expect(res.body.note).toBe('Rollator');

    const [plan] = (await app.repos.fleet.plansForShifts([(await app.repos.bookings.findById(res.body.id))!.shiftId!]));
    expect(plan.stops.filter((s) => s.bookingId === res.body.id).map((s) => s.kind)).toEqual(['pickup', 'dropoff']);
  });

  it('shows the rider when the bus is planned at their stops, and whether it runs later than promised', async () => {
    const created = await app.request('POST', '/v1/bookings', { token: app.token('rider'), body: ride({ departAfter: '2026-12-01T11:00:00+01:00' }) });
    const booking = (await app.repos.bookings.findById(created.body.id))!;
    const [plan] = await app.repos.fleet.plansForShifts([booking.shiftId!]);
    const plannedAt = (kind: string) => plan.stops.find((s) => s.bookingId === booking.id && s.kind === kind)!.plannedAt;
    const seen = await app.request('GET', `/v1/bookings/${booking.id}`, { token: app.token('rider') });
    expect(seen.body.eta).toEqual({ pickupAt: plannedAt('pickup'), dropoffAt: plannedAt('dropoff'), late: false, estimated: true, planVersion: plan.version, bus: null });
    expect(Date.parse(seen.body.eta.pickupAt)).toBeGreaterThanOrEqual(Date.parse(seen.body.offer.pickupWindow.from));
    expect(Date.parse(seen.body.eta.pickupAt)).toBeLessThanOrEqual(Date.parse(seen.body.offer.pickupWindow.to));

    // The bus runs 20 minutes late and its plan is re-timed: the rider sees it.
    const later = (iso: string) => new Date(Date.parse(iso) + 20 * 60_000).toISOString();
    const lateStops = plan.stops.map((s) => (s.bookingId === booking.id ? { ...s, plannedAt: later(s.plannedAt) } : s));
    const version = await app.repos.fleet.savePlan(plan.shiftId, plan.vehicleId, lateStops, plan.version);
    const late = await app.request('GET', `/v1/bookings/${booking.id}`, { token: app.token('rider') });
    expect(late.body.eta).toMatchObject({ pickupAt: later(plannedAt('pickup')), late: true, planVersion: version });
    await app.repos.fleet.savePlan(plan.shiftId, plan.vehicleId, plan.stops, version!);

    const cancelled = await app.request('POST', `/v1/bookings/${booking.id}/cancel`, { token: app.token('rider') });
    expect(cancelled.status).toBe(200);
    expect((await app.request('GET', `/v1/bookings/${booking.id}`, { token: app.token('rider') })).body.eta).toBeNull();
  });

  it('snaps coordinates to the nearest stop within walking distance', async () => {
    const res = await app.request('POST', '/v1/bookings', {
      token: app.token('rider'),
      body: ride({ pickup: { lat: 49.9962, lon: 6.5035 }, dropoff: { lat: 49.9337, lon: 6.6405 } }),
    });
    expect(res.status).toBe(201);
    expect(res.body.pickup.code).toBe('RIT-KI');
    expect(res.body.dropoff.code).toBe('SPE-MKT');
  });

  it('books arrive-by rides that arrive in time', async () => {
    const res = await app.request('POST', '/v1/bookings', {
      token: app.token('rider', 1),
      body: ride({ departAfter: undefined, arriveBy: '2026-12-01T08:00:00+01:00', pickup: { stopId: app.stopId('SPE-MKT') } }),
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('offered');
    expect(res.body.offer.latestArrival).toBe('2026-12-01T07:00:00.000Z');
    expect(Date.parse(res.body.offer.pickupWindow.to)).toBeLessThan(Date.parse('2026-12-01T08:00:00+01:00'));
  });

  it('lets a dispatcher book for a phone caller, creating the rider once', async () => {
    const caller = { name: 'Gertrud Schmitz', phone: '+49 6561 98765' };
    const first = await app.request('POST', '/v1/bookings', { token: app.token('dispatcher'), body: ride({ rider: caller }) });
    expect(first.status).toBe(201);
    const second = await app.request('POST', '/v1/bookings', {
      token: app.token('dispatcher'),
      body: ride({ rider: caller, departAfter: '2026-12-01T15:00:00+01:00' }),
    });
    expect(second.status).toBe(201);
    expect(second.body.riderId).toBe(first.body.riderId);
    expect(first.body.bookedById).not.toBe(first.body.riderId);
  });

  it('holds a rider to the limit of open bookings, booking for themselves or booked by phone, and stores nothing for the refused one', async () => {
    const caller = { name: 'Paul Weber', phone: '+49 6561 55555' };
    const first = await app.request('POST', '/v1/bookings', { token: app.token('dispatcher'), body: ride({ rider: caller, departAfter: '2026-12-02T09:00:00+01:00' }) });
    expect(first.status).toBe(201);
    const row = (await app.repos.bookings.findById(first.body.id))!;
    const limit = (await app.repos.areas.findById(row.areaId))!.rules.maxActiveBookingsPerRider;
    for (let i = 1; i < limit; i += 1) {
      await app.repos.bookings.createOnce({
        areaId: row.areaId, riderId: row.riderId, bookedById: row.bookedById, pickupStopId: row.pickupStopId, dropoffStopId: row.dropoffStopId,
        requestedTime: new Date(row.requestedTime.getTime() + i * 3_600_000), timeMode: row.timeMode, seats: 1,
      }, row.bookedById);
    }
    const before = await databaseFingerprint(app.database.db);
    const byPhone = await app.request('POST', '/v1/bookings', { token: app.token('dispatcher'), body: ride({ rider: caller, departAfter: '2026-12-03T09:00:00+01:00' }) });
    expect(byPhone.status).toBe(422);
    expect(byPhone.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(byPhone.body.type).toMatch(/\/too-many-active-bookings$/);
    expect(byPhone.body.errors.map((e: { field: string }) => e.field)).toEqual(['rider']);
    expect(await databaseFingerprint(app.database.db)).toBe(before);

    // A rider booking for themselves is counted the same way.
    const rider = (await app.repos.bookings.findById((await app.request('POST', '/v1/bookings', { token: app.token('rider', 3), body: ride({ departAfter: '2026-12-02T10:00:00+01:00' }) })).body.id))!;
    const fillers = [rider.id];
    for (let i = 1; i < limit; i += 1) {
      const { booking } = await app.repos.bookings.createOnce({
        areaId: rider.areaId, riderId: rider.riderId, bookedById: rider.riderId, pickupStopId: rider.pickupStopId, dropoffStopId: rider.dropoffStopId,
        requestedTime: new Date(rider.requestedTime.getTime() + i * 3_600_000), timeMode: rider.timeMode, seats: 1,
      }, rider.riderId);
      fillers.push(booking.id);
    }
    const self = await app.request('POST', '/v1/bookings', { token: app.token('rider', 3), body: ride({ departAfter: '2026-12-03T10:00:00+01:00' }) });
    expect(self.status).toBe(422);
    expect(self.body.type).toMatch(/\/too-many-active-bookings$/);
    // Rider 3 books again in later tests.
    for (const id of fillers) await app.repos.bookings.transition(id, ['pending', 'offered'], { status: 'cancelled' }, { kind: 'booking.cancelled' });
  });

  it('rejects a ride no bus can take, with alternatives', async () => {
    // Eight seats fill one bus; six buses at one time fill the fleet from Bitburg to Prüm.
    const token = app.token('dispatcher');
    const results = [];
    for (let i = 0; i < 8; i += 1) {
      const res = await app.request('POST', '/v1/bookings', {
        token,
        body: ride({ seats: 8, rider: { name: `Fahrgast ${i}`, phone: `+49 6551 100${i}` }, departAfter: '2026-12-01T12:00:00+01:00', pickup: { stopId: app.stopId('DAS-BR') }, dropoff: { stopId: app.stopId('OLZ-KI') } }),
      });
      results.push(res.body);
    }
    const rejected = results.filter((b) => b.status === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0].rejection.reason).toEqual(expect.any(String));
    expect(rejected[0].offer).toBeNull();
    const times = (rejected[0].rejection.alternatives as Array<{ departAfter: string }>).map((alt) => Date.parse(alt.departAfter));
    expect(times.length).toBeGreaterThan(1);
    expect(times).not.toContain(Date.parse('2026-12-01T12:00:00+01:00'));
    // In the order of the day, as the rider reads them.
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('confirms an offer, and cancels before the cutoff but not after', async () => {
    const token = app.token('rider', 2);
    const booked = await app.request('POST', '/v1/bookings', { token, body: ride({ departAfter: '2026-12-01T18:00:00+01:00' }) });
    const confirmed = await app.request('POST', `/v1/bookings/${booked.body.id}/confirm`, { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');

    const late = await app.request('POST', '/v1/bookings', { token, body: ride({ departAfter: '2026-12-01T07:00:00+01:00' }) });
    expect(late.body.status).toBe('offered');
    app.clock.now = new Date(Date.parse(late.body.offer.pickupWindow.from) - 30 * 60_000);
    const tooLate = await app.request('POST', `/v1/bookings/${late.body.id}/cancel`, { token, body: {} });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.type).toMatch(/cancellation-cutoff-passed$/);
    expect(Date.parse(tooLate.body.cutoffAt)).toBeLessThan(Date.parse(late.body.offer.pickupWindow.from));

    const noReason = await app.request('POST', `/v1/bookings/${late.body.id}/cancel`, { token: app.token('dispatcher'), body: {} });
    expect(noReason.status).toBe(400);
    const byDispatcher = await app.request('POST', `/v1/bookings/${late.body.id}/cancel`, { token: app.token('dispatcher'), body: { reason: 'Caller rang: ill' } });
    expect(byDispatcher.status).toBe(200);
    expect(byDispatcher.body.status).toBe('cancelled');
    app.clock.now = TEST_NOW;

    const cancelled = await app.request('POST', `/v1/bookings/${booked.body.id}/cancel`, { token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const plans = await app.repos.fleet.plansForShifts([(await app.repos.bookings.findById(booked.body.id))!.shiftId!]);
    expect(plans[0].stops.some((s) => s.bookingId === booked.body.id)).toBe(false);
    const again = await app.request('POST', `/v1/bookings/${booked.body.id}/cancel`, { token });
    expect(again.status).toBe(409);

    const events = await app.repos.events.forBooking(late.body.id);
    expect(events.map((e) => e.kind)).toEqual(['booking.requested', 'booking.offered', 'booking.cancelled']);
    expect(events[2].reason).toBe('Caller rang: ill');
  });

  it('hides other riders\u2019 bookings as not found', async () => {
    const mine = await app.request('POST', '/v1/bookings', { token: app.token('rider', 3), body: ride({ departAfter: '2026-12-01T19:00:00+01:00' }) });
    const other = await app.request('GET', `/v1/bookings/${mine.body.id}`, { token: app.token('rider', 4) });
    expect(other.status).toBe(404);
    const cancel = await app.request('POST', `/v1/bookings/${mine.body.id}/cancel`, { token: app.token('rider', 4) });
    expect(cancel.status).toBe(404);
    const own = await app.request('GET', `/v1/bookings/${mine.body.id}`, { token: app.token('rider', 3) });
    expect(own.status).toBe(200);
    const list = await app.request('GET', '/v1/bookings', { token: app.token('rider', 4) });
    expect(list.body.items.find((b: { id: string }) => b.id === mine.body.id)).toBeUndefined();
  });

  it('pages through bookings with a cursor and filters by status and time', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await app.request('GET', `/v1/bookings${query}`, { token: app.token('dispatcher') });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      all.push(...page.body.items.map((b: { id: string }) => b.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(await app.repos.bookings.count());

    const offered = await app.request('GET', '/v1/bookings?status=offered,confirmed&from=2026-12-01T08:30:00%2B01:00&to=2026-12-01T13:00:00%2B01:00', { token: app.token('dispatcher') });
    for (const b of offered.body.items) {
      expect(['offered', 'confirmed']).toContain(b.status);
      const t = Date.parse(b.departAfter ?? b.arriveBy);
      expect(t).toBeGreaterThanOrEqual(Date.parse('2026-12-01T08:30:00+01:00'));
      expect(t).toBeLessThan(Date.parse('2026-12-01T13:00:00+01:00'));
    }
    const bad = await app.request('GET', '/v1/bookings?status=lost', { token: app.token('dispatcher') });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toMatch(/^status/);
    const badCursor = await app.request('GET', '/v1/bookings?cursor=abc', { token: app.token('dispatcher') });
    expect(badCursor.status).toBe(400);
  });

  it('creates exactly one booking for 20 concurrent POSTs with one Idempotency-Key', async () => {
    const before = await app.repos.bookings.count();
    const usersBefore = await app.repos.users.count();
    const body = ride({ departAfter: '2026-12-01T20:00:00+01:00', rider: { name: 'Hans Thiel', phone: '+49 6551 424242' } });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => app.request('POST', '/v1/bookings', { token: app.token('dispatcher'), body, headers: { 'idempotency-key': 'call-2026-12-01-0815' } })),
    );
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const a of answers) expect([200, 201]).toContain(a.status);
    expect(await app.repos.bookings.count()).toBe(before + 1);
    expect(await app.repos.users.count()).toBe(usersBefore + 1);

    const reused = await app.request('POST', '/v1/bookings', {
      token: app.token('dispatcher'),
      body: { ...body, seats: 2 },
      headers: { 'idempotency-key': 'call-2026-12-01-0815' },
    });
    expect(reused.status).toBe(409);
    expect(reused.body.type).toMatch(/idempotency-key-reused$/);
  });

  it('holds riders online to the area\'s largest party, while the desk books larger groups', async () => {
    const areaId = (await app.repos.areas.list())[0].id;
    const setLargestParty = async (maxPartySize: number | undefined) => {
      const { rules } = (await app.request('GET', `/v1/admin/areas/${areaId}`, { token: app.token('admin') })).body;
      const res = await app.request('PATCH', `/v1/admin/areas/${areaId}`, { token: app.token('admin'), body: { rules: { ...rules, maxPartySize }, reason: 'Gruppen über die Hotline' } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await setLargestParty(3);
    try {
      const seatsOnline = async () => (await app.request('GET', '/v1/areas', { token: app.token('rider', 4) })).body.items.find((a: { id: string }) => a.id === areaId).rules.maxSeats;
      expect(await seatsOnline()).toBe(3);
      const before = await databaseFingerprint(app.database.db);
      const four = await app.request('POST', '/v1/bookings', { token: app.token('rider', 4), body: ride({ seats: 4, departAfter: '2026-12-01T11:00:00+01:00' }) });
      expect(four.status).toBe(422);
      expect(four.body.type).toMatch(/\/party-size$/);
      expect(four.body.errors.map((e: { field: string }) => e.field)).toEqual(['seats']);
      expect(await databaseFingerprint(app.database.db)).toBe(before);
      const three = await app.request('POST', '/v1/bookings', { token: app.token('rider', 4), body: ride({ seats: 3, departAfter: '2026-12-01T11:00:00+01:00' }) });
      expect(three.status, JSON.stringify(three.body)).toBe(201);
      const byPhone = await app.request('POST', '/v1/bookings', { token: app.token('dispatcher'), body: ride({ seats: 4, departAfter: '2026-12-01T11:30:00+01:00', rider: { name: 'Chor Irrel', phone: '+49 6525 1234' } }) });
      expect(byPhone.status, JSON.stringify(byPhone.body)).toBe(201);
      await setLargestParty(undefined);
      expect(await seatsOnline()).toBeGreaterThan(3);
    } finally {
      await setLargestParty(undefined);
    }
  });
});
