/**
 * Booking throughput and latency through HTTP + queue + batch decision, at 100 buses and 2,000
 * booked rides (straight-line estimate). Builds that state itself on a throw-away PostgreSQL database
 * when DATABASE_URL is set, else on in-memory PGlite; Redis from REDIS_URL (or one started locally).
 *
 * The workers use a database pool of their own; with --split they run in a child process
 * (scripts/bench-dispatch-worker.ts), the production topology of `npm run api` + `npm run worker`.
 * --warmup N posts N other bookings first and leaves them out of the figures (steady state).
 *
 *   npm run bench:dispatch -- [--bookings 600] [--concurrency 64] [--window-ms 25] [--buses 100] [--rides 2000] [--split] [--warmup 0]
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../db/client';
import { openScratchDatabase } from '../db/scratch-database';
import { seedDemo } from '../db/seed/seed-demo';
import { StraightLineEstimate } from '../routing/travel-times';
import { createApp } from '../src/api/app';
import { startWebServer } from '../src/api/server';
import { config } from '../src/config/env';
import { createAreaCache, withCachedStopLookups } from '../src/domain/bookings/area-cache';
import { createRepositories, type DomainContext, type Repositories } from '../src/domain/context';
import { decideAreaBatch } from '../src/domain/dispatch/decide-area-batch';
import { createStopMatrixCache } from '../src/domain/dispatch/stop-matrix';
import { createLogger } from '../src/infra/logger';
import { createMetrics } from '../src/infra/metrics';
import { ensureRedis } from '../src/infra/redis-bootstrap';
import { insertBatch } from '../workers/solver-tasks';
import { createQueueDecider, startWorkers, type DispatchSettings } from '../workers';
import type { BenchWorkerSettings } from './bench-dispatch-worker';
import { demoRides, type DemoRide } from '../test/workers/support/demo-rides';

const NOW = new Date('2026-12-01T06:00:00+01:00');
const DAY = { startAt: new Date('2026-12-01T05:30:00+01:00'), endAt: new Date('2026-12-01T23:00:00+01:00') };

const { values: args } = parseArgs({
  options: {
    bookings: { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '64' },
    'window-ms': { type: 'string', default: '25' },
    buses: { type: 'string', default: '100' },
    rides: { type: 'string', default: '2000' },
    split: { type: 'boolean', default: false },
    warmup: { type: 'string', default: '0' },
  },
});

async function openBenchDatabase(): Promise<Database & { url?: string }> {
  const url = config().DATABASE_URL;
  if (!url) return openDatabase({ pgliteDir: 'memory://' });
  return openScratchDatabase(url, 'taxibus_bench');
}

/** The demo area with `buses` buses on shift today and `rides` decided bookings on their plans. */
async function buildState(database: Database, repos: Repositories, buses: number, rides: number) {
  const demo = await seedDemo(repos, { now: NOW });
  const stops = await repos.areas.allStops(demo.areaId);
  for (let i = (await repos.areas.vehicles(demo.areaId)).length; i < buses; i += 1) {
    const depot = stops[(i * 7) % stops.length];
    const vehicle = await repos.fleet.createVehicle({ areaId: demo.areaId, label: `Bench ${i + 1}`, seats: 8, wheelchairPlaces: 1, depotStopId: depot.id });
    await repos.fleet.createShifts([{ ...DAY, vehicleId: vehicle.id, startDepotStopId: depot.id, endDepotStopId: depot.id }]);
  }
  const dispatcher = demo.users.find((u) => u.role === 'dispatcher')!;
  const stopIds = new Map(stops.map((s) => [s.code, s.id]));
  const deps = { db: database.db, stopMatrix: createStopMatrixCache(new StraightLineEstimate()), now: () => NOW, insertBatch: async (t: Parameters<typeof insertBatch>[0]) => insertBatch(t) };
  let offered = 0;
  for (const [chunk, batch] of chunks(demoRides(stopIds, rides, 101), 250).entries()) {
    for (const ride of batch) await storePending(repos, demo.areaId, dispatcher.userId, ride);
    const result = await decideAreaBatch({ ...deps, maxBatch: 250 }, demo.areaId);
    offered += result.offered.length;
    console.log(`  state: ${(chunk + 1) * 250 > rides ? rides : (chunk + 1) * 250}/${rides} rides decided (${offered} on plans)`);
  }
  return { demo, stopIds, offered };
}

function storePending(repos: Repositories, areaId: string, userId: string, ride: DemoRide) {
  return repos.bookings.createOnce({
    areaId, bookedById: userId, pickupStopId: ride.pickup.stopId, dropoffStopId: ride.dropoff.stopId,
    requestedTime: new Date(ride.departAfter ?? ride.arriveBy!), timeMode: ride.departAfter ? 'depart_after' : 'arrive_by', seats: ride.seats, wheelchairs: 0,
  }, userId, ride.rider);
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/**
 * The workers with a database pool of their own (PGlite is one connection and stays shared); `split`
 * runs them in a child process and only the API's decider (enqueue and wait) here.
 */
async function startDispatch(database: Database & { url?: string }, redisUrl: string, settings: DispatchSettings, split: boolean) {
  const deps = { db: database.db, redisUrl, travelTimes: new StraightLineEstimate(), log: createLogger('silent'), settings, now: () => NOW };
  if (!database.url) {
    if (split) throw new Error('--split needs DATABASE_URL (PGlite serves one process)');
    return startWorkers(deps);
  }
  if (!split) {
    const workerDatabase = await openDatabase({ url: database.url, maxConnections: 20 });
    const dispatch = await startWorkers({ ...deps, db: workerDatabase.db });
    return { ...dispatch, close: () => dispatch.close().then(() => workerDatabase.close()) };
  }
  const input: BenchWorkerSettings = { databaseUrl: database.url, redisUrl, nowIso: NOW.toISOString(), settings };
  const child = fork(fileURLToPath(new URL('./bench-dispatch-worker.ts', import.meta.url)), [JSON.stringify(input)], { execArgv: ['--import', 'tsx'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bench worker exited with ${code}`)));
  });
  const dispatch = await createQueueDecider(deps);
  return {
    ...dispatch,
    async close() {
      await dispatch.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('close');
      await exited;
    },
  };
}

/** Posts every ride with `concurrency` clients in a closed loop; latencies sorted. */
async function postAll(rides: DemoRide[], concurrency: number, label: string, send: (ride: DemoRide) => Promise<Response>) {
  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < rides.length) {
      const ride = rides[next++];
      const t = performance.now();
      const res = await send(ride);
      const body = (await res.json()) as { status?: string };
      latencies.push(performance.now() - t);
      const key = `${res.status} ${body.status ?? ''}`.trim();
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      if (latencies.length % 100 === 0) console.log(`  ${label}: ${latencies.length}/${rides.length}`);
    }
  }));
  return { latencies: latencies.sort((a, b) => a - b), statuses, seconds: (performance.now() - started) / 1000 };
}

async function main() {
  const [bookings, concurrency, windowMs, buses, rides, warmup] = ['bookings', 'concurrency', 'window-ms', 'buses', 'rides', 'warmup'].map((k) => Number(args[k as keyof typeof args]));
  const database = await openBenchDatabase();
  const redis = await ensureRedis(config().REDIS_URL, config().DATA_DIR);
  const repos = createRepositories(database.db);
  console.log(`bench:dispatch on ${database.driver}, ${buses} buses, ${rides} booked rides, batch window ${windowMs} ms`);
  const t0 = performance.now();
  const { demo, stopIds, offered } = await buildState(database, repos, buses, rides);
  console.log(`  state built in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${offered} rides on plans`);

  const log = createLogger('silent');
  const settings = { batchWindowMs: windowMs, reoptimiseEveryS: 0, reoptimiseBudgetMs: 2000, queuePrefix: `bench-${randomUUID()}`, concurrency: 4 };
  const dispatch = await startDispatch(database, redis.url, settings, Boolean(args.split));
  console.log(`  workers: ${args.split ? 'child process' : 'this process'}, ${database.url ? 'own database pool' : 'shared PGlite'}`);
  const areaCache = createAreaCache(repos.areas);
  const ctx: DomainContext = { db: database.db, repos: withCachedStopLookups(repos, areaCache), areaCache, decider: dispatch.decider, now: () => NOW, settings: { snapMaxWalkM: 800, decisionWaitMs: 10_000 } };
  const server = await startWebServer(createApp({ ctx, log, metrics: createMetrics(() => repos.bookings.countByStatus()), checks: {} }), 0);
  const token = demo.users.find((u) => u.role === 'dispatcher')!.token;

  const post = (rides: DemoRide[], label: string) => postAll(rides, concurrency, label, (ride) => fetch(`${server.url}/v1/bookings`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(ride),
  }));
  if (warmup > 0) {
    // Not measured: the first batches build the worker's stop matrix and planning snapshot of every planned ride.
    const cold = await post(demoRides(stopIds, warmup, 303), 'warm-up');
    console.log(`  warm-up: ${warmup} bookings, ${(warmup / cold.seconds).toFixed(1)} bookings/s, p95 ${percentile(cold.latencies, 0.95).toFixed(0)} ms (not counted)`);
  }
  const { latencies, statuses, seconds } = await post(demoRides(stopIds, bookings, 202), 'load');
  console.log(`\n${bookings} bookings, concurrency ${concurrency}, window ${windowMs} ms, ${buses} buses, ${offered} rides already planned (${database.driver}${warmup > 0 ? `, after ${warmup} warm-up bookings` : ''})`);
  console.log(`throughput: ${(bookings / seconds).toFixed(1)} bookings/s (${seconds.toFixed(2)} s)`);
  console.log(`latency: p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p95 ${percentile(latencies, 0.95).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`);
  console.log(`answers: ${[...statuses].map(([k, n]) => `${k}: ${n}`).join(', ')}`);

  await server.close();
  await dispatch.close();
  await database.close();
  redis.stop?.();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
