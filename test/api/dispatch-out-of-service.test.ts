import { afterAll, beforeAll, expect, it } from 'vitest';
import { StraightLineEstimate } from '../../routing/travel-times';
import type { Booking } from '../../src/data-access/bookings-repository';
import { buildStopMatrix } from '../../src/domain/dispatch/stop-matrix';
import { describeEachDriver } from '../support/databases';
import { startTestApp, TEST_NOW, type TestApp } from '../support/test-app';

describeEachDriver('a bus breaks down mid-day', (driver) => {
  let app: TestApp;
  let callers = 0;
  const book = async (time: string, from: string, to: string, seats = 1, day = '2026-12-01') => {
    callers += 1;
    const res = await app.request('POST', '/v1/bookings', {
      token: app.token('dispatcher'),
      body: { rider: { name: `Karl Anrufer${callers}`, phone: `+49 6551 55${String(callers).padStart(4, '0')}` }, pickup: { stopId: app.stopId(from) }, dropoff: { stopId: app.stopId(to) }, departAfter: `${day}T${time}:00+01:00`, seats },
    });
    return (await app.repos.bookings.findById(res.body.id))!;
  };

  beforeAll(async () => {
    app = await startTestApp(driver, { env: { AREA_CACHE_TTL_MS: '600000' } });
  });
  afterAll(() => app.close());

  it('re-dispatches future riders, keeps riders on board, lists the unplaceable, breaks no promise', async () => {
    const a = await book('07:00', 'RIT-KI', 'BIT-KH');
    const b = await book('07:05', 'RIT-KI', 'BIT-KH');
    const broken = (await app.repos.fleet.findVehicle(a.vehicleId!))!;
    // Full buses at 09:00 until the fleet is saturated: the broken bus's group cannot move anywhere.
    const groups: Booking[] = [];
    for (let i = 0; i < 8 && !groups.some((g) => g.status === 'rejected'); i += 1) groups.push(await book('09:00', 'DAS-BR', 'OLZ-KI', 8));
    for (const [time, from, to] of [['10:00', 'BIT-ZOB', 'SPE-MKT'], ['11:30', 'RIT-KI', 'BIT-MKT'], ['13:00', 'BIT-KH', 'NAT-KI'], ['15:00', 'DUD-KI', 'BIT-ZOB']]) await book(time, from, to);
    // A rider of the next day on the same bus (put there by the dispatcher if the planner chose another).
    const tomorrow = await book('08:00', 'PRM-KH', 'BIT-KH', 1, '2026-12-02');
    // And one who cancelled, though the bus's plan still names them (the plan edit after it failed).
    const cancelled = await book('10:00', 'PRM-KH', 'BIT-KH', 1, '2026-12-02');
    for (const booking of [tomorrow, cancelled]) {
      if (booking.vehicleId === broken.id) continue;
      const assigned = await app.request('POST', `/v1/dispatch/bookings/${booking.id}/assign`, { token: app.token('dispatcher'), body: { vehicleId: broken.id } });
      expect(assigned.status).toBe(200);
    }
    await app.repos.bookings.transition(cancelled.id, ['offered'], { status: 'cancelled' }, { kind: 'booking.cancelled' });

    // The driver of the broken bus carries A (and B, when pooled) first.
    const token = app.demo.users.find((u) => u.role === 'driver' && u.vehicleLabel === broken.label)!.token;
    const send = async (body: Record<string, unknown>) => {
      const [plan] = await app.repos.fleet.plansForShifts([a.shiftId!]);
      const res = await app.request('POST', '/v1/driver/events', { token, body: { planVersion: plan.version, ...body } });
      expect(res.status).toBe(201);
    };
    app.clock.now = new Date(a.promisedPickupFrom!.getTime() + 60_000);
    await send({ type: 'departed', clientEventId: 'd1', stopId: broken.depotStopId });
    await send({ type: 'picked_up', clientEventId: 'p1', bookingId: a.id });
    const pooled = b.shiftId === a.shiftId;
    if (pooled) await send({ type: 'picked_up', clientEventId: 'p2', bookingId: b.id });
    await send({ type: 'departed', clientEventId: 'd2', stopId: a.pickupStopId });
    app.clock.now = new Date(app.clock.now.getTime() + 15 * 60_000);
    await send({ type: 'dropped_off', clientEventId: 'x1', bookingId: a.id });

    const kpis = (await app.request('GET', '/v1/dispatch/overview', { token: app.token('dispatcher') })).body.kpis;
    expect(kpis.served).toBe(1);
    expect(kpis.pooledShare).toBe(pooled ? 1 : 0);
    expect(kpis.punctuality).toBe(1);
    expect(kpis.drivenKm).toBeGreaterThan(0);
    expect(kpis.rejected).toBe((await app.repos.bookings.countByStatus()).rejected ?? 0);
    expect(kpis.rejected).toBeGreaterThan(0);

    const brokenShifts = await app.repos.fleet.shiftsOfVehicle(broken.id, app.clock.now, new Date('2026-12-31'));
    const brokenPlans = await app.repos.fleet.plansForShifts(brokenShifts.map((s) => s.id));
    const onBus = await app.repos.bookings.findByIds([...new Set(brokenPlans.flatMap((p) => p.stops.map((s) => s.bookingId)))]);
    const future = onBus.filter((x) => ['offered', 'confirmed', 'assigned'].includes(x.status));
    expect(future.length).toBeGreaterThan(0);
    expect(onBus.map((x) => x.id)).toContain(cancelled.id);
    expect(future.map((x) => x.id), 'the next day\'s rider is among them').toContain(tomorrow.id);

    const res = await app.request('POST', `/v1/dispatch/vehicles/${broken.id}/out-of-service`, { token: app.token('dispatcher'), body: { reason: 'Kupplung defekt' } });
    expect(res.status).toBe(200);
    expect(res.body.onBoard.sort()).toEqual(onBus.filter((x) => x.status === 'on_board').map((x) => x.id).sort());
    expect(res.body.reassigned.length, 'some rider moves to another bus').toBeGreaterThan(0);
    expect(res.body.unplaceable.length, 'the group at the saturated hour cannot move').toBeGreaterThan(0);
    const moved = new Set(res.body.reassigned.map((r: { bookingId: string }) => r.bookingId));
    const lost = new Set(res.body.unplaceable.map((r: { bookingId: string }) => r.bookingId));
    expect(new Set([...moved, ...lost])).toEqual(new Set(future.map((x) => x.id)));
    expect((await app.repos.bookings.findById(cancelled.id))!.status).toBe('cancelled');
    const group = groups.find((g) => g.vehicleId === broken.id);
    if (group) expect(lost.has(group.id)).toBe(true);

    expect((await app.repos.fleet.findVehicle(broken.id))).toMatchObject({ inService: false, outOfServiceReason: 'Kupplung defekt' });
    const cachedBus = async () => (await app.areaCache.vehicles(app.demo.areaId)).find((v) => v.id === broken.id)!;
    expect(await cachedBus(), 'booking requests no longer count the bus').toMatchObject({ inService: false });
    for (const after of await app.repos.fleet.plansForShifts(brokenShifts.map((s) => s.id))) {
      expect(after.stops.every((s) => res.body.onBoard.includes(s.bookingId) && s.kind === 'dropoff')).toBe(true);
    }
    for (const x of await app.repos.bookings.findByIds(future.map((f) => f.id))) {
      const before = future.find((f) => f.id === x.id)!;
      expect(x.status).toBe(before.status);
      if (lost.has(x.id)) {
        expect([x.vehicleId, x.shiftId]).toEqual([null, null]);
        expect((await app.repos.events.forBooking(x.id)).at(-1)).toMatchObject({ kind: 'booking.unplaceable', reason: 'Kupplung defekt' });
      } else {
        expect(x.vehicleId).not.toBe(broken.id);
        const [plan] = await app.repos.fleet.plansForShifts([x.shiftId!]);
        expect(plan.stops.filter((s) => s.bookingId === x.id).map((s) => s.kind)).toEqual(['pickup', 'dropoff']);
      }
    }
    await expectEveryPlanKeepsItsPromises();

    // Repaired: back on the road, logged; a second time is a conflict.
    const back = await app.request('POST', `/v1/dispatch/vehicles/${broken.id}/in-service`, { token: app.token('dispatcher'), body: { reason: 'Kupplung getauscht' } });
    expect(back.status).toBe(200);
    expect(await app.repos.fleet.findVehicle(broken.id)).toMatchObject({ inService: true, outOfServiceReason: null });
    expect(await cachedBus()).toMatchObject({ inService: true });
    const again = await app.request('POST', `/v1/dispatch/vehicles/${broken.id}/in-service`, { token: app.token('dispatcher') });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/vehicle-in-service/);
    const riderTry = await app.request('POST', `/v1/dispatch/vehicles/${broken.id}/in-service`, { token: app.token('rider') });
    expect(riderTry.status).toBe(403);
  });

  /** Independent of the solver: windows, order and straight-line travel between consecutive planned stops. */
  async function expectEveryPlanKeepsItsPromises() {
    const vehicles = await app.repos.areas.vehicles(app.demo.areaId);
    const shifts = (await Promise.all(vehicles.map((v) => app.repos.fleet.shiftsOfVehicle(v.id, TEST_NOW, new Date(TEST_NOW.getTime() + 20 * 3600_000))))).flat();
    const stops = await app.repos.areas.allStops(app.demo.areaId);
    const matrix = await buildStopMatrix(new StraightLineEstimate(), stops);
    const travelS = (from: string, to: string) => matrix.durationS[matrix.nodeOf.get(from)! * stops.length + matrix.nodeOf.get(to)!];
    let checked = 0;
    for (const plan of await app.repos.fleet.plansForShifts(shifts.map((s) => s.id))) {
      const bookings = new Map((await app.repos.bookings.findByIds(plan.stops.map((s) => s.bookingId))).map((x) => [x.id, x]));
      plan.stops.forEach((stop, k) => {
        const booking = bookings.get(stop.bookingId)!;
        const at = Date.parse(stop.plannedAt);
        expect(booking.shiftId, `booking ${booking.id} is on the plan of its shift`).toBe(plan.shiftId);
        if (stop.kind === 'pickup') {
          expect(at).toBeGreaterThanOrEqual(booking.promisedPickupFrom!.getTime());
          expect(at).toBeLessThanOrEqual(booking.promisedPickupTo!.getTime());
          expect(plan.stops.findIndex((s) => s.bookingId === stop.bookingId && s.kind === 'dropoff')).toBeGreaterThan(k);
        } else {
          expect(at).toBeLessThanOrEqual(booking.promisedLatestArrival!.getTime());
        }
        if (k > 0) expect(at - Date.parse(plan.stops[k - 1].plannedAt)).toBeGreaterThanOrEqual(travelS(plan.stops[k - 1].stopId, stop.stopId) * 1000 - 1000);
        checked += 1;
      });
    }
    expect(checked).toBeGreaterThan(0);
  }
});
