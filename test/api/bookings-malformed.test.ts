import { ANONYMOUS_RIDER_ID } from '../../db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFingerprint } from '../support/fingerprint';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('pglite');
});
afterAll(() => app.close());

const validBody = () => ({
  pickup: { stopId: app.stopId('BIT-ZOB') },
  dropoff: { stopId: app.stopId('SPE-MKT') },
  departAfter: '2026-12-01T10:00:00+01:00',
  seats: 1,
});

interface Case {
  name: string;
  status: number;
  type: string;
  field?: string;
  body?: () => unknown;
  rawBody?: () => string;
  headers?: Record<string, string>;
  as?: 'rider' | 'dispatcher' | 'driver' | 'none';
}

const cases: Case[] = [
  { name: 'seats as a string', status: 400, type: 'validation', field: 'seats', body: () => ({ ...validBody(), seats: '2' }) },
  { name: 'seats zero', status: 400, type: 'validation', field: 'seats', body: () => ({ ...validBody(), seats: 0 }) },
  { name: 'seats fractional', status: 400, type: 'validation', field: 'seats', body: () => ({ ...validBody(), seats: 1.5 }) },
  { name: 'negative wheelchairs', status: 400, type: 'validation', field: 'wheelchairs', body: () => ({ ...validBody(), wheelchairs: -1 }) },
  { name: 'missing pickup', status: 400, type: 'validation', field: 'pickup', body: () => ({ ...validBody(), pickup: undefined }) },
  { name: 'missing dropoff', status: 400, type: 'validation', field: 'dropoff', body: () => ({ ...validBody(), dropoff: undefined }) },
  { name: 'no time at all', status: 400, type: 'validation', field: 'departAfter', body: () => ({ ...validBody(), departAfter: undefined }) },
  { name: 'both departAfter and arriveBy', status: 400, type: 'validation', field: 'departAfter', body: () => ({ ...validBody(), arriveBy: '2026-12-01T11:00:00+01:00' }) },
  { name: 'time without offset', status: 400, type: 'validation', field: 'departAfter', body: () => ({ ...validBody(), departAfter: '2026-12-01T10:00:00' }) },
  { name: 'time not a date', status: 400, type: 'validation', field: 'departAfter', body: () => ({ ...validBody(), departAfter: 'tomorrow morning' }) },
  { name: 'stop id not a UUID', status: 400, type: 'validation', field: 'pickup.stopId', body: () => ({ ...validBody(), pickup: { stopId: 'BIT-ZOB' } }) },
  { name: 'latitude out of range', status: 400, type: 'validation', field: 'pickup.lat', body: () => ({ ...validBody(), pickup: { lat: 95, lon: 6.5 } }) },
  { name: 'coordinate missing lon', status: 400, type: 'validation', field: 'dropoff', body: () => ({ ...validBody(), dropoff: { lat: 49.9 } }) },
  { name: 'unknown top-level field', status: 400, type: 'validation', field: 'price', body: () => ({ ...validBody(), price: 3 }) },
  { name: 'unknown nested field', status: 400, type: 'validation', field: 'pickup.platform', body: () => ({ ...validBody(), pickup: { stopId: app.stopId('BIT-ZOB'), platform: 2 } }) },
  { name: 'note too long', status: 400, type: 'validation', field: 'note', body: () => ({ ...validBody(), note: 'x'.repeat(501) }) },
  { name: 'body is an array', status: 400, type: 'validation', field: '(body)', body: () => [validBody()] },
  { name: 'body is JSON null', status: 400, type: 'malformed-json', rawBody: () => 'null', headers: { 'content-type': 'application/json' } },
  { name: 'broken JSON', status: 400, type: 'malformed-json', rawBody: () => '{"pickup": {', headers: { 'content-type': 'application/json' } },
  { name: 'wrong content type', status: 415, type: 'unsupported-media-type', rawBody: () => JSON.stringify(validBody()), headers: { 'content-type': 'text/plain' } },
  { name: 'form-encoded body', status: 415, type: 'unsupported-media-type', rawBody: () => 'seats=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  { name: 'oversized body', status: 413, type: 'body-too-large', rawBody: () => JSON.stringify({ ...validBody(), note: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } },
  { name: 'bad Idempotency-Key', status: 400, type: 'validation', field: 'Idempotency-Key', body: validBody, headers: { 'idempotency-key': 'has spaces in it' } },
  { name: 'unknown stop', status: 422, type: 'unknown-stop', field: 'pickup.stopId', body: () => ({ ...validBody(), pickup: { stopId: '00000000-0000-4000-8000-000000000000' } }) },
  { name: 'pickup outside the area (Trier)', status: 422, type: 'outside-service-area', field: 'pickup', body: () => ({ ...validBody(), pickup: { lat: 49.7557, lon: 6.6394 } }) },
  { name: 'drop-off too far from any stop', status: 422, type: 'no-stop-nearby', field: 'dropoff', body: () => ({ ...validBody(), dropoff: { lat: 49.985, lon: 6.39 } }) },
  { name: 'same stop both ends', status: 422, type: 'same-stop', field: 'dropoff', body: () => ({ ...validBody(), dropoff: { stopId: app.stopId('BIT-ZOB') } }) },
  { name: 'in the past', status: 422, type: 'in-the-past', field: 'departAfter', body: () => ({ ...validBody(), departAfter: '2026-12-01T05:00:00+01:00' }) },
  { name: 'too early (lead time)', status: 422, type: 'lead-time', field: 'departAfter', body: () => ({ ...validBody(), departAfter: '2026-12-01T06:10:00+01:00' }) },
  { name: 'past the horizon', status: 422, type: 'horizon', field: 'arriveBy', body: () => ({ ...validBody(), departAfter: undefined, arriveBy: '2026-12-20T10:00:00+01:00' }) },
  { name: 'outside operating hours', status: 422, type: 'outside-operating-hours', field: 'departAfter', body: () => ({ ...validBody(), departAfter: '2026-12-02T02:00:00+01:00' }) },
  { name: 'more seats than any bus', status: 422, type: 'capacity', field: 'seats', body: () => ({ ...validBody(), seats: 9 }) },
  { name: 'more wheelchairs than any bus', status: 422, type: 'capacity', field: 'wheelchairs', body: () => ({ ...validBody(), wheelchairs: 2 }) },
  { name: 'wheelchair at an inaccessible stop', status: 422, type: 'stop-not-accessible', field: 'dropoff.stopId', body: () => ({ ...validBody(), wheelchairs: 1, dropoff: { stopId: app.stopId('HER-KI') } }) },
  { name: 'rider booking for someone else', status: 403, type: 'forbidden', body: () => ({ ...validBody(), rider: { name: 'Anna Weber', phone: '+49 6561 1234' } }) },
  { name: 'dispatcher without a caller', status: 400, type: 'validation', field: 'rider', as: 'dispatcher', body: validBody },
  { name: 'dispatcher with a bad phone', status: 400, type: 'validation', field: 'rider.phone', as: 'dispatcher', body: () => ({ ...validBody(), rider: { name: 'Anna Weber', phone: 'call me' } }) },
  { name: 'dispatcher with a phone longer than E.164 allows', status: 400, type: 'validation', field: 'rider.phone', as: 'dispatcher', body: () => ({ ...validBody(), rider: { name: 'Anna Weber', phone: '0531 05677285906' } }) },
  { name: 'dispatcher with an unknown rider id', status: 422, type: 'unknown-rider', field: 'riderId', as: 'dispatcher', body: () => ({ ...validBody(), riderId: '5b1f4a52-8c3e-4d7a-9f21-3e6b0c9d2a10' }) },
  // The rider that anonymised rides point at exists, but nobody may be booked as them.
  { name: 'dispatcher booking for the anonymous rider', status: 422, type: 'unknown-rider', field: 'riderId', as: 'dispatcher', body: () => ({ ...validBody(), riderId: ANONYMOUS_RIDER_ID }) },
  { name: 'dispatcher with a new caller but too early', status: 422, type: 'lead-time', as: 'dispatcher', body: () => ({ ...validBody(), departAfter: '2026-12-01T06:05:00+01:00', rider: { name: 'Anna Weber', phone: '+49 6561 1234' } }) },
  { name: 'no token', status: 401, type: 'unauthenticated', as: 'none', body: validBody },
  { name: 'driver may not book', status: 403, type: 'forbidden', as: 'driver', body: validBody },
];

describe('POST /v1/bookings with malformed requests', () => {
  it('has at least 30 kinds of malformed request', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$name → $status $type, database unchanged', async (c) => {
    const before = await databaseFingerprint(app.database.db);
    const as = c.as ?? 'rider';
    const res = await app.request('POST', '/v1/bookings', {
      token: as === 'none' ? undefined : app.token(as),
      body: c.body?.(),
      rawBody: c.rawBody?.(),
      headers: c.headers,
    });
    expect(res.status).toBe(c.status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toMatch(new RegExp(`/${c.type}$`));
    expect(res.body.status).toBe(c.status);
    expect(res.body.title).toEqual(expect.any(String));
    if (c.field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(c.field);
    expect(await databaseFingerprint(app.database.db)).toBe(before);
  });
});
