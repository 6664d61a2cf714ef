import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A driver's login tied to the buses they may drive: set by an admin on create and update, logged,
 * and held on the tablet's manifest and events (403 on a shift of another bus) from the next request.
 */
describeEachDriver('drivers tied to their buses', (driver) => {
  let app: TestApp;
  let admin: string;
  let driverToken: string;
  let driverId: string;
  let ownVehicleId: string;
  let otherVehicleId: string;
  let depotId: string;

  beforeAll(async () => {
    app = await startTestApp(driver);
    admin = app.token('admin');
    const booked = await app.request('POST', '/v1/bookings', {
      token: app.token('rider'),
      body: { pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: '2026-12-01T07:00:00+01:00', seats: 1 },
    });
    expect(booked.body.status).toBe('offered');
    const booking = (await app.repos.bookings.findById(booked.body.id))!;
    const vehicle = (await app.repos.fleet.findVehicle(booking.vehicleId!))!;
    ownVehicleId = vehicle.id;
    depotId = vehicle.depotStopId;
    otherVehicleId = (await app.repos.areas.vehicles(app.demo.areaId)).find((v) => v.id !== ownVehicleId)!.id;
    const demoDriver = app.demo.users.find((u) => u.role === 'driver' && u.vehicleLabel === vehicle.label)!;
    driverToken = demoDriver.token;
    driverId = demoDriver.userId;
  });
  afterAll(() => app?.close());

  const lastEvent = async (kind: string) => (await app.database.db.select().from(events).where(eq(events.kind, kind)).orderBy(desc(events.id)).limit(1))[0];
  const tie = (vehicleIds: string[], id = driverId) => app.request('PATCH', `/v1/admin/users/${id}`, { token: admin, body: { vehicleIds, reason: 'Dienstplan' } });
  const manifest = () => app.request('GET', '/v1/driver/manifest', { token: driverToken });
  const departed = (clientEventId: string, planVersion: number) => app.request('POST', '/v1/driver/events', {
    token: driverToken, body: { type: 'departed', clientEventId, planVersion, stopId: depotId },
  });

  it('creates a driver with their buses and lists them', async () => {
    const created = await app.request('POST', '/v1/admin/users', { token: admin, body: { role: 'driver', name: 'Fahrerin Neu', phone: '+49 6561 555-100', vehicleIds: [otherVehicleId, otherVehicleId] } });
    expect(created.status).toBe(201);
    expect(created.body.user.vehicleIds).toEqual([otherVehicleId]);
    const read = await app.request('GET', `/v1/admin/users/${created.body.user.id}`, { token: admin });
    expect(read.body.vehicleIds).toEqual([otherVehicleId]);
    const list = await app.request('GET', '/v1/admin/users', { token: admin });
    expect(list.body.items.find((u: { id: string }) => u.id === created.body.user.id).vehicleIds).toEqual([otherVehicleId]);
    const event = await lastEvent('admin.user_created');
    expect(event.data).toMatchObject({ userId: created.body.user.id, vehicleIds: [otherVehicleId] });
  });

  it('names the field when buses are given to a login that is not a driver, or a bus is unknown', async () => {
    const dispatcher = await app.request('POST', '/v1/admin/users', { token: admin, body: { role: 'dispatcher', name: 'Leitstelle', phone: '+49 6561 555-101', vehicleIds: [ownVehicleId] } });
    expect(dispatcher.status).toBe(400);
    expect(dispatcher.body.errors).toEqual([expect.objectContaining({ field: 'vehicleIds' })]);
    const unknown = await tie([ownVehicleId, '00000000-0000-4000-8000-00000000abcd']);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'vehicleIds.1' })]);
    const dispatcherId = app.demo.users.find((u) => u.role === 'dispatcher')!.userId;
    const notADriver = await tie([ownVehicleId], dispatcherId);
    expect(notADriver.status).toBe(400);
    expect(notADriver.body.errors).toEqual([expect.objectContaining({ field: 'vehicleIds' })]);
    expect((await app.repos.admin.findStaff(driverId))!.vehicleIds).toEqual([]);
  });

  it('refuses the manifest and events of a shift of another bus with 403, and lets them through once the bus is theirs', async () => {
    const untied = await manifest();
    expect(untied.status).toBe(200);
    const version = untied.body.version;

    const changed = await tie([otherVehicleId]);
    expect(changed.status).toBe(200);
    expect(changed.body.vehicleIds).toEqual([otherVehicleId]);
    const event = await lastEvent('admin.user_updated');
    expect(event).toMatchObject({ reason: 'Dienstplan', data: { userId: driverId, vehicleIds: [otherVehicleId] } });

    const refused = await manifest();
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.type).toMatch(/forbidden$/);
    const refusedEvent = await departed('tie-1', version);
    expect(refusedEvent.status).toBe(403);
    expect((await app.repos.fleet.plansForShifts([untied.body.shiftId]))[0].version).toBe(version);

    await tie([otherVehicleId, ownVehicleId]);
    expect((await manifest()).status).toBe(200);
    expect((await departed('tie-2', version)).status).toBe(201);

    await tie([]);
    expect((await manifest()).status).toBe(200);
  });
});
