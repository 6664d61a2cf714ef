import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { seedDemo, type DemoCredentials } from '../../src/seed/seed-demo';
import { createRepositories, type Repositories } from '../../src/domain/context';
import { describeEachDriver, freshDatabase } from '../support/databases';
import { databaseFingerprint } from '../support/fingerprint';
import { TEST_NOW } from '../support/test-app';

describeEachDriver('repositories', (driver) => {
  let database: Database;
  let repos: Repositories;
  let demo: DemoCredentials;
  let stopIds: string[];
  beforeAll(async () => {
    database = await freshDatabase(driver);
    repos = createRepositories(database.db);
    demo = await seedDemo(repos, { now: TEST_NOW });
    stopIds = (await repos.areas.activeStops(demo.areaId)).map((s) => s.id);
  });
  afterAll(() => database.close());

  const riderId = () => demo.users.find((u) => u.role === 'rider')!.userId;
  const newBooking = (key: string | null, minutes = 0) => ({
    areaId: demo.areaId,
    riderId: riderId(),
    bookedById: riderId(),
    pickupStopId: stopIds[0],
    dropoffStopId: stopIds[1],
    requestedTime: new Date(Date.parse('2026-12-01T09:00:00Z') + minutes * 60_000),
    timeMode: 'depart_after' as const,
    seats: 1,
    wheelchairs: 0,
    idempotencyKey: key,
    requestHash: 'h',
  });

  it('seeds the demo area with stops, six buses and their shifts', async () => {
    expect(stopIds.length).toBeGreaterThanOrEqual(40);
    const vehicles = await repos.areas.vehicles(demo.areaId);
    expect(vehicles).toHaveLength(6);
    const shifts = await repos.fleet.shiftsOverlapping(demo.areaId, new Date('2026-12-01T08:00:00Z'), new Date('2026-12-01T09:00:00Z'));
    expect(shifts).toHaveLength(6);
    expect(shifts[0].shift.startAt.toISOString()).toBe('2026-12-01T04:30:00.000Z');
    expect(shifts[0].shift.endAt.toISOString()).toBe('2026-12-01T22:00:00.000Z');
  });

  it('upserts stops by code and counts inserts and updates', async () => {
    const rows = [
      { code: 'TEST-1', name: 'Teststadt, Kirche', village: 'Teststadt', lat: 50, lon: 6.4, wheelchairAccessible: false },
      { code: 'TEST-2', name: 'Testdorf, Kirche', village: 'Testdorf', lat: 50.01, lon: 6.41, wheelchairAccessible: true },
    ];
    expect(await repos.areas.upsertStops(demo.areaId, rows)).toEqual({ inserted: 2, updated: 0, moved: 0, unchanged: 0 });
    expect(await repos.areas.upsertStops(demo.areaId, [{ ...rows[0], name: 'Teststadt, Markt' }, rows[1]])).toEqual({ inserted: 0, updated: 1, moved: 0, unchanged: 1 });
    expect(await repos.areas.upsertStops(demo.areaId, [{ ...rows[0], name: 'Teststadt, Markt', lat: 50.002 }])).toEqual({ inserted: 0, updated: 1, moved: 1, unchanged: 0 });
    const stop = (await repos.areas.allStops(demo.areaId)).find((s) => s.code === 'TEST-1');
    expect(stop).toMatchObject({ name: 'Teststadt, Markt', lat: 50.002 });
  });

  it('creates a booking once per idempotency key', async () => {
    const first = await repos.bookings.createOnce(newBooking('k-1'), riderId());
    const again = await repos.bookings.createOnce(newBooking('k-1', 30), riderId());
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.booking.id).toBe(first.booking.id);
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => repos.bookings.createOnce(newBooking('k-2'), riderId())));
    expect(new Set(concurrent.map((c) => c.booking.id)).size).toBe(1);
    expect(concurrent.filter((c) => c.created)).toHaveLength(1);
  });

  it('finds a caller by phone, else creates one, and stores nothing (not even the new caller) when no booking goes in', async () => {
    const dispatcherId = demo.users.find((u) => u.role === 'dispatcher')!.userId;
    const forCaller = (key: string | null) => ({ ...newBooking(key, 240), riderId: undefined, bookedById: dispatcherId });
    const first = await repos.bookings.createWithinLimit(forCaller('caller-1'), dispatcherId, { name: 'Erna Anruf', phone: '+496561111111' }, 10);
    const second = await repos.bookings.createWithinLimit(forCaller(null), dispatcherId, { name: 'Erna A.', phone: '+496561111111' }, 10);
    if ('limitReached' in first || 'limitReached' in second) throw new Error('refused');
    expect(second.booking.riderId).toBe(first.booking.riderId);
    const before = await databaseFingerprint(database.db);
    const repeat = await repos.bookings.createWithinLimit(forCaller('caller-1'), dispatcherId, { name: 'Otto Anruf', phone: '+496561222222' }, 10);
    expect(repeat).toEqual({ booking: first.booking, created: false });
    expect(await repos.bookings.createWithinLimit(forCaller(null), dispatcherId, { name: 'Erna Anruf', phone: '+496561111111' }, 2)).toEqual({ limitReached: true });
    expect(await databaseFingerprint(database.db)).toBe(before);
  });

  it('moves a booking only from the expected states and logs each change', async () => {
    const { booking } = await repos.bookings.createOnce(newBooking(null, 60), riderId());
    const offered = await repos.bookings.transition(booking.id, ['pending'], { status: 'offered' }, { kind: 'booking.offered' });
    expect(offered?.status).toBe('offered');
    const stale = await repos.bookings.transition(booking.id, ['pending'], { status: 'rejected' }, { kind: 'booking.rejected' });
    expect(stale).toBeUndefined();
    const events = await repos.events.forBooking(booking.id);
    expect(events.map((e) => e.kind)).toEqual(['booking.requested', 'booking.offered']);
    expect((await repos.bookings.findById(booking.id))?.status).toBe('offered');
  });

  it('lists bookings in time order with keyset pages', async () => {
    for (let i = 0; i < 5; i += 1) await repos.bookings.createOnce(newBooking(null, 120 + i), riderId());
    const all = await repos.bookings.list({ limit: 100 });
    const times = all.map((b) => b.requestedTime.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const page1 = await repos.bookings.list({ limit: 2 });
    const page2 = await repos.bookings.list({ limit: 2, after: { requestedTime: page1[1].requestedTime, id: page1[1].id } });
    expect(page2[0].id).toBe(all[2].id);
    const filtered = await repos.bookings.list({ limit: 100, statuses: ['offered'] });
    expect(filtered.every((b) => b.status === 'offered')).toBe(true);
  });

  it('writes a plan only against the version it was read at', async () => {
    const [{ shift, vehicle }] = await repos.fleet.shiftsOverlapping(demo.areaId, new Date('2026-12-02T08:00:00Z'), new Date('2026-12-02T09:00:00Z'));
    // A plan names only rides whose row names its shift and bus (plan_rides, migration 0007).
    const { booking } = await repos.bookings.createOnce(newBooking(null, 30), riderId());
    await repos.bookings.transition(booking.id, ['pending'], { status: 'offered', shiftId: shift.id, vehicleId: vehicle.id }, { kind: 'booking.offered' });
    const stops = [{ bookingId: booking.id, kind: 'pickup' as const, stopId: stopIds[0], plannedAt: '2026-12-02T08:10:00.000Z' }];
    expect(await repos.fleet.savePlan(shift.id, vehicle.id, stops, 0)).toBe(1);
    expect(await repos.fleet.savePlan(shift.id, vehicle.id, stops, 0)).toBeUndefined();
    expect(await repos.fleet.savePlan(shift.id, vehicle.id, [], 1)).toBe(2);
    expect(await repos.fleet.savePlan(shift.id, vehicle.id, stops, 1)).toBeUndefined();
    const [plan] = await repos.fleet.plansForShifts([shift.id]);
    expect(plan).toMatchObject({ version: 2, stops: [] });
  });
});
