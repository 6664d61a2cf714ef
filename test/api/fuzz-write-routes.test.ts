import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Router } from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf, type Db } from '../../db/client';
import { bookingsRouter } from '../../src/api/routes/bookings';
import { describeEachDriver } from '../support/databases';
import { databaseFingerprint } from '../support/fingerprint';
import { startTestApp, type TestApp } from '../support/test-app';
import { mutate, pick, seededRng, type FuzzRequest, type Rng } from './support/mutations';

const SEED = 20261201;
const MUTATIONS = 1000;

/** `METHOD /path` of every route that writes, read from the routers themselves. */
function writeRoutesOf(prefix: string, router: Router): string[] {
  const layers = router.stack as unknown as Array<{ route?: { path: string; methods: Record<string, boolean> } }>;
  return layers.flatMap(({ route }) =>
    route ? Object.keys(route.methods).filter((m) => !['get', 'head', 'options', '_all'].includes(m)).map((m) => `${m.toUpperCase()} ${prefix}${route.path === '/' ? '' : route.path}`) : [],
  );
}

/**
 * The next transaction id of the server. While it stands still no transaction has written anything,
 * so the full fingerprint (the slow part) is only taken when it moved.
 */
async function nextTransactionId(db: Db): Promise<string> {
  return rowsOf<{ x: string }>(await db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as x`))[0].x;
}

describeEachDriver('1,000 seeded mutations of valid requests to every write route', (driver) => {
  let app: TestApp;
  let fuzzed: TestApp;
  let routers: Array<{ path: string; router: Router }> = [];
  const bookingIds: string[] = [];
  const vehicleIds: string[] = [];
  let callers = 0;

  beforeAll(async () => {
    app = await startTestApp(driver);
    routers = [{ path: '/v1/bookings', router: bookingsRouter(app.service.ctx!) }, ...app.service.routes];
    for (const time of ['08:00', '09:30', '11:00', '13:30', '15:00', '16:30', '18:00', '19:30']) {
      const res = await app.request('POST', '/v1/bookings', { token: app.token('dispatcher'), body: newCallerBooking(`2026-12-02T${time}:00+01:00`) });
      expect(res.status).toBe(201);
      bookingIds.push(res.body.id);
    }
    vehicleIds.push(...(await app.repos.areas.vehicles(app.demo.areaId)).map((v) => v.id));
    // The mutations go to a second API process whose queues no worker serves (a Redis prefix of its
    // own): what a request enqueues stays queued, so the database changes only by the request itself
    // and "a 4xx leaves the database as it was" can be checked without a worker's write in between.
    fuzzed = await startTestApp(driver, { sameDatabaseAs: app, role: 'api', env: { REDIS_PREFIX: `test-${randomUUID()}`, DECISION_WAIT_MS: '50' } });
  });
  afterAll(async () => {
    await fuzzed?.close();
    await app.close();
  });

  function newCallerBooking(departAfter: string) {
    callers += 1;
    return {
      rider: { name: `Erika Caller${callers}`, phone: `+49 6561 55${String(callers).padStart(4, '0')}` },
      pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter, seats: 1, note: 'Rollator, bitte klingeln',
    };
  }

  const at = (rng: Rng) => `2026-12-0${2 + Math.floor(rng() * 6)}T${String(7 + Math.floor(rng() * 12)).padStart(2, '0')}:${pick(rng, ['00', '15', '30', '45'])}:00+01:00`;
  const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

  /** A valid request per write route; the state it acts on drifts as earlier requests succeed. */
  const validRequests: Record<string, (rng: Rng) => Promise<Omit<FuzzRequest, 'mutation'>>> = {
    'POST /v1/bookings': async (rng) => rng() < 0.5
      ? { method: 'POST', path: '/v1/bookings', headers: { ...json(app.token('dispatcher')), 'idempotency-key': `fuzz-${Math.floor(rng() * 1e9)}` }, body: newCallerBooking(at(rng)) }
      : { method: 'POST', path: '/v1/bookings', headers: json(app.token('rider', Math.floor(rng() * 3))), body: { pickup: { lat: 49.9636, lon: 6.5197 }, dropoff: { stopId: app.stopId('SPE-MKT') }, arriveBy: at(rng), wheelchairs: 0, note: 'Zweite Tür' } },
    'POST /v1/bookings/:id/cancel': async (rng) => ({ method: 'POST', path: `/v1/bookings/${pick(rng, bookingIds)}/cancel`, headers: json(app.token('dispatcher')), body: { reason: 'Anrufer ist krank' } }),
    'POST /v1/bookings/:id/confirm': async (rng) => ({ method: 'POST', path: `/v1/bookings/${pick(rng, bookingIds)}/confirm`, headers: json(app.token('dispatcher')), body: {} }),
    'POST /v1/dispatch/bookings/:id/assign': async (rng) => ({ method: 'POST', path: `/v1/dispatch/bookings/${pick(rng, bookingIds)}/assign`, headers: json(app.token('dispatcher')), body: { vehicleId: pick(rng, vehicleIds), lock: rng() < 0.5, reason: 'Stammfahrgast' } }),
    'POST /v1/dispatch/bookings/:id/unassign': async (rng) => ({ method: 'POST', path: `/v1/dispatch/bookings/${pick(rng, bookingIds)}/unassign`, headers: json(app.token('dispatcher')), body: { reason: 'Rückruf' } }),
    'POST /v1/dispatch/bookings/:id/lock': async (rng) => ({ method: 'POST', path: `/v1/dispatch/bookings/${pick(rng, bookingIds)}/lock`, headers: json(app.token('dispatcher')), body: { reason: 'fester Bus' } }),
    'POST /v1/dispatch/bookings/:id/unlock': async (rng) => ({ method: 'POST', path: `/v1/dispatch/bookings/${pick(rng, bookingIds)}/unlock`, headers: json(app.token('dispatcher')), body: {} }),
    'POST /v1/dispatch/bookings/:id/decide': async (rng) => ({ method: 'POST', path: `/v1/dispatch/bookings/${pick(rng, bookingIds)}/decide`, headers: json(app.token('dispatcher')), body: { reason: 'hängt' } }),
    'PUT /v1/dispatch/vehicles/:id/sequence': async (rng) => {
      const booking = await app.repos.bookings.findById(pick(rng, bookingIds));
      const plan = booking?.shiftId ? (await app.repos.fleet.plansForShifts([booking.shiftId]))[0] : undefined;
      const stops = plan?.stops.map(({ bookingId, kind }) => ({ bookingId, kind })) ?? [];
      return { method: 'PUT', path: `/v1/dispatch/vehicles/${booking?.vehicleId ?? pick(rng, vehicleIds)}/sequence`, headers: json(app.token('dispatcher')), body: { stops, reason: 'Umleitung' } };
    },
    'POST /v1/dispatch/vehicles/:id/out-of-service': async (rng) => ({ method: 'POST', path: `/v1/dispatch/vehicles/${pick(rng, vehicleIds)}/out-of-service`, headers: json(app.token('dispatcher')), body: { reason: 'Reifenpanne' } }),
    'POST /v1/dispatch/vehicles/:id/in-service': async (rng) => ({ method: 'POST', path: `/v1/dispatch/vehicles/${pick(rng, vehicleIds)}/in-service`, headers: json(app.token('dispatcher')), body: { reason: 'repariert' } }),
    'POST /v1/driver/events': async (rng) => ({
      method: 'POST', path: '/v1/driver/events', headers: json(app.token('driver', Math.floor(rng() * 3))),
      body: rng() < 0.5
        ? { type: 'position', clientEventId: `fuzz-${Math.floor(rng() * 1e9)}`, lat: 49.97, lon: 6.52, time: '2026-12-01T05:58:00+01:00' }
        : { type: 'arrived', clientEventId: `fuzz-${Math.floor(rng() * 1e9)}`, planVersion: Math.floor(rng() * 3), stopId: app.stopId('BIT-KH') },
    }),
  };

  async function send(req: FuzzRequest): Promise<{ status: number; contentType: string; text: string }> {
    const body = req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
    const res = await fetch(fuzzed.url + req.path, { method: req.method, headers: req.headers, body });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  it('covers every write route the routers declare', () => {
    const declared = routers.flatMap(({ path, router }) => writeRoutesOf(path, router));
    expect(declared.length).toBeGreaterThanOrEqual(11);
    expect(Object.keys(validRequests).sort()).toEqual([...new Set(declared)].sort());
  });

  it('answers no 5xx, and every 4xx is problem+json and leaves the database as it was', { timeout: 300_000 }, async () => {
    const rng = seededRng(SEED);
    const routes = Object.keys(validRequests);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let fingerprint = await databaseFingerprint(app.database.db);
    for (let i = 0; i < MUTATIONS; i++) {
      const route = routes[i % routes.length];
      const req = mutate(rng, { ...(await validRequests[route](rng)), mutation: '' });
      const xid = await nextTransactionId(app.database.db);
      const res = await send(req);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const after = xid === (await nextTransactionId(app.database.db)) ? fingerprint : await databaseFingerprint(app.database.db);
      const what = `#${i} ${route} [${req.mutation}] → ${res.status}`;
      if (res.status >= 500) failures.push(`${what}: ${res.text.slice(0, 120)}`);
      else if (res.status >= 400 && !res.contentType.startsWith('application/problem+json')) failures.push(`${what}: not problem+json (${res.contentType})`);
      else if (res.status >= 400 && after !== fingerprint) failures.push(`${what}: the database changed`);
      fingerprint = after;
    }
    expect(failures).toEqual([]);
    // The mutations must reach the handlers, not only the parsers: some succeed, most are refused.
    const count = (from: number, to: number) => [...statuses].filter(([s]) => s >= from && s < to).reduce((n, [, c]) => n + c, 0);
    expect(count(200, 300)).toBeGreaterThan(20);
    expect(count(400, 500)).toBeGreaterThan(MUTATIONS / 2);
    expect(statuses.get(422) ?? 0).toBeGreaterThan(0);
  });

  it('is reproducible: the same seed gives the same requests', () => {
    const a = seededRng(SEED);
    const b = seededRng(SEED);
    const valid: FuzzRequest = { method: 'POST', path: `/v1/bookings/${randomUUID()}/cancel`, headers: {}, body: { reason: 'x' }, mutation: '' };
    for (let i = 0; i < 50; i++) expect(JSON.stringify(mutate(a, valid))).toBe(JSON.stringify(mutate(b, valid)));
  });
});
