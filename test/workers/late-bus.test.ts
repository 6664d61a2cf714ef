import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_NOW } from '../support/test-app';
import { startWorkerApp, type WorkerApp } from './support/worker-app';

interface Manifest {
  version: number;
  stops: Array<{ boarding: Array<{ bookingId: string; plannedAt: string }> }>;
}

/**
 * A bus leaves its depot long after its plan said, through the whole pipeline: the driver's event
 * asks for re-planning, the worker pool re-times that plan, the driver's waiting long-poll gets the
 * new times, and the rider and the dispatch desk see the ride is late.
 */
describe('a bus running late', () => {
  let app: WorkerApp;
  const clock = { now: TEST_NOW };
  beforeAll(async () => {
    app = await startWorkerApp({ driver: 'pglite', redisUrl: inject('redisUrl'), workers: true, clock, env: { BATCH_WINDOW_MS: '50' } });
  });
  afterAll(() => app?.close());

  it('is re-timed, its driver is told, and the late promises show', async () => {
    const stops = await app.stopIds();
    const dispatcher = app.token('dispatcher');
    const booked = await app.post('/v1/bookings', dispatcher, {
      rider: { name: 'Maria Spät', phone: '+49 6561 700001' }, pickup: { stopId: stops.get('RIT-KI') }, dropoff: { stopId: stops.get('BIT-KH') },
      departAfter: '2026-12-01T08:00:00+01:00', seats: 1,
    });
    expect(booked.body.status).toBe('offered');
    const booking = (await app.repos.bookings.findById(booked.body.id))!;
    const vehicle = (await app.repos.fleet.findVehicle(booking.vehicleId!))!;
    const driver = app.demo.users.find((u) => u.role === 'driver' && u.vehicleLabel === vehicle.label)!.token;
    const manifest = async (headers: Record<string, string> = {}, query = '') => {
      const res = await fetch(`${app.url}/v1/driver/manifest${query}`, { headers: { authorization: `Bearer ${driver}`, ...headers } });
      return { status: res.status, body: res.status === 200 ? (await res.json()) as Manifest : undefined };
    };
    const before = (await manifest()).body!;
    // The rider's own time: a call at a stop visited twice in a row starts with its first entry's.
    const plannedPickup = (body: Manifest) => Date.parse(body.stops.flatMap((s) => s.boarding).find((r) => r.bookingId === booking.id)!.plannedAt);
    const pickupBefore = plannedPickup(before);

    // Half an hour after the planned pickup the bus leaves its depot.
    clock.now = new Date(pickupBefore + 30 * 60_000);
    const departed = await app.post('/v1/driver/events', driver, { type: 'departed', clientEventId: 'late-1', planVersion: before.version, stopId: vehicle.depotStopId });
    expect(departed.status).toBe(201);
    expect(departed.body.late).toMatchObject({ replanRequested: true });
    expect(departed.body.late.bySeconds).toBeGreaterThan(30 * 60);

    // The driver's tablet waits for a change of its plan; the re-optimisation re-times it.
    const woke = await manifest({ 'if-none-match': departed.body.etag }, '?wait=20');
    expect(woke.status).toBe(200);
    expect(woke.body!.version).toBeGreaterThan(departed.body.planVersion);
    expect(plannedPickup(woke.body!)).toBeGreaterThan(clock.now.getTime());

    const seen = await app.get(`/v1/bookings/${booking.id}`, dispatcher);
    expect(seen.body.eta).toMatchObject({ late: true });
    expect(Date.parse(seen.body.eta.pickupAt)).toBe(plannedPickup(woke.body!));
    const overview = await app.get('/v1/dispatch/overview', dispatcher);
    expect(overview.body.bookings.late.map((b: { id: string; late: { stop: string } }) => [b.id, b.late.stop])).toContainEqual([booking.id, 'pickup']);
  });
});
