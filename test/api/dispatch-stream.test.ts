import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StraightLineEstimate } from '../../routing/travel-times';
import type { LonLat } from '../../routing/travel-times';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

/** The desk's event stream, read as a browser's EventSource would: each `change` event's data. */
async function openStream(app: TestApp, token: string) {
  const aborted = new AbortController();
  const res = await fetch(`${app.url}/v1/dispatch/stream`, { headers: { authorization: `Bearer ${token}` }, signal: aborted.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  // A read still waiting when `next` gave up is kept for the next call, so no chunk is lost.
  let pending: ReturnType<typeof reader.read> | undefined;
  return {
    /** The next `change` event's stamp, or undefined when none came within `withinMs`. */
    async next(withinMs: number): Promise<string | undefined> {
      const deadline = Date.now() + withinMs;
      for (;;) {
        const end = buffered.indexOf('\n\n');
        if (end >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (block.includes('event: change') && data) return (JSON.parse(data.slice(6)) as { stamp: string }).stamp;
          continue;
        }
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        pending ??= reader.read();
        const chunk = await Promise.race([pending, new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), left))]);
        if (chunk === 'late') return undefined;
        pending = undefined;
        if (chunk.done) throw new Error('the stream ended');
        buffered += chunk.value;
      }
    },
    close: () => aborted.abort(),
  };
}

describeEachDriver('the dispatch desk\u2019s live stream', (driver) => {
  let app: TestApp;

  beforeAll(async () => {
    // A long fallback poll: a plan change must arrive through the database notification, not the poll.
    app = await startTestApp(driver, { env: { MANIFEST_POLL_MS: '60000' } });
  });
  afterAll(() => app.close());

  it('is for dispatchers and admins, and names a bad area', async () => {
    for (const role of ['rider', 'driver'] as const) expect((await app.request('GET', '/v1/dispatch/stream', { token: app.token(role) })).status).toBe(403);
    expect((await app.request('GET', '/v1/dispatch/stream?areaId=nope', { token: app.token('dispatcher') })).body.errors[0].field).toBe('areaId');
    expect((await app.request('GET', `/v1/dispatch/stream?areaId=${crypto.randomUUID()}`, { token: app.token('dispatcher') })).status).toBe(404);
  });

  it('tells an open desk within 2 s that a plan changed, and is quiet otherwise', async () => {
    const stream = await openStream(app, app.token('dispatcher'));
    try {
      const first = await stream.next(5000);
      expect(first, 'the current stamp on connecting').toBeTruthy();
      expect(await stream.next(300), 'nothing changed').toBeUndefined();

      const booked = await app.request('POST', '/v1/bookings', {
        token: app.token('dispatcher'),
        body: { rider: { name: 'Stream Anrufer', phone: '+49 6561 880001' }, pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: '2026-12-01T10:00:00+01:00', seats: 1 },
      });
      expect(booked.body.status).toBe('offered');
      const afterBooking = await stream.next(2000);
      expect(afterBooking).toBeTruthy();
      expect(afterBooking).not.toBe(first);
      while (await stream.next(300)); // the decision's further writes

      const booking = (await app.repos.bookings.findById(booked.body.id))!;
      const other = (await app.repos.areas.vehicles(app.demo.areaId)).find((v) => v.id !== booking.vehicleId && v.inService)!;
      const started = Date.now();
      const moved = await app.request('POST', `/v1/dispatch/bookings/${booking.id}/assign`, { token: app.token('dispatcher'), body: { vehicleId: other.id, force: true, reason: 'Stammfahrer' } });
      expect(moved.status).toBe(200);
      const afterAssign = await stream.next(2000);
      expect(afterAssign, 'the assignment reached the stream').toBeTruthy();
      expect(afterAssign).not.toBe(afterBooking);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      stream.close();
    }
  });
});

describeEachDriver('the dispatch overview of a chosen day', (driver) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(() => app.close());

  it('shows the local day asked for, with the area\u2019s outline and the names of the riders its buses carry', async () => {
    const booked = await app.request('POST', '/v1/bookings', {
      token: app.token('dispatcher'),
      body: { rider: { name: 'Morgen Anruferin', phone: '+49 6561 880002' }, pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: '2026-12-02T09:00:00+01:00', seats: 1 },
    });
    expect(booked.body.status).toBe('offered');
    const tomorrow = await app.request('GET', '/v1/dispatch/overview?date=2026-12-02', { token: app.token('dispatcher') });
    expect(tomorrow.status).toBe(200);
    expect(tomorrow.body.day).toEqual({ from: '2026-12-01T23:00:00.000Z', to: '2026-12-02T23:00:00.000Z' });
    expect(tomorrow.body.area.polygon.type).toBe('Polygon');
    expect(tomorrow.body.bookings.carried.map((b: { id: string }) => b.id)).toContain(booked.body.id);
    expect(tomorrow.body.riders.map((r: { name: string }) => r.name)).toContain('Morgen Anruferin');
    const today = await app.request('GET', '/v1/dispatch/overview', { token: app.token('dispatcher') });
    expect(today.body.bookings.carried.map((b: { id: string }) => b.id)).not.toContain(booked.body.id);

    // Its bus's stops of that later day can be re-ordered by naming the shift (the current one is today's).
    const booking = (await app.repos.bookings.findById(booked.body.id))!;
    const [plan] = await app.repos.fleet.plansForShifts([booking.shiftId!]);
    const stops = plan.stops.map(({ bookingId, kind }) => ({ bookingId, kind }));
    const url = `/v1/dispatch/vehicles/${booking.vehicleId}/sequence`;
    expect((await app.request('PUT', url, { token: app.token('dispatcher'), body: { stops } })).body.errors[0].field).toBe('stops');
    const named = await app.request('PUT', url, { token: app.token('dispatcher'), body: { stops, shiftId: booking.shiftId } });
    expect(named.status).toBe(200);
    expect(named.body.version).toBe(plan.version + 1);
    const notHers = await app.request('PUT', url, { token: app.token('dispatcher'), body: { stops, shiftId: crypto.randomUUID() } });
    expect(notHers.status).toBe(400);
    expect(notHers.body.errors[0].field).toBe('shiftId');

    const bad = await app.request('GET', '/v1/dispatch/overview?date=2.12.2026', { token: app.token('dispatcher') });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('date');
  });
});

describeEachDriver('a decision that is overdue', (driver) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(() => app.close());

  it('is asked for again by the dispatcher and answered; a decided booking is answered as it stands', async () => {
    // A booking stored without its decision being requested: as if the queue had lost the job.
    const dispatcher = app.demo.users.find((u) => u.role === 'dispatcher')!;
    const { booking } = await app.repos.bookings.createOnce({
      areaId: app.demo.areaId, bookedById: dispatcher.userId, pickupStopId: app.stopId('RIT-KI'), dropoffStopId: app.stopId('BIT-KH'),
      requestedTime: new Date('2026-12-01T10:00:00+01:00'), timeMode: 'depart_after', seats: 1,
    }, dispatcher.userId, { name: 'Vergessene Anruferin', phone: '+4965618800033' });
    expect(booking.status).toBe('pending');
    const overview = await app.request('GET', '/v1/dispatch/overview', { token: app.token('dispatcher') });
    expect(overview.body.bookings.pending.map((b: { id: string }) => b.id)).toContain(booking.id);

    const url = `/v1/dispatch/bookings/${booking.id}/decide`;
    const decided = await app.request('POST', url, { token: app.token('dispatcher'), body: { reason: 'hing fest' } });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('offered');
    const again = await app.request('POST', url, { token: app.token('dispatcher'), body: {} });
    expect(again.body).toMatchObject({ id: booking.id, status: 'offered' });
    const logged = (await app.repos.events.forBooking(booking.id)).filter((e) => e.kind === 'dispatch.decision_requested');
    expect(logged).toHaveLength(1);
    expect(logged[0].reason).toBe('hing fest');
    expect((await app.request('POST', url, { token: app.token('driver'), body: {} })).status).toBe(403);
    expect((await app.request('POST', `/v1/dispatch/bookings/${crypto.randomUUID()}/decide`, { token: app.token('dispatcher'), body: {} })).status).toBe(404);
  });
});

/** Straight-line times, but a route "along the roads" with a bend in every leg, as OSRM would give. */
class RoadsWithBends extends StraightLineEstimate {
  routed = 0;
  override async route(points: LonLat[]) {
    this.routed += 1;
    const coordinates = points.flatMap((p, i): Array<[number, number]> => (i === 0 ? [[p.lon, p.lat]] : [[p.lon + 0.001, points[i - 1].lat], [p.lon, p.lat]]));
    return { ...(await super.route(points, { geometry: false })), estimated: false, geometry: { type: 'LineString' as const, coordinates } };
  }
}

describe('the line of a bus\u2019s next stops on the desk\u2019s map', () => {
  it('is straight between the stops without road data, and says so; bad stops are named', async () => {
    const app = await startTestApp('pglite');
    try {
      const ids = [app.stopId('RIT-KI'), app.stopId('BIT-KH'), app.stopId('IRR-KI')];
      const line = await app.request('GET', `/v1/dispatch/route?stops=${ids.join(',')}`, { token: app.token('dispatcher') });
      expect(line.status).toBe(200);
      const stops = await app.repos.areas.stopsByIds(ids);
      expect(line.body).toEqual({ road: false, coordinates: ids.map((id) => { const s = stops.find((x) => x.id === id)!; return [s.lon, s.lat]; }) });
      const unknown = await app.request('GET', `/v1/dispatch/route?stops=${ids[0]},${crypto.randomUUID()}`, { token: app.token('dispatcher') });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0].field).toBe('stops.1');
      expect((await app.request('GET', '/v1/dispatch/route?stops=nope', { token: app.token('dispatcher') })).body.errors[0].field).toBe('stops.0');
      expect((await app.request('GET', `/v1/dispatch/route?stops=${ids.join(',')}`, { token: app.token('driver') })).status).toBe(403);
    } finally {
      await app.close();
    }
  });

  it('follows the roads when the routing engine gives them, asked once per stop sequence', async () => {
    const roads = new RoadsWithBends();
    const app = await startTestApp('pglite', { travelTimes: roads });
    try {
      const url = `/v1/dispatch/route?stops=${app.stopId('RIT-KI')},${app.stopId('BIT-KH')}`;
      const before = roads.routed;
      const line = await app.request('GET', url, { token: app.token('dispatcher') });
      expect(line.body.road).toBe(true);
      expect(line.body.coordinates).toHaveLength(3);
      await app.request('GET', url, { token: app.token('dispatcher') });
      expect(roads.routed - before).toBe(1);
    } finally {
      await app.close();
    }
  });
});
