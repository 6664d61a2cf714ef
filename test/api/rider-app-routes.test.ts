import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

describe('what the rider app reads: areas, client settings, the bus on its way', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite', { env: { MAP_TILE_URL: '/tiles/{z}/{x}/{y}.png', MAP_ATTRIBUTION: '© OpenStreetMap contributors' } });
  });
  afterAll(() => app.close());

  it('lists the areas with hours, the rules a form can check, hotline, info page and bounds', async () => {
    expect((await app.request('GET', '/v1/areas')).status).toBe(401);
    const res = await app.request('GET', '/v1/areas', { token: app.token('rider') });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([{
      id: app.demo.areaId,
      name: 'Eifelkreis Bitburg-Prüm (Demo)',
      timeZone: 'Europe/Berlin',
      operatingHours: expect.objectContaining({ '1': [{ from: '05:30', to: '23:00' }] }),
      rules: { minLeadMin: 30, maxHorizonDays: 14, cancellationCutoffMin: 60, pickupWindowMin: 15, maxActiveBookingsPerRider: 10, maxSeats: expect.any(Number) },
      hotline: '+49 6561 15-0',
      infoUrl: 'https://www.bitburg-pruem.de',
      bounds: [6.11, 49.8, 6.74, 50.32],
    }]);
    const vehicles = await app.repos.areas.vehicles(app.demo.areaId);
    expect(res.body.items[0].rules.maxSeats).toBe(Math.max(...vehicles.map((v) => v.seats)));
  });

  it('gives the client settings to anyone', async () => {
    const res = await app.request('GET', '/v1/client-settings');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mapTileUrl: '/tiles/{z}/{x}/{y}.png', mapAttribution: '© OpenStreetMap contributors', smsDemo: true });
  });

  it('shows the bus\'s last position only while the ride is assigned and its pickup at most 30 minutes away', async () => {
    const rider = app.token('rider');
    const created = await app.request('POST', '/v1/bookings', {
      token: rider, body: { pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: '2026-12-01T10:00:00+01:00' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const eta = async () => (await app.request('GET', `/v1/bookings/${id}`, { token: rider })).body.eta;
    const booking = (await app.repos.bookings.findById(id))!;
    await app.repos.fleet.recordPosition(booking.vehicleId!, { lat: 49.95, lon: 6.5, at: new Date('2026-12-01T09:20:00+01:00') });

    const pickupAt = Date.parse((await eta()).pickupAt);
    const start = app.clock.now;
    try {
      app.clock.now = new Date(pickupAt - 29 * 60_000);
      expect((await eta()).bus, 'offered, not yet assigned').toBeNull();
      await app.repos.bookings.transition(id, ['offered'], { status: 'confirmed' }, { kind: 'booking.confirmed' });
      await app.repos.bookings.transition(id, ['confirmed'], { status: 'assigned' }, { kind: 'booking.assigned' });
      app.clock.now = new Date(pickupAt - 31 * 60_000);
      expect((await eta()).bus, '31 min before').toBeNull();
      app.clock.now = new Date(pickupAt - 29 * 60_000);
      expect((await eta()).bus).toEqual({ lat: 49.95, lon: 6.5, reportedAt: '2026-12-01T08:20:00.000Z' });
    } finally {
      app.clock.now = start;
    }
  });
});
