import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { vehiclePlans } from '../../db/schema';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

describeEachDriver('dispatcher overrides', (driver) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(() => app.close());

  const dispatcher = () => app.token('dispatcher');
  let callers = 0;
  /** Booked by the dispatcher for a new phone caller each time, so no rider hits the active-booking limit. */
  const book = async (time: string, extra: Record<string, unknown> = {}) => {
    callers += 1;
    const res = await app.request('POST', '/v1/bookings', {
      token: app.token('dispatcher'),
      body: { rider: { name: `Anna Caller${callers}`, phone: `+49 6561 77${String(callers).padStart(4, '0')}` }, pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: `2026-12-01T${time}:00+01:00`, seats: 1, ...extra },
    });
    expect(res.body.status).toBe('offered');
    return (await app.repos.bookings.findById(res.body.id))!;
  };
  const planOf = async (shiftId: string) => (await app.repos.fleet.plansForShifts([shiftId]))[0];
  const otherBus = async (vehicleId: string) => (await app.repos.areas.vehicles(app.demo.areaId)).find((v) => v.id !== vehicleId && v.inService)!;

  it('is for dispatchers and admins only', async () => {
    for (const role of ['rider', 'driver'] as const) {
      const token = app.token(role);
      expect((await app.request('GET', '/v1/dispatch/overview', { token })).status).toBe(403);
      expect((await app.request('POST', `/v1/dispatch/bookings/${crypto.randomUUID()}/assign`, { token, body: { vehicleId: crypto.randomUUID() } })).status).toBe(403);
      expect((await app.request('PUT', `/v1/dispatch/vehicles/${crypto.randomUUID()}/sequence`, { token, body: { stops: [] } })).status).toBe(403);
      expect((await app.request('POST', `/v1/dispatch/vehicles/${crypto.randomUUID()}/out-of-service`, { token, body: { reason: 'x' } })).status).toBe(403);
    }
    expect((await app.request('GET', '/v1/dispatch/overview', { token: app.token('admin') })).status).toBe(200);
  });

  // Runs before any forced plan exists: a forced plan keeps failing checks until a dispatcher fixes it.
  it('re-orders the remaining stops: same set required, checked, forceable', async () => {
    const a = await book('14:00');
    const shiftId = a.shiftId!;
    const plan = await planOf(shiftId);
    const url = `/v1/dispatch/vehicles/${a.vehicleId}/sequence`;
    const stops = plan.stops.map(({ bookingId, kind }) => ({ bookingId, kind }));
    const same = await app.request('PUT', url, { token: dispatcher(), body: { stops, reason: 're-timed' } });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(plan.version + 1);

    const missing = await app.request('PUT', url, { token: dispatcher(), body: { stops: stops.slice(1) } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('stops');

    const i = stops.findIndex((s) => s.bookingId === a.id && s.kind === 'pickup');
    const j = stops.findIndex((s) => s.bookingId === a.id && s.kind === 'dropoff');
    const swapped = stops.map((s, k) => (k === i ? stops[j] : k === j ? stops[i] : s));
    const bad = await app.request('PUT', url, { token: dispatcher(), body: { stops: swapped } });
    expect(bad.status).toBe(422);
    expect(bad.body.violations.some((v: { rule: string; requestId: string }) => v.rule === 'structure' && v.requestId === a.id)).toBe(true);
    expect((await planOf(shiftId)).version).toBe(plan.version + 1);

    const forcedSwap = await app.request('PUT', url, { token: dispatcher(), body: { stops: swapped, force: true, reason: 'try' } });
    expect(forcedSwap.status).toBe(422);
    const first = [...stops.filter((s) => s.bookingId === a.id), ...stops.filter((s) => s.bookingId !== a.id)];
    const last = [...stops.filter((s) => s.bookingId !== a.id), ...stops.filter((s) => s.bookingId === a.id)];
    const order = JSON.stringify(first) === JSON.stringify(stops) ? last : first;
    const refused = await app.request('PUT', url, { token: dispatcher(), body: { stops: order } });
    if (refused.status === 422) {
      const forced = await app.request('PUT', url, { token: dispatcher(), body: { stops: order, force: true, reason: 'driver knows a shortcut' } });
      expect(forced.status, JSON.stringify(forced.body)).toBe(200);
      expect(forced.body.forced).toBe(true);
      expect(forced.body.stops.map((s: { bookingId: string; kind: string }) => ({ bookingId: s.bookingId, kind: s.kind }))).toEqual(order);
    }
  });

  it('assigns a booking to another bus when it fits, and logs who did it', async () => {
    const booking = await book('10:00');
    const target = await otherBus(booking.vehicleId!);
    const res = await app.request('POST', `/v1/dispatch/bookings/${booking.id}/assign`, { token: dispatcher(), body: { vehicleId: target.id, reason: 'Stammfahrer' } });
    expect(res.status).toBe(200);
    const moved = (await app.repos.bookings.findById(booking.id))!;
    expect(moved.vehicleId).toBe(target.id);
    expect((await planOf(moved.shiftId!)).stops.filter((s) => s.bookingId === booking.id).map((s) => s.kind)).toEqual(['pickup', 'dropoff']);
    expect((await planOf(booking.shiftId!)).stops.some((s) => s.bookingId === booking.id)).toBe(false);
    const event = (await app.repos.events.forBooking(booking.id)).at(-1)!;
    expect(event).toMatchObject({ kind: 'dispatch.assigned', reason: 'Stammfahrer', actorId: app.demo.users.find((u) => u.role === 'dispatcher')!.userId });
  });

  it('keeps a ride on the bus already on its way to its pickup: 409 booking-committed, nothing moved', async () => {
    const booking = await book('10:30');
    const plan = await planOf(booking.shiftId!);
    const pickupAt = plan.stops.findIndex((s) => s.bookingId === booking.id && s.kind === 'pickup');
    // As after the driver's `departed` towards that pickup: the stops up to it are fixed.
    await app.database.db.update(vehiclePlans).set({ committedStops: pickupAt + 1, version: plan.version + 1 }).where(eq(vehiclePlans.shiftId, booking.shiftId!));
    const target = await otherBus(booking.vehicleId!);
    const res = await app.request('POST', `/v1/dispatch/bookings/${booking.id}/assign`, { token: dispatcher(), body: { vehicleId: target.id, reason: 'Stammfahrer' } });
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/booking-committed$/);
    expect((await app.repos.bookings.findById(booking.id))!.shiftId).toBe(booking.shiftId);
    expect((await planOf(booking.shiftId!)).stops.filter((s) => s.bookingId === booking.id)).toHaveLength(2);
  });

  it('refuses an infeasible assignment with the violations, and applies it when forced with a reason', async () => {
    const full = await book('09:00', { seats: 8 });
    // The full bus may take one more rider after the group; the next goes to another bus.
    let second = await book('09:00');
    for (let i = 0; i < 4 && second.vehicleId === full.vehicleId; i += 1) second = await book('09:00');
    expect(second.vehicleId).not.toBe(full.vehicleId);
    const url = `/v1/dispatch/bookings/${second.id}/assign`;
    const refused = await app.request('POST', url, { token: dispatcher(), body: { vehicleId: full.vehicleId } });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toMatch(/assignment-infeasible$/);
    expect(refused.body.errors.length).toBeGreaterThan(0);
    expect(refused.body.errors[0].field).toBe('vehicleId');
    expect(refused.body.violations.map((v: { rule: string }) => v.rule)).toEqual(expect.arrayContaining([expect.stringMatching(/capacity|time_window|ride_time/)]));
    expect((await app.repos.bookings.findById(second.id))!.vehicleId).toBe(second.vehicleId);

    const noReason = await app.request('POST', url, { token: dispatcher(), body: { vehicleId: full.vehicleId, force: true } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const forced = await app.request('POST', url, { token: dispatcher(), body: { vehicleId: full.vehicleId, force: true, reason: 'Rider travels with the group' } });
    expect(forced.status).toBe(200);
    const moved = (await app.repos.bookings.findById(second.id))!;
    expect(moved.vehicleId).toBe(full.vehicleId);
    expect((await planOf(moved.shiftId!)).stops.filter((s) => s.bookingId === second.id)).toHaveLength(2);
    const event = (await app.repos.events.forBooking(second.id)).at(-1)!;
    expect(event.data).toMatchObject({ forced: true });
    expect((event.data as { violations: unknown[] }).violations.length).toBeGreaterThan(0);
  });

  it('a lock keeps the booking on its bus', async () => {
    const booking = await book('11:00');
    const locked = await app.request('POST', `/v1/dispatch/bookings/${booking.id}/lock`, { token: dispatcher(), body: { reason: 'same driver as usual' } });
    expect(locked.status).toBe(200);
    expect(locked.body.locked).toBe(true);
    const target = await otherBus(booking.vehicleId!);
    const moved = await app.request('POST', `/v1/dispatch/bookings/${booking.id}/assign`, { token: dispatcher(), body: { vehicleId: target.id } });
    expect(moved.status).toBe(409);
    expect(moved.body.type).toMatch(/booking-locked$/);
    // More bookings around the same time are planned around it, never moving it.
    for (let i = 0; i < 3; i += 1) await book(`11:0${i}`);
    expect((await app.repos.bookings.findById(booking.id))!.vehicleId).toBe(booking.vehicleId);
    expect((await planOf(booking.shiftId!)).stops.filter((s) => s.bookingId === booking.id)).toHaveLength(2);
    const unlocked = await app.request('POST', `/v1/dispatch/bookings/${booking.id}/unlock`, { token: dispatcher(), body: {} });
    expect(unlocked.body.locked).toBe(false);
  });

  it('works around a ride that was cancelled while its bus\u2019s plan still names it', async () => {
    const kept = await book('16:00');
    const gone = await book('16:10');
    if (gone.vehicleId !== kept.vehicleId) {
      expect((await app.request('POST', `/v1/dispatch/bookings/${gone.id}/assign`, { token: dispatcher(), body: { vehicleId: kept.vehicleId } })).status).toBe(200);
    }
    // The cancellation committed; the plan edit after it did not.
    await app.repos.bookings.transition(gone.id, ['offered'], { status: 'cancelled' }, { kind: 'booking.cancelled' });
    const plan = await planOf(kept.shiftId!);
    expect(plan.stops.some((s) => s.bookingId === gone.id)).toBe(true);

    const overview = await app.request('GET', '/v1/dispatch/overview', { token: dispatcher() });
    const shown = overview.body.buses.flatMap((b: { shifts: Array<{ shiftId: string; stops: Array<{ bookingId: string }> }> }) => b.shifts)
      .find((s: { shiftId: string }) => s.shiftId === kept.shiftId).stops.map((s: { bookingId: string }) => s.bookingId);
    expect(shown).toContain(kept.id);
    expect(shown).not.toContain(gone.id);

    // The dispatcher re-orders what the desk shows; the left-over stops go with it.
    const stops = plan.stops.filter((s) => s.bookingId !== gone.id).map(({ bookingId, kind }) => ({ bookingId, kind }));
    const res = await app.request('PUT', `/v1/dispatch/vehicles/${kept.vehicleId}/sequence`, { token: dispatcher(), body: { stops } });
    expect(res.status).toBe(200);
    expect((await planOf(kept.shiftId!)).stops.some((s) => s.bookingId === gone.id)).toBe(false);
  });

  it('unassigns a booking: it stays promised and shows as needing attention', async () => {
    const booking = await book('12:00');
    const res = await app.request('POST', `/v1/dispatch/bookings/${booking.id}/unassign`, { token: dispatcher(), body: { reason: 'rider calls back' } });
    expect(res.status).toBe(200);
    const after = (await app.repos.bookings.findById(booking.id))!;
    // Held by the dispatcher: re-optimisation leaves it off the buses.
    expect([after.status, after.vehicleId, after.shiftId, after.locked]).toEqual(['offered', null, null, true]);
    expect((await planOf(booking.shiftId!)).stops.some((s) => s.bookingId === booking.id)).toBe(false);
    const overview = await app.request('GET', '/v1/dispatch/overview', { token: dispatcher() });
    expect(overview.body.bookings.needingAttention.map((b: { id: string }) => b.id)).toContain(booking.id);

    // The dispatcher assigns it again (to the bus it came from), without being told it is locked; it is not locked to the bus.
    const assigned = await app.request('POST', `/v1/dispatch/bookings/${booking.id}/assign`, { token: dispatcher(), body: { vehicleId: booking.vehicleId } });
    expect(assigned.status).toBe(200);
    expect(assigned.body.locked).toBe(false);
  });
});
