/**
 * A soak with faults: the service as it is deployed (two API and two worker processes on one
 * PostgreSQL and a Redis of the soak's own), booked, confirmed, cancelled, driven and overruled for a
 * bounded time while worker, API and Redis processes are killed or restarted under it; then the
 * database is checked for what must never happen. Everything it starts is stopped at the end, on
 * Ctrl-C or on failure, and its scratch database is dropped. Traffic goes to 127.0.0.1 only.
 *
 *   npm run soak -- [--bookings 10000] [--rate 25] [--buses 20] [--riders N] [--seed 1] [--keep-database]
 *
 * DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test); the
 * soak creates a database of its own on it, dropped at the end unless --keep-database (its URL is printed). Exits 1 when a figure that must be 0 is not.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openScratchDatabase } from '../db/scratch-database';
import { argsOrExit, parseCliArgs, wholeNumber } from '../src/cli/cli-args';
import { config } from '../src/config/env';
import { audit, pendingCount } from './soak/audit';
import { bookingClients } from './soak/bookings';
import { startCluster, type Cluster } from './soak/cluster';
import { createDeskStats, dispatchDesk } from './soak/dispatch-desk';
import { createDriverStats, runTablet } from './soak/drivers';
import { createHttp, createHttpStats } from './soak/http';
import { stopAllChildren } from './soak/processes';
import { failed, figuresOf, printReport } from './soak/report';
import { createRng } from './soak/rng';
import { buildWorld } from './soak/setup';

const { values: args } = argsOrExit(() => parseCliArgs('Usage: npm run soak -- [--bookings 10000] [--rate 25] [--buses 20] [--riders N] [--seed 1] [--keep-database]', {
  bookings: { type: 'string', default: '10000' },
  rate: { type: 'string', default: '25' },
  buses: { type: 'string', default: '20' },
  riders: { type: 'string' },
  seed: { type: 'string', default: '1' },
  'keep-database': { type: 'boolean', default: false },
}));
const [BOOKINGS, RATE, BUSES, SEED] = (['bookings', 'rate', 'buses', 'seed'] as const).map((k) => argsOrExit(() => wholeNumber(k, args[k], 1)));
const RIDERS = args.riders === undefined ? Math.max(50, Math.round(BOOKINGS / 8)) : argsOrExit(() => wholeNumber('riders', args.riders, 1));
const DRAIN_MS = 120_000;
/** Whatever happens, the soak ends this long after the traffic was due to end. */
const OVERRUN_MS = 15 * 60_000;
const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ways out, last first; run once, whichever way the soak ends. */
const teardown: Array<() => Promise<unknown> | unknown> = [];
let tornDown: Promise<void> | undefined;
function tearDown(): Promise<void> {
  tornDown ??= (async () => {
    await stopAllChildren();
    for (const step of teardown.reverse()) await Promise.resolve().then(step).catch((error: unknown) => console.error('cleanup:', error));
  })();
  return tornDown;
}
// `on`, not `once`: a Ctrl-C reaches the soak twice (from the terminal and relayed by npm/tsx), and a
// signal without a listener would end the process before its children are stopped.
// Any failure that nothing waits for (a fault step, a tablet) ends the soak the same orderly way;
// while stopping, the failures of what is being stopped are expected.
for (const event of ['unhandledRejection', 'uncaughtException'] as const) {
  process.on(event, (error: unknown) => {
    if (tornDown) return;
    console.error('soak failed:', error);
    void tearDown().finally(() => process.exit(2));
  });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (tornDown) return;
    console.log(`\n${signal}: stopping everything the soak started`);
    void tearDown().finally(() => process.exit(130));
  });
}

/** The faults, at fractions of the traffic's duration: each kills or restarts something under load. */
function faultPlan(cluster: Cluster, desk: ReturnType<typeof dispatchDesk>, vehicleId: string): Array<[number, string, () => Promise<unknown>]> {
  return [
    [0.15, 'worker-1 SIGKILL, back after 3 s', () => cluster.kill('worker-1', 3000)],
    [0.35, 'api-1 SIGKILL, back after 3 s', () => cluster.kill('api-1', 3000)],
    [0.45, 'a bus breaks down (out of service)', () => desk.breakdown(vehicleId)],
    [0.55, 'Redis restarted, away for 3 s', () => cluster.restartRedis(3000)],
    [0.65, 'the bus is repaired (in service)', () => desk.repaired(vehicleId)],
    [0.75, 'worker-2 SIGKILL, back after 3 s', () => cluster.kill('worker-2', 3000)],
  ];
}

async function runFaults(plan: ReturnType<typeof faultPlan>, durationMs: number, done: string[]) {
  const t0 = Date.now();
  for (const [at, label, run] of plan) {
    await sleep(Math.max(0, t0 + at * durationMs - Date.now()));
    log(`fault: ${label}`);
    const atS = ((Date.now() - started) / 1000).toFixed(0);
    const res = await run();
    const status = (res as { status?: number } | undefined)?.status;
    done.push(`${label} at ${atS} s${status ? ` (answer ${status})` : ''}`);
  }
}

async function main(): Promise<number> {
  const serverUrl = config().DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = await openScratchDatabase(serverUrl, 'taxibus_soak', { keep: args['keep-database'] });
  teardown.push(() => database.close());
  if (args['keep-database']) teardown.push(() => console.log(`database kept: ${database.url}`));
  const dataDir = mkdtempSync(join(tmpdir(), 'taxibus-soak-'));
  teardown.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const world = await buildWorld(database, { buses: BUSES, riders: RIDERS, now: new Date(), credentialsPath: join(dataDir, 'demo-credentials.json'), runMs: (BOOKINGS / RATE) * 1000 });
  log(`world: ${world.vehicleIds.length} buses with drivers, ${world.riders.length} riders, ${world.stops.length} stops; starting Redis, 2 API and 2 worker processes`);
  const cluster = await startCluster({ databaseUrl: database.url, dataDir, metricsToken: randomBytes(16).toString('hex'), log });
  teardown.push(() => cluster.stop());
  log(`running: API at ${cluster.apiUrls.join(' and ')}, Redis at ${cluster.redisUrl}`);

  const rng = createRng(SEED);
  const httpStats = createHttpStats();
  const http = createHttp(cluster.apiUrls, httpStats);
  const clients = bookingClients(http, world, rng, () => new Date());
  const driverStats = createDriverStats();
  const deskStats = createDeskStats();
  const desk = dispatchDesk(http, world, clients.records, rng, deskStats);
  let trafficOver = false;
  let driversOff = false;
  const tablets = world.driverTokens.map((token, i) => runTablet(http, token, i, rng, driverStats, () => driversOff));
  const deskRun = desk.run(() => trafficOver);
  const durationMs = (BOOKINGS / RATE) * 1000;
  const faults: string[] = [];
  const faultRun = runFaults(faultPlan(cluster, desk, world.vehicleIds[world.vehicleIds.length - 1]), durationMs, faults);
  const progress = setInterval(() => {
    if (tornDown) return;
    const r = clients.records;
    const events = [...driverStats.events.values()].reduce((a, b) => a + b, 0);
    log(`bookings ${r.length}/${BOOKINGS} sent, ${r.filter((x) => x.answer !== undefined).length} answered, ${r.filter((x) => x.decision).length} decided | 5xx ${httpStats.total5xx()}, connection errors ${httpStats.connectionErrors}, retries ${httpStats.retries} | driver events ${events}`);
  }, 5000);
  teardown.push(() => clearInterval(progress));

  await clients.run(BOOKINGS, RATE, () => false);
  await faultRun;
  trafficOver = true;
  await deskRun;
  log('traffic over; waiting for the last decisions');
  for (const until = Date.now() + DRAIN_MS; (await pendingCount(database)) > 0 && Date.now() < until; ) await sleep(1000);
  clearInterval(progress);
  log('checking the database');
  const found = await audit(database, world.areaId, world.maxActiveBookingsPerRider);
  driversOff = true;
  await Promise.all(tablets);
  const figures = figuresOf(clients.records, found, httpStats);
  printReport(figures, found, clients.records, {
    http: httpStats, drivers: driverStats, desk: deskStats, faults, unexpectedExits: cluster.unexpectedExits,
    wallS: (Date.now() - started) / 1000,
    setting: `${BOOKINGS} bookings offered at ${RATE}/s, ${world.vehicleIds.length} buses, ${world.riders.length} riders, 2 API + 2 worker processes, PostgreSQL, own Redis`,
  });
  return failed(figures) ? 1 : 0;
}

const watchdog = setTimeout(() => {
  console.error(`soak overran its time (${OVERRUN_MS / 60_000} min past the traffic's end): stopping`);
  void tearDown().finally(() => process.exit(2));
}, (BOOKINGS / RATE) * 1000 + OVERRUN_MS);
watchdog.unref();

main()
  .then(async (code) => {
    await tearDown();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error('soak failed:', error);
    await tearDown();
    process.exit(2);
  });
