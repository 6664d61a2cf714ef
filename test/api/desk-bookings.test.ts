import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phonePrefixOf, usualTripsOf } from '../../src/domain/desk/rider-search';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

describe('phonePrefixOf', () => {
  it('reads every spelling of a number, or its start, as stored (E.164)', () => {
    expect(phonePrefixOf('06561 98765')).toBe('+49656198765');
    expect(phonePrefixOf('0049 (6561) 98765')).toBe('+49656198765');
    expect(phonePrefixOf('+49 6561/98')).toBe('+49656198');
    expect(phonePrefixOf('0656')).toBe('+49656');
    expect(phonePrefixOf('0049 65')).toBe('+4965');
    expect(phonePrefixOf('06')).toBeUndefined();
    expect(phonePrefixOf('Weber')).toBeUndefined();
  });
});

describe('usualTripsOf', () => {
  const count = (pickupStopId: string, dropoffStopId: string, localTime: string, n: number) =>
    ({ riderId: 'r', pickupStopId, dropoffStopId, timeMode: 'depart_after' as const, localTime, count: n });
  it('adds up a pair over its times and keeps its most frequent time', () => {
    const trips = usualTripsOf([count('a', 'b', '09:30', 3), count('c', 'd', '14:00', 2), count('a', 'b', '10:00', 2), count('e', 'f', '07:00', 1)], 2);
    expect(trips.map((t) => [t.pickupStopId, t.dropoffStopId, t.localTime, t.count])).toEqual([['a', 'b', '09:30', 5], ['c', 'd', '14:00', 2]]);
  });
});

describeEachDriver('the desk: callers, their usual trips, bookings and their history', (driver) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(() => app.close());

  const dispatcher = () => app.token('dispatcher');
  const book = async (rider: { name: string; phone: string }, from: string, to: string, time: string) => {
    const res = await app.request('POST', '/v1/bookings', {
      token: dispatcher(),
      body: { rider, pickup: { stopId: app.stopId(from) }, dropoff: { stopId: app.stopId(to) }, departAfter: `2026-12-0${time}:00+01:00`, seats: 1 },
    });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body as { id: string; riderId: string; status: string };
  };
  const riders = (q: string) => app.request('GET', `/v1/dispatch/riders?q=${encodeURIComponent(q)}`, { token: dispatcher() });

  it('is for dispatchers and admins only', async () => {
    for (const role of ['rider', 'driver'] as const) {
      expect((await app.request('GET', '/v1/dispatch/riders?q=0656', { token: app.token(role) })).status).toBe(403);
      expect((await app.request('GET', `/v1/dispatch/bookings/${crypto.randomUUID()}/history`, { token: app.token(role) })).status).toBe(403);
    }
    expect((await app.request('GET', '/v1/dispatch/riders?q=0656', { token: app.token('admin') })).status).toBe(200);
  });

  it('finds a caller by any spelling of the number, or by a name\'s start, with the usual trips', async () => {
    const caller = { name: 'Gertrud Schmitz', phone: '06561 880001' };
    await book(caller, 'RIT-KI', 'BIT-KH', '1T08:30');
    await book(caller, 'RIT-KI', 'BIT-KH', '2T08:30');
    await book(caller, 'BIT-KH', 'RIT-KI', '1T12:00');
    for (const typed of ['06561 880001', '+49 6561 880001', '0049 (6561) 88000', '0656188', 'Gertrud', 'schmi']) {
      const res = await riders(typed);
      expect(res.status).toBe(200);
      const found = res.body.items.find((r: { phone: string }) => r.phone === '+496561880001');
      expect(found, typed).toBeDefined();
      expect(found.name).toBe('Gertrud Schmitz');
    }
    const [found] = (await riders('06561 880001')).body.items;
    expect(found.usualTrips[0]).toMatchObject({ pickup: { code: 'RIT-KI', village: 'Rittersdorf' }, dropoff: { code: 'BIT-KH' }, timeMode: 'departAfter', time: '08:30', count: 2 });
    expect(found.usualTrips[1]).toMatchObject({ pickup: { code: 'BIT-KH' }, dropoff: { code: 'RIT-KI' }, time: '12:00', count: 1 });
  });

  it('takes % and _ as letters, and names the field of a bad query', async () => {
    expect((await riders('%%')).body.items).toEqual([]);
    expect((await riders('__')).body.items).toEqual([]);
    const missing = await app.request('GET', '/v1/dispatch/riders', { token: dispatcher() });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.body.errors[0].field).toBe('q');
    const extra = await app.request('GET', '/v1/dispatch/riders?q=abc&x=1', { token: dispatcher() });
    expect(extra.status).toBe(400);
    expect(extra.body.errors[0].field).toBe('x');
  });

  it('tells a booking\'s history: who did what, when and why', async () => {
    const booking = await book({ name: 'Hans Kremer', phone: '06561 880002' }, 'NAT-KI', 'BIT-ZOB', '1T10:00');
    const cancel = await app.request('POST', `/v1/bookings/${booking.id}/cancel`, { token: dispatcher(), body: { reason: 'Anrufer fährt mit dem Sohn' } });
    expect(cancel.status).toBe(200);
    const res = await app.request('GET', `/v1/dispatch/bookings/${booking.id}/history`, { token: dispatcher() });
    expect(res.status).toBe(200);
    const kinds = res.body.items.map((e: { kind: string }) => e.kind);
    expect(kinds[0]).toBe('booking.requested');
    expect(kinds.at(-1)).toBe('booking.cancelled');
    const desk = app.demo.users.find((u) => u.role === 'dispatcher')!;
    expect(res.body.items[0].actor).toEqual({ id: desk.userId, name: desk.name, role: 'dispatcher' });
    expect(res.body.items.at(-1)).toMatchObject({ actor: { role: 'dispatcher' }, reason: 'Anrufer fährt mit dem Sohn' });
    const decided = res.body.items.find((e: { kind: string }) => e.kind === 'booking.offered' || e.kind === 'booking.rejected');
    expect(decided.actor).toBeNull();
    expect(decided.kind).toBe('booking.offered');
    expect(decided.vehicle.label).toMatch(/\S/);
    for (const e of res.body.items) expect(Date.parse(e.at)).not.toBeNaN();
    expect((await app.request('GET', `/v1/dispatch/bookings/${crypto.randomUUID()}/history`, { token: dispatcher() })).status).toBe(404);
    expect((await app.request('GET', '/v1/dispatch/bookings/not-an-id/history', { token: dispatcher() })).status).toBe(404);
  });

  it('filters the bookings list by rider, village and a search, and names the rider for staff', async () => {
    const a = await book({ name: 'Irmgard Thiel', phone: '06561 880003' }, 'SEF-KI', 'KYL-BHF', '1T09:00');
    const b = await book({ name: 'Peter Thiel', phone: '06561 880004' }, 'WIS-KI', 'BIT-MKT', '1T09:15');
    const list = (query: string) => app.request('GET', `/v1/bookings?${query}`, { token: dispatcher() }).then((r) => {
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.items.map((i: { id: string }) => i.id) as string[];
    });
    expect(await list(`riderId=${a.riderId}`)).toEqual([a.id]);
    expect(await list('village=seffern')).toEqual([a.id]);
    expect(await list('village=Kyllburg')).toEqual([a.id]);
    expect(await list('q=thiel')).toEqual([a.id, b.id]);
    expect(await list('q=0656%20188%200004')).toEqual([b.id]);
    expect(await list('q=Wi%C3%9Fmannsdorf')).toEqual([b.id]);
    expect(await list('q=Thiel&status=rejected,cancelled')).toEqual([]);
    expect(await list('q=Thiel&day=2026-12-01')).toEqual([a.id, b.id]);
    expect(await list('q=Thiel&day=2026-12-02')).toEqual([]);
    const badDay = await app.request('GET', '/v1/bookings?day=1.12.2026', { token: dispatcher() });
    expect(badDay.status).toBe(400);
    expect(badDay.body.errors[0].field).toBe('day');
    const [item] = (await app.request('GET', `/v1/bookings?riderId=${b.riderId}`, { token: dispatcher() })).body.items;
    expect(item.rider).toEqual({ name: 'Peter Thiel', phone: '+496561880004' });
    expect((await app.request('GET', `/v1/bookings/${b.id}`, { token: dispatcher() })).body.rider.name).toBe('Peter Thiel');
    const bad = await app.request('GET', '/v1/bookings?riderId=nope', { token: dispatcher() });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('riderId');
  });

  it('pages through a filtered list', async () => {
    const caller = { name: 'Klara Pagen', phone: '06561 880005' };
    const ids = [];
    for (const time of ['1T11:00', '1T11:30', '1T12:00']) ids.push((await book(caller, 'BRE-KI', 'BIT-ZOB', time)).id);
    const first = await app.request('GET', '/v1/bookings?q=Pagen&limit=2', { token: dispatcher() });
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(0, 2));
    const second = await app.request('GET', `/v1/bookings?q=Pagen&limit=2&cursor=${first.body.nextCursor}`, { token: dispatcher() });
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(2));
    expect(second.body.nextCursor).toBeNull();
  });

  it('shows a rider only their own bookings, without the rider field', async () => {
    const res = await app.request('GET', '/v1/bookings?q=Thiel', { token: app.token('rider') });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });
});
