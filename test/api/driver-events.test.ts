import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachDriver } from '../support/databases';
import { startTestApp, TEST_NOW, type TestApp } from '../support/test-app';

describeEachDriver('driver events', (driver) => {
  let app: TestApp;
  let token: string;
  let shiftId: string;
  let vehicleId: string;
  let depotId: string;
  let rides: string[];

  beforeAll(async () => {
    app = await startTestApp(driver);
    const ids: string[] = [];
    for (const [i, time] of ['07:00', '07:05', '07:10'].entries()) {
      const res = await app.request('POST', '/v1/bookings', {
        token: app.token('rider', i),
        body: { pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: `2026-12-01T${time}:00+01:00`, seats: 1 },
      });
      expect(res.body.status).toBe('offered');
      ids.push(res.body.id);
    }
    const first = (await app.repos.bookings.findById(ids[0]))!;
    shiftId = first.shiftId!;
    vehicleId = first.vehicleId!;
    rides = (await app.repos.bookings.findByIds(ids)).filter((b) => b.shiftId === shiftId).map((b) => b.id);
    expect(rides.length).toBeGreaterThanOrEqual(2);
    const vehicle = (await app.repos.fleet.findVehicle(vehicleId))!;
    depotId = vehicle.depotStopId;
    token = app.demo.users.find((u) => u.role === 'driver' && u.vehicleLabel === vehicle.label)!.token;
  });
  afterAll(() => app.close());

  const send = (body: Record<string, unknown>, as = token) => app.request('POST', '/v1/driver/events', { token: as, body });
  const plan = async () => (await app.repos.fleet.plansForShifts([shiftId]))[0];

  it('departed commits the next stop and is applied once however often it is sent', async () => {
    const before = await plan();
    const event = { type: 'departed', clientEventId: 'tab-1', planVersion: before.version, stopId: depotId };
    const res = await send(event);
    expect(res.status).toBe(201);
    expect(res.body.planVersion).toBe(before.version + 1);
    expect(res.body.etag).toBe(`"${shiftId}:${before.version + 1}"`);
    const after = await plan();
    expect(after).toMatchObject({ version: before.version + 1, committedStops: 1, lastStopId: depotId, stops: before.stops });
    expect(after.lastDepartedAt?.getTime()).toBe(TEST_NOW.getTime());

    const resend = await send(event);
    expect(resend.status).toBe(201);
    expect(resend.headers.get('idempotent-replayed')).toBe('true');
    expect(resend.body).toEqual(res.body);
    expect((await plan()).version).toBe(after.version);

    const reused = await send({ ...event, stopId: app.stopId('RIT-KI') });
    expect(reused.status).toBe(409);
    expect(reused.body.type).toMatch(/client-event-id-reused$/);
  });

  it('refuses an event on a stale plan version with the current one', async () => {
    const current = await plan();
    const res = await send({ type: 'arrived', clientEventId: 'tab-2', planVersion: current.version - 1, stopId: app.stopId('RIT-KI') });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ currentVersion: current.version, manifestUrl: '/v1/driver/manifest', etag: `"${shiftId}:${current.version}"` });
    expect(res.body.type).toMatch(/stale-plan-version$/);
  });

  it('arrived is recorded without changing the plan', async () => {
    const current = await plan();
    const res = await send({ type: 'arrived', clientEventId: 'tab-3', planVersion: current.version, stopId: app.stopId('RIT-KI') });
    expect(res.status).toBe(201);
    expect(res.body.planVersion).toBe(current.version);
    expect((await plan()).version).toBe(current.version);
    const logged = (await app.repos.events.findByClientEventId((await actorId()), 'tab-3'))!;
    expect(logged.kind).toBe('driver.arrived');
    expect(logged.vehicleId).toBe(vehicleId);
  });

  it('picked_up puts the rider on board and takes the pickup off the plan', async () => {
    const current = await plan();
    const res = await send({ type: 'picked_up', clientEventId: 'tab-4', planVersion: current.version, bookingId: rides[0] });
    expect(res.status).toBe(201);
    const booking = (await app.repos.bookings.findById(rides[0]))!;
    expect(booking.status).toBe('on_board');
    expect(booking.pickedUpAt?.getTime()).toBe(TEST_NOW.getTime());
    const after = await plan();
    expect(after.version).toBe(current.version + 1);
    expect(after.stops.filter((s) => s.bookingId === rides[0]).map((s) => s.kind)).toEqual(['dropoff']);
    const pickupWasCommitted = current.stops[0].bookingId === rides[0] && current.stops[0].kind === 'pickup';
    expect(after.committedStops).toBe(pickupWasCommitted ? 0 : 1);
    // The bus stands at the pickup stop: planning starts there, now.
    expect(after).toMatchObject({ lastStopId: booking.pickupStopId, lastDepartedAt: null });
  });

  it('names the field when a booking is not on this plan', async () => {
    const { version } = await plan();
    const stranger = await send({ type: 'picked_up', clientEventId: 'tab-5', planVersion: version, bookingId: randomUUID() });
    expect(stranger.status).toBe(422);
    expect(stranger.body.errors[0].field).toBe('bookingId');
    const notBoarded = await send({ type: 'dropped_off', clientEventId: 'tab-6', planVersion: version, bookingId: rides[1] });
    expect(notBoarded.status).toBe(422);
    expect(notBoarded.body.errors[0].field).toBe('bookingId');
    const farAway = await send({ type: 'arrived', clientEventId: 'tab-7', planVersion: version, stopId: app.stopId('PRM-ZOB') });
    expect(farAway.status).toBe(422);
    expect(farAway.body.errors[0].field).toBe('stopId');
    const noVersion = await send({ type: 'arrived', clientEventId: 'tab-8', stopId: depotId });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.errors[0].field).toBe('planVersion');
    const badType = await send({ type: 'teleported', clientEventId: 'tab-9' });
    expect(badType.status).toBe(400);
    expect(badType.body.errors[0].field).toBe('type');
    expect((await plan()).version).toBe(version);
  });

  it('no_show takes both stops off the plan', async () => {
    const current = await plan();
    const res = await send({ type: 'no_show', clientEventId: 'tab-10', planVersion: current.version, bookingId: rides[1] });
    expect(res.status).toBe(201);
    expect((await app.repos.bookings.findById(rides[1]))!.status).toBe('no_show');
    expect((await plan()).stops.some((s) => s.bookingId === rides[1])).toBe(false);
  });

  it('position moves the bus; a resend changes nothing', async () => {
    const first = { type: 'position', clientEventId: 'gps-1', lat: 49.99, lon: 6.51, time: '2026-12-01T06:00:00+01:00' };
    expect((await send(first)).status).toBe(201);
    expect((await send({ ...first, clientEventId: 'gps-2', lat: 49.98, time: '2026-12-01T06:00:10+01:00' })).status).toBe(201);
    const resend = await send(first);
    expect(resend.status).toBe(201);
    expect(resend.headers.get('idempotent-replayed')).toBe('true');
    const vehicle = (await app.repos.fleet.findVehicle(vehicleId))!;
    expect([vehicle.positionLat, vehicle.positionLon]).toEqual([49.98, 6.51]);
    expect(vehicle.positionAt?.toISOString()).toBe('2026-12-01T05:00:10.000Z');
  });

  it('ignores a position older than the last one, also among positions sent at once', async () => {
    const stored = async () => {
      const vehicle = (await app.repos.fleet.findVehicle(vehicleId))!;
      return { lat: vehicle.positionLat, at: vehicle.positionAt?.toISOString() };
    };
    const current = { type: 'position', clientEventId: 'gps-10', lat: 49.97, lon: 6.52, time: '2026-12-01T06:05:00+01:00' };
    expect((await send(current)).status).toBe(201);
    const old = await send({ ...current, clientEventId: 'gps-11', lat: 50.2, time: '2026-11-28T06:05:00+01:00' }); // three days old
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ accepted: false, ignored: 'older-than-last-position' });
    expect(await stored()).toEqual({ lat: 49.97, at: '2026-12-01T05:05:00.000Z' });
    expect((await send({ ...current, clientEventId: 'gps-12', lat: 49.96 })).body.accepted).toBe(false); // same time: not newer

    // Ten fixes, one a second, sent at once in shuffled order: the newest stays, whichever commits last.
    const fixes = Array.from({ length: 10 }, (_, i) => ({ ...current, clientEventId: `gps-2${i}`, lat: 49.9 + i / 1000, time: `2026-12-01T06:06:0${i}+01:00` }));
    const order = [3, 9, 0, 7, 1, 8, 2, 6, 4, 5];
    const answers = await Promise.all(order.map((i) => send(fixes[i])));
    expect(answers.every((a) => a.status === 200 || a.status === 201)).toBe(true);
    expect(answers[order.indexOf(9)].status).toBe(201);
    expect(await stored()).toEqual({ lat: 49.909, at: '2026-12-01T05:06:09.000Z' });
  });

  it('dropped_off completes the ride and empties it from the plan', async () => {
    const current = await plan();
    const res = await send({ type: 'dropped_off', clientEventId: 'tab-11', planVersion: current.version, bookingId: rides[0] });
    expect(res.status).toBe(201);
    const booking = (await app.repos.bookings.findById(rides[0]))!;
    expect(booking.status).toBe('completed');
    expect(booking.droppedOffAt?.getTime()).toBe(TEST_NOW.getTime());
    expect((await plan()).stops.some((s) => s.bookingId === rides[0])).toBe(false);
    const kinds = (await app.repos.events.forBooking(rides[0])).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['driver.picked_up', 'booking.picked_up', 'driver.dropped_off', 'booking.dropped_off']));
  });

  it('asks for re-planning when the bus runs late', async () => {
    const current = await plan();
    expect(current.stops.length).toBeGreaterThan(0);
    app.clock.now = new Date(Date.parse(current.stops[0].plannedAt) + 20 * 60_000);
    try {
      const res = await send({ type: 'departed', clientEventId: 'tab-12', planVersion: current.version, stopId: depotId });
      expect(res.status).toBe(201);
      expect(res.body.late.bySeconds).toBeGreaterThan(20 * 60);
      // The re-planning job is on the events queue (the workers may already have run it).
      await vi.waitFor(async () => {
        const jobs = await app.service.dispatch.queues.events.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
        expect(jobs.filter((job) => job.name === 'replan').map((job) => job.data)).toEqual([{ areaId: app.demo.areaId, reason: expect.stringMatching(/late/) }]);
      });
    } finally {
      app.clock.now = TEST_NOW;
    }
  });

  async function actorId() {
    return app.demo.users.find((u) => u.token === token)!.userId;
  }
});
