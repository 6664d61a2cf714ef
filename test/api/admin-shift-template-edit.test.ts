import { desc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { events } from '../../db/schema';
import { describeEachDriver } from '../support/databases';
import { daunCountyPerSuite, daunRide, DESK_CALLER } from './support/county';

/**
 * Changing a weekly shift template: the planned shifts it made change with it, and no planned ride is
 * dropped silently (test clock: Tuesday 1 December 2026, 06:00 in Berlin; the county's bus runs daily 05:00–23:00).
 */
describeEachDriver('operator API: changing a shift template', (driver) => {
  const suite = daunCountyPerSuite(driver);
  const book = async (departAfter: string) => {
    const res = await suite.app.request('POST', '/v1/bookings', { token: suite.app.token('dispatcher'), body: { ...daunRide(suite.app), departAfter, rider: DESK_CALLER } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('offered');
    return (await suite.app.repos.bookings.findById(res.body.id))!;
  };
  const patch = (templateId: string, body: Record<string, unknown>) => suite.app.request('PATCH', `/v1/admin/shift-templates/${templateId}`, { token: suite.admin, body });
  const shiftOn = async (vehicleId: string, day: string) => (await suite.app.repos.fleet.shiftsOfVehicle(vehicleId, new Date(`${day}T00:00:00+01:00`), new Date(`${day}T23:59:00+01:00`)))[0];
  const lastEvent = async (kind: string) => (await suite.app.database.db.select().from(events).where(eq(events.kind, kind)).orderBy(desc(events.id)).limit(1))[0];

  it('keeps planned stops out of a break added to the template: a ride whose window lies in it is listed, a new ride is planned around it', async () => {
    const inBreak = await book('2026-12-10T14:05:00+01:00');
    const res = await patch(suite.county.templateId, { breaks: [{ from: '14:00', to: '14:30' }], reason: 'Pause' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.unplaceable.map((u: { bookingId: string }) => u.bookingId)).toEqual([inBreak.id]);
    const thursday = await shiftOn(suite.county.vehicleId, '2026-12-10');
    expect(res.body.shiftsChanged).toContain(thursday.id);
    expect(thursday.breaks).toEqual([{ startAt: '2026-12-10T13:00:00.000Z', endAt: '2026-12-10T13:30:00.000Z' }]);
    // A ride asked for near the break's end: it is picked up after the break, and no stop of the plan is served inside it.
    const around = await book('2026-12-10T14:25:00+01:00');
    expect(around.shiftId).toBe(thursday.id);
    const [plan] = await suite.app.repos.fleet.plansForShifts([thursday.id]);
    expect(plan.stops.map((s) => s.bookingId)).toEqual([around.id, around.id]);
    for (const stop of plan.stops) {
      const at = Date.parse(stop.plannedAt);
      expect(at < Date.parse('2026-12-10T13:00:00Z') || at >= Date.parse('2026-12-10T13:30:00Z'), `${stop.kind} at ${stop.plannedAt}`).toBe(true);
    }
    expect(plan.stops[0].plannedAt).toBe('2026-12-10T13:30:00.000Z');
  });

  it('moves the planned shifts to the new hours; a ride that still fits stays on its shift, re-timed; the running shift keeps its hours', async () => {
    const ride = await book('2026-12-02T15:00:00+01:00');
    const wednesday = await shiftOn(suite.county.vehicleId, '2026-12-02');
    expect(ride.shiftId).toBe(wednesday.id);
    const res = await patch(suite.county.templateId, { start: '11:00', reason: 'Winterfahrplan' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ reassigned: [], unplaceable: [], shiftsCancelled: [], shiftsAdded: 0 });
    expect(res.body.template.startTime).toBe('11:00');
    expect(res.body.shiftsChanged).toContain(wednesday.id);
    expect((await shiftOn(suite.county.vehicleId, '2026-12-02')).startAt.toISOString()).toBe('2026-12-02T10:00:00.000Z');
    // Today's shift began at 05:00 and keeps that.
    expect((await shiftOn(suite.county.vehicleId, '2026-12-01')).startAt.toISOString()).toBe('2026-12-01T04:00:00.000Z');
    expect((await suite.app.repos.bookings.findById(ride.id))!.shiftId).toBe(wednesday.id);
    const logged = await lastEvent('admin.shift_template_updated');
    expect(logged).toMatchObject({ reason: 'Winterfahrplan', vehicleId: suite.county.vehicleId, data: { templateId: suite.county.templateId, changes: { start: '11:00' } } });
  });

  it('lists a ride no bus can take any more when the hours shrink past it (answer, event log, booking history), never dropping it silently', async () => {
    const ride = await book('2026-12-03T12:00:00+01:00');
    const res = await patch(suite.county.templateId, { start: '14:00', reason: 'Fahrer erst ab 14 Uhr' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.unplaceable.map((u: { bookingId: string }) => u.bookingId)).toContain(ride.id);
    const after = (await suite.app.repos.bookings.findById(ride.id))!;
    expect(after.shiftId).toBeNull();
    const history = await suite.app.repos.events.forBooking(ride.id);
    expect(history.at(-1)).toMatchObject({ kind: 'booking.unplaceable', reason: 'Fahrer erst ab 14 Uhr' });
    const logged = await lastEvent('admin.shift_template_updated');
    expect((logged.data as { unplaceable: Array<{ bookingId: string }> }).unplaceable.map((u) => u.bookingId)).toContain(ride.id);
  });

  it('moves a ride that no longer fits to another bus within its promise, and cancels the shifts of a weekday given up', async () => {
    const second = await suite.app.request('POST', `/v1/admin/areas/${suite.county.areaId}/vehicles`, { token: suite.admin, body: { label: 'DAU-RB 2', seats: 8, depotStopId: suite.county.stopIds['DAU-BF'] } });
    expect(second.status).toBe(201);
    const secondTemplate = await suite.app.request('POST', `/v1/admin/vehicles/${second.body.id}/shift-templates`, { token: suite.admin, body: { weekdays: [1, 2, 3, 4, 5, 6, 7], start: '05:00', end: '23:00' } });
    expect(secondTemplate.status).toBe(201);
    const ride = await book('2026-12-04T16:00:00+01:00');
    const templateOfRide = ride.vehicleId === suite.county.vehicleId ? suite.county.templateId : secondTemplate.body.id;
    const otherVehicle = ride.vehicleId === suite.county.vehicleId ? second.body.id : suite.county.vehicleId;
    const friday = await shiftOn(ride.vehicleId!, '2026-12-04');
    const saturday = await shiftOn(ride.vehicleId!, '2026-12-05');

    const res = await patch(templateOfRide, { end: '15:00', weekdays: [1, 2, 3, 4, 5, 7], reason: 'Kürzere Schicht' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.unplaceable).toEqual([]);
    expect(res.body.reassigned).toEqual([expect.objectContaining({ bookingId: ride.id, vehicleId: otherVehicle })]);
    const planned = Date.parse(res.body.reassigned[0].plannedPickupAt);
    expect(planned).toBeGreaterThanOrEqual(ride.promisedPickupFrom!.getTime());
    expect(planned).toBeLessThanOrEqual(ride.promisedPickupTo!.getTime());
    expect(res.body.shiftsChanged).toContain(friday.id);
    expect(res.body.shiftsCancelled).toContain(saturday.id);
    expect(await shiftOn(ride.vehicleId!, '2026-12-05')).toBeUndefined();
    expect((await shiftOn(ride.vehicleId!, '2026-12-04')).endAt.toISOString()).toBe('2026-12-04T14:00:00.000Z');
    expect((await suite.app.repos.fleet.plansForShifts([friday.id]))[0].stops).toEqual([]);
    // The weekday comes back: its shifts are made again over the horizon.
    const back = await patch(templateOfRide, { weekdays: [1, 2, 3, 4, 5, 6, 7], reason: 'Samstag wieder' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.shiftsAdded).toBeGreaterThan(0);
  });

  it('refuses a change without a reason, with nothing to change, with hours the wrong way round or a break outside the shift, naming the field', async () => {
    const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ end: '22:00' }, 'reason'],
      [{ reason: 'nichts' }, 'weekdays'],
      [{ end: '04:00', reason: 'x' }, 'end'],
      [{ breaks: [{ from: '04:00', to: '04:30' }], reason: 'x' }, 'breaks.0'],
      [{ breaks: [{ from: '12:00', to: '12:30' }, { from: '12:15', to: '13:00' }], reason: 'x' }, 'breaks.1'],
      [{ startDepotStopId: suite.app.stopId('RIT-KI'), reason: 'x' }, 'startDepotStopId'],
    ];
    for (const [body, field] of cases) {
      const res = await patch(suite.county.templateId, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(fieldsOf(res.body)).toContain(field);
    }
    expect((await patch('00000000-0000-4000-8000-000000000000', { end: '22:00', reason: 'x' })).status).toBe(404);
  });

  it('refuses a new template whose break lies outside its hours or overlaps another, naming the break', async () => {
    const add = (breaks: Array<{ from: string; to: string }>) => suite.app.request('POST', `/v1/admin/vehicles/${suite.county.vehicleId}/shift-templates`, { token: suite.admin, body: { weekdays: [6], start: '06:00', end: '10:00', breaks, reason: 'x' } });
    for (const [breaks, field] of [
      [[{ from: '05:30', to: '06:30' }], 'breaks.0'],
      [[{ from: '07:00', to: '07:30' }, { from: '09:45', to: '10:15' }], 'breaks.1'],
      [[{ from: '07:00', to: '07:30' }, { from: '07:15', to: '07:45' }], 'breaks.0'],
    ] as const) {
      const res = await add([...breaks]);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});
