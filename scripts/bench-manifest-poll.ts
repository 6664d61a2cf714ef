/**
 * A driver tablet polling its manifest with the current ETag: every answer must be a 304, and cheap.
 * Runs the real API in-process on an in-memory PGlite with the Eifel demo, then prints p50/p95/p99.
 *
 *   npx tsx scripts/bench-manifest-poll.ts [requests=2000]
 */
import { openDatabase } from '../db/client';
import { seedDemo } from '../src/seed/seed-demo';
import { StraightLineEstimate } from '../routing/travel-times';
import { createApp } from '../src/api/app';
import { driverAndDispatchRoutes } from '../src/api/routes/dispatch';
import { startWebServer } from '../src/api/server';
import { createRepositories, type DomainContext } from '../src/domain/context';
import { createInProcessPlanChangeNotifier } from '../src/domain/dispatch/plan-change-notifier';
import { createInsertionDecider } from '../src/domain/dispatch/insertion-decider';
import { createStopMatrixCache } from '../src/domain/dispatch/stop-matrix';
import { createLogger } from '../src/infra/logger';
import { createMetrics } from '../src/infra/metrics';
import { edgeSettingsFrom } from '../src/api/edge-settings';
import { parseConfig } from '../src/config/env';

const requests = Number(process.argv[2] ?? 2000);
const NOW = new Date('2026-12-01T06:00:00+01:00');

const database = await openDatabase({ pgliteDir: 'memory://' });
const repos = createRepositories(database.db);
const demo = await seedDemo(repos, { now: NOW });
const now = () => NOW;
const stopMatrix = createStopMatrixCache(new StraightLineEstimate());
const ctx: DomainContext = { db: database.db, repos, decider: createInsertionDecider({ db: database.db, stopMatrix, now }), now, settings: { snapMaxWalkM: 800, decisionWaitMs: 10_000 } };
const app = createApp({
  ctx,
  log: createLogger('silent'),
  metrics: createMetrics(() => repos.bookings.countByStatus()),
  checks: {},
  // the production defaults: a polling driver's known token skips the rate limit
  edge: edgeSettingsFrom(parseConfig({})),
  extraRoutes: driverAndDispatchRoutes(ctx, { notifier: createInProcessPlanChangeNotifier(), stopMatrix }),
});
const server = await startWebServer(app, 0);

const stops = new Map((await repos.areas.allStops(demo.areaId)).map((s) => [s.code, s.id]));
const rider = demo.users.find((u) => u.role === 'rider')!;
for (const [i, time] of ['07:00', '07:20', '08:00'].entries()) {
  await fetch(`${server.url}/v1/bookings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${demo.users.filter((u) => u.role === 'rider')[i].token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ pickup: { stopId: stops.get('RIT-KI') }, dropoff: { stopId: stops.get('BIT-KH') }, departAfter: `2026-12-01T${time}:00+01:00`, seats: 1 }),
  });
}
const booking = (await repos.bookings.list({ riderId: rider.userId, limit: 1 }))[0];
const vehicle = (await repos.fleet.findVehicle(booking.vehicleId!))!;
const driver = demo.users.find((u) => u.role === 'driver' && u.vehicleLabel === vehicle.label)!;
const auth = { authorization: `Bearer ${driver.token}` };

const first = await fetch(`${server.url}/v1/driver/manifest`, { headers: auth });
const etag = first.headers.get('etag')!;
const manifest = (await first.json()) as { stops: unknown[] };
console.log(`manifest ${etag}: ${manifest.stops.length} calls, ${JSON.stringify(manifest).length} bytes`);

/** Sequential requests after 200 warm-up ones; returns sorted milliseconds and the statuses seen. */
async function measure(path: string, headers: Record<string, string>) {
  const timings: number[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < 200 + requests; i += 1) {
    const started = performance.now();
    const res = await fetch(server.url + path, { headers });
    await res.arrayBuffer();
    if (i >= 200) timings.push(performance.now() - started);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))].toFixed(2);
  return { statuses, line: `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${timings.at(-1)!.toFixed(2)} ms` };
}

// The floor: the same request path (bearer lookup in the database, logging, metrics) ending in a 404.
const floor = await measure('/v1/driver/nothing-here', auth);
const polled = await measure('/v1/driver/manifest', { ...auth, 'if-none-match': etag });
const not304 = requests + 200 - (polled.statuses.get(304) ?? 0);
console.log(`${requests} conditional manifest GETs (sequential, keep-alive, PGlite in memory): ${polled.line}; non-304 answers: ${not304}`);
console.log(`floor, authenticated 404 on the same router:                         ${floor.line}`);

await server.close();
await database.close();
process.exit(not304 === 0 ? 0 : 1);
