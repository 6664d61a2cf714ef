/**
 * A driver tablet polling its manifest with the current ETag: every answer must be a 304, and cheap.
 * Runs the service as `npm start` composes it, on an in-memory PGlite with the Eifel demo and the
 * configured Redis, then prints p50/p95/p99.
 *
 *   npx tsx scripts/bench-manifest-poll.ts [--requests 2000]
 */
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../db/client';
import { seedDemo } from '../src/seed/seed-demo';
import { StraightLineEstimate } from '../routing/travel-times';
import { startWebServer } from '../src/api/server';
import { composeService } from '../src/compose';
import { config as loadConfig, parseConfig } from '../src/config/env';
import { createRepositories } from '../src/domain/context';
import { createLogger } from '../src/infra/logger';
import { ensureRedis } from '../src/infra/redis-bootstrap';
import { argsOrExit, parseCliArgs, wholeNumber } from '../src/cli/cli-args';

const requests = argsOrExit(() => {
  const { values } = parseCliArgs('Usage: npx tsx scripts/bench-manifest-poll.ts [--requests 2000]', { requests: { type: 'string', default: '2000' } });
  return wholeNumber('requests', values.requests, 1);
});
const NOW = new Date('2026-12-01T06:00:00+01:00');

const database = await openDatabase({ pgliteDir: 'memory://' });
const repos = createRepositories(database.db);
const demo = await seedDemo(repos, { now: NOW });
const environment = loadConfig();
const redis = await ensureRedis(environment.REDIS_URL, environment.DATA_DIR);
// The production defaults (a polling driver's known token skips the rate limit), under a prefix of its own.
const config = parseConfig({ REDIS_URL: redis.url, REDIS_PREFIX: `bench-${randomUUID()}` });
const service = await composeService(config, { database, redisUrl: redis.url, travelTimes: new StraightLineEstimate(), now: () => NOW, log: createLogger('silent') });
const server = await startWebServer(service.app!, 0);

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
await service.close();
await database.close();
redis.stop?.();
process.exit(not304 === 0 ? 0 : 1);
