/**
 * Booking throughput and latency through HTTP + queue + batch decision, at 100 buses and 2,000
 * booked rides (straight-line estimate). Builds that state itself on a throw-away PostgreSQL database
 * when DATABASE_URL is set, else on in-memory PGlite; Redis from REDIS_URL (or one started locally).
 *
 * The workers use a database pool of their own; with --split they run in a child process
 * (scripts/bench-dispatch-worker.ts), the production topology of `npm run api` + `npm run worker`.
 * --warmup N posts N other bookings first and leaves them out of the figures (steady state).
 *
 * Two measured phases, each with `--bookings` new bookings:
 *  - latency at a given load: bookings arrive at `--rate` per second (Poisson arrivals, open loop:
 *    a slow answer does not hold back the next request, as with villagers booking independently);
 *    each latency counts from the request's scheduled time;
 *  - capacity: `--concurrency` clients post in a closed loop, each the next booking as soon as its
 *    last was answered; bookings per second is what the system sustains, and latency there is mostly
 *    queueing behind the other clients' requests (about clients ÷ throughput).
 *
 * --reoptimise-every S also re-optimises the area every S seconds meanwhile (as production does every
 * REOPTIMISE_EVERY_S, here without the REPLAN_MIN_INTERVAL_S spacing), to show what that costs the
 * bookings; the runs and how many ended early for waiting bookings are printed.
 *
 *   npm run bench:dispatch -- [--bookings 1000] [--rate 200] [--concurrency 64] [--window-ms 25] [--buses 100] [--rides 2000] [--split] [--warmup 200] [--reoptimise-every 0]
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../db/client';
import { openScratchDatabase } from '../db/scratch-database';
import { seedDemo } from '../src/seed/seed-demo';
import { StraightLineEstimate } from '../routing/travel-times';
import { createApp } from '../src/api/app';
import { startWebServer } from '../src/api/server';
import { config, parseConfig } from '../src/config/env';
import { edgeSettingsFrom } from '../src/api/edge-settings';
import { argsOrExit, parseCliArgs, wholeNumber } from '../src/cli/cli-args';
import { dispatchSettingsFrom } from '../src/compose';
import { createAreaCache } from '../src/domain/bookings/area-cache';
import { createRepositories, type DomainContext, type Repositories } from '../src/domain/context';
import { decideAreaBatch, type BatchTimings } from '../src/domain/dispatch/decide-area-batch';
import { createStoredStopMatrices } from '../src/domain/dispatch/stop-matrix-store';
import { createLogger } from '../src/infra/logger';
import { createMetrics } from '../src/infra/metrics';
import { ensureRedis } from '../src/infra/redis-bootstrap';
import { insertBatch } from '../routing/solver-tasks';
import { createQueueDecider, startWorkers, type DispatchSettings } from '../workers';
import type { LoadPhase, PhaseResult } from './bench-dispatch-clients';
import type { BenchWorkerMessage, BenchWorkerSettings } from './bench-dispatch-worker';
import { demoRides, type DemoRide } from './support/demo-rides';

/** The bench's clients book far faster than any person: no rate limits in the way of what it measures. */
const UNLIMITED_EDGE = edgeSettingsFrom(parseConfig({ RATE_LIMIT_UNAUTHENTICATED: '0', RATE_LIMIT_BOOKINGS: '0' }));

const NOW = new Date('2026-12-01T06:00:00+01:00');
const DAY = { startAt: new Date('2026-12-01T05:30:00+01:00'), endAt: new Date('2026-12-01T23:00:00+01:00') };

const { values: args } = argsOrExit(() => parseCliArgs('Usage: npm run bench:dispatch -- [--bookings 1000] [--rate 200] [--concurrency 64] [--window-ms 25] [--buses 100] [--rides 2000] [--split] [--warmup 200] [--reoptimise-every 0]', {
  bookings: { type: 'string', default: '1000' },
  rate: { type: 'string', default: '200' },
  concurrency: { type: 'string', default: '64' },
  'window-ms': { type: 'string', default: '25' },
  buses: { type: 'string', default: '100' },
  rides: { type: 'string', default: '2000' },
  split: { type: 'boolean', default: false },
  warmup: { type: 'string', default: '200' },
  'reoptimise-every': { type: 'string', default: '0' },
}));

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
  const deps = { db: database.db, stopMatrix: createStoredStopMatrices(database.db, new StraightLineEstimate()), now: () => NOW, insertBatch: async (t: Parameters<typeof insertBatch>[0]) => insertBatch(t) };
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
async function startDispatch(database: Database & { url?: string }, redisUrl: string, settings: DispatchSettings, split: boolean, stages: StageStats) {
  const deps = { db: database.db, listen: database.listen, redisUrl, travelTimes: new StraightLineEstimate(), log: createLogger('silent'), settings, now: () => NOW };
  const observe = { batchDecided: (_areaId: string, size: number, timings: BatchTimings) => stages.add(size, timings) };
  if (!database.url) {
    if (split) throw new Error('--split needs DATABASE_URL (PGlite serves one process)');
    return startWorkers({ ...deps, observe });
  }
  if (!split) {
    const workerDatabase = await openDatabase({ url: database.url, maxConnections: 20 });
    const dispatch = await startWorkers({ ...deps, db: workerDatabase.db, observe });
    return { ...dispatch, close: () => dispatch.close().then(() => workerDatabase.close()) };
  }
  const input: BenchWorkerSettings = { databaseUrl: database.url, redisUrl, nowIso: NOW.toISOString(), settings };
  const child = fork(fileURLToPath(new URL('./bench-dispatch-worker.ts', import.meta.url)), [JSON.stringify(input)], { execArgv: ['--import', 'tsx'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bench worker exited with ${code}`)));
  });
  child.on('message', (message: BenchWorkerMessage) => {
    if (message.kind === 'batch') stages.add(message.size, message.timings);
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

/** Batches decided during a measured phase: their sizes and the time each stage took. */
function stageStats() {
  let batches: Array<{ size: number; timings: BatchTimings }> = [];
  return {
    add: (size: number, timings: BatchTimings) => batches.push({ size, timings }),
    reset: () => (batches = []),
    summary() {
      if (batches.length === 0) return 'no batches';
      const mean = (f: (b: (typeof batches)[number]) => number) => batches.reduce((sum, b) => sum + f(b), 0) / batches.length;
      const stages = (Object.keys(batches[0].timings) as Array<keyof BatchTimings>).map((k) => `${k} ${mean((b) => b.timings[k]).toFixed(1)}`);
      const total = mean((b) => Object.values(b.timings).reduce((a, t) => a + t, 0));
      return `${batches.length} batches of ${mean((b) => b.size).toFixed(1)} bookings on average, ${total.toFixed(1)} ms each: ${stages.join(', ')} (ms)`;
    },
  };
}
type StageStats = ReturnType<typeof stageStats>;

/**
 * The load generator: a process of its own, as remote clients would be, that runs the phases one after
 * the other. One process serves them all, so the measured phases meet a warmed-up client, not one
 * still compiling its own code on the cores the system under test uses.
 */
function loadGenerator() {
  const child = fork(fileURLToPath(new URL('./bench-dispatch-clients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    run(phase: LoadPhase): Promise<PhaseResult> {
      child.send(phase);
      return new Promise((resolve, reject) => {
        child.once('message', (result: PhaseResult) => resolve(result));
        void exited.then((code) => reject(new Error(`load generator exited with ${code}`)));
      });
    },
    async close() {
      child.send('close');
      await exited;
    },
  };
}

async function main() {
  const [bookings, rate, concurrency, windowMs, buses, rides, warmup, reoptimiseEveryS] = (['bookings', 'rate', 'concurrency', 'window-ms', 'buses', 'rides', 'warmup', 'reoptimise-every'] as const)
    .map((k) => argsOrExit(() => wholeNumber(k, args[k])));
  const database = await openBenchDatabase();
  const redis = await ensureRedis(config().REDIS_URL, config().DATA_DIR);
  const repos = createRepositories(database.db);
  console.log(`bench:dispatch on ${database.driver}, ${buses} buses, ${rides} booked rides, batch window ${windowMs} ms`);
  const t0 = performance.now();
  const { demo, stopIds, offered } = await buildState(database, repos, buses, rides);
  console.log(`  state built in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${offered} rides on plans`);

  const log = createLogger('silent');
  const settings = { ...dispatchSettingsFrom(parseConfig({})), batchWindowMs: windowMs, reoptimiseEveryS, replanMinIntervalS: 0, reoptimiseBudgetMs: 2000, queuePrefix: `bench-${randomUUID()}`, concurrency: 4 };
  const stages = stageStats();
  const dispatch = await startDispatch(database, redis.url, settings, Boolean(args.split), stages);
  console.log(`  workers: ${args.split ? 'child process' : 'this process'}, ${database.url ? 'own database pool' : 'shared PGlite'}`);
  const ctx: DomainContext = { db: database.db, repos, areaCache: createAreaCache(repos.areas), decider: dispatch.decider, now: () => NOW, settings: { snapMaxWalkM: 800, decisionWaitMs: 10_000 } };
  const server = await startWebServer(createApp({ ctx, log, metrics: createMetrics(() => repos.bookings.countByStatus()), checks: {}, edge: UNLIMITED_EDGE }), 0);
  const token = demo.users.find((u) => u.role === 'dispatcher')!.token;

  const clients = loadGenerator();
  const phase = (label: string, rides: DemoRide[], load: { rate: number } | { concurrency: number }) => clients.run({ url: `${server.url}/v1/bookings`, token, label, rides, ...load });
  if (warmup > 0) {
    // Not measured: the first batches build the worker's stop matrix and planning snapshot of every planned ride.
    const cold = await phase('warm-up', demoRides(stopIds, warmup, 303), { concurrency });
    console.log(`  warm-up: ${warmup} bookings, ${(warmup / cold.seconds).toFixed(1)} bookings/s, p95 ${percentile(cold.latencies, 0.95).toFixed(0)} ms (not counted)`);
  }
  const describe = (run: PhaseResult) => [
    `  ${(bookings / run.seconds).toFixed(1)} bookings/s answered (${run.seconds.toFixed(2)} s)`,
    `  latency: p50 ${percentile(run.latencies, 0.5).toFixed(0)} ms, p95 ${percentile(run.latencies, 0.95).toFixed(0)} ms, max ${run.latencies.at(-1)!.toFixed(0)} ms`,
    `  answers: ${Object.entries(run.statuses).map(([k, n]) => `${k}: ${n}`).join(', ')}`,
    `  batches: ${stages.summary()}`,
  ].join('\n');
  stages.reset();
  const atRate = await phase(`at ${rate}/s`, demoRides(stopIds, bookings, 202), { rate });
  const atRateReport = describe(atRate);
  stages.reset();
  const capacity = await phase('capacity', demoRides(stopIds, bookings, 404), { concurrency });
  const reoptimised = reoptimiseEveryS > 0 ? `, re-optimised every ${reoptimiseEveryS} s` : '';
  console.log(`\n${buses} buses, ${offered} rides already planned, batch window ${windowMs} ms, ${database.driver}, workers ${args.split ? 'in their own process' : 'in the API process'}${reoptimised}${warmup > 0 ? `, after ${warmup} warm-up bookings` : ''}`);
  console.log(`latency at ${rate} bookings/s offered (${bookings} bookings, Poisson arrivals, open loop):\n${atRateReport}`);
  console.log(`capacity (${bookings} bookings, ${concurrency} clients in a closed loop):\n${describe(capacity)}`);
  const sustained = bookings / capacity.seconds;
  const p95 = percentile(atRate.latencies, 0.95);
  if (reoptimiseEveryS > 0) {
    const runs = await dispatch.queues.reoptimise.getJobs(['completed', 'failed']);
    const outcomes = runs.map((job) => (job.returnvalue ?? {}) as { written?: boolean; yielded?: boolean });
    console.log(`re-optimisation: ${runs.length} runs over the whole bench, ${outcomes.filter((o) => o.yielded).length} ended early for waiting bookings, ${outcomes.filter((o) => o.written).length} wrote better plans`);
  }
  console.log(`target ≥ 200 bookings/s: ${sustained >= 200 ? 'met' : 'missed'} (${sustained.toFixed(1)}); p95 ≤ 150 ms at ${rate}/s: ${p95 <= 150 ? 'met' : 'missed'} (${p95.toFixed(0)} ms)`);

  await clients.close();
  await server.close();
  // The run's queues go with it (its own prefix), so repeated runs leave nothing in Redis.
  await Promise.all(dispatch.queues.list().map((queue) => queue.obliterate({ force: true })));
  await dispatch.close();
  await database.close();
  redis.stop?.();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
