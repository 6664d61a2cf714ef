/**
 * A simulated day of the demo area through the real service: demand (synthetic or from a CSV file)
 * booked through the booking API on a virtual clock, decided by the worker pool, re-optimised
 * periodically (policy reoptimise), and driven by simulated drivers who report through the driver
 * API. Prints the day's KPIs and writes DIR/kpis.json, DIR/demand.csv and DIR/report.html.
 *
 *   npm run simulate -- [--day 2026-12-01] [--seed 1] [--demand synthetic|FILE.csv] [--fleet 6|3..9]
 *     [--policy insertion|reoptimise] [--pickup-window MIN] [--alpha A] [--per-1000 3] [--reoptimise-iterations 400] [--reoptimise-budget-ms 500]
 *     [--compare] [--out DIR]
 *   npm run simulate -- --areas 50 [--requests 50000] [--buses 1000] [--workers 1,2,4] [--clients 32] [--window-ms 25]
 *
 * --fleet 3..9 runs one day per fleet size; --compare runs the county's comparisons on the same
 * demand (policies, fleet 3..9, pickup window 10/15/20, α 1.3/1.5/2.0). Embedded PGlite unless
 * DATABASE_URL is set (then a scratch database on that server, dropped at the end); Redis as for
 * `npm start`. The progress line goes to stderr. Re-optimisation runs every REOPTIMISE_EVERY_S of the
 * simulated clock; each solve searches --reoptimise-iterations iterations (REOPTIMISE_MAX_ITERATIONS,
 * the same search however loaded the machine is), or with 0 there for --reoptimise-budget-ms of wall
 * time (production: REOPTIMISE_BUDGET_MS, 2000 ms).
 *
 * --areas N is the Land-scale run instead (PostgreSQL: DATABASE_URL): N copies of the demo area side by
 * side, their buses and their days' requests booked through the booking API and decided by 1, 2 and 4
 * worker processes in turn; prints decisions per second, the answers' latency and the lock waits.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { demoServiceArea, demoStops } from '../db/seed/eifel-demo-data';
import { argsOrExit, CliUsageError, parseCliArgs, wholeNumber } from '../src/cli/cli-args';
import { config } from '../src/config/env';
import { ensureRedis } from '../src/infra/redis-bootstrap';
import { comparisonLines, comparisonRuns, type Variant } from './simulate/comparisons';
import { demandFromCsv, demandToCsv, syntheticDemand } from './simulate/demand';
import { dayKpis, kpiLines, type DayKpis } from './simulate/kpis';
import { landAreas, landDemand } from './simulate/land-areas';
import { landRun } from './simulate/land-run';
import { reportHtml } from './simulate/report';
import { simulateDay, type DayResult } from './simulate/run-day';
import type { Policy } from './simulate/world';

const USAGE = 'Usage: npm run simulate -- [--areas N [--requests R] [--buses B] [--workers 1,2,4] [--clients 32] [--window-ms 25]] [--day 2026-12-01] [--seed 1] [--demand synthetic|FILE.csv] [--fleet 6|3..9] [--policy insertion|reoptimise] [--pickup-window MIN] [--alpha A] [--per-1000 3] [--reoptimise-iterations 400] [--reoptimise-budget-ms 500] [--compare] [--out DIR]';
const { values: args } = argsOrExit(() => parseCliArgs(USAGE, {
  day: { type: 'string', default: '2026-12-01' },
  seed: { type: 'string', default: '1' },
  demand: { type: 'string', default: 'synthetic' },
  fleet: { type: 'string', default: '6' },
  policy: { type: 'string', default: 'reoptimise' },
  'pickup-window': { type: 'string' },
  alpha: { type: 'string' },
  'per-1000': { type: 'string', default: '3' },
  'reoptimise-iterations': { type: 'string', default: '400' },
  'reoptimise-budget-ms': { type: 'string', default: '500' },
  compare: { type: 'boolean', default: false },
  out: { type: 'string', default: 'simulation' },
  areas: { type: 'string' },
  requests: { type: 'string' },
  buses: { type: 'string' },
  workers: { type: 'string', default: '1,2,4' },
  clients: { type: 'string', default: '32' },
  'window-ms': { type: 'string', default: '25' },
}));

function options() {
  if (!/^\d{4}-\d\d-\d\d$/.test(args.day!) || Number.isNaN(Date.parse(args.day!))) throw new CliUsageError(`--day: expected YYYY-MM-DD, not "${args.day}"`);
  if (args.policy !== 'insertion' && args.policy !== 'reoptimise') throw new CliUsageError(`--policy: expected insertion or reoptimise, not "${args.policy}"`);
  const range = /^(\d+)\.\.(\d+)$/.exec(args.fleet!);
  const fleets = range ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i) : [wholeNumber('fleet', args.fleet, 1)];
  if (fleets.length === 0 || fleets[0] < 1) throw new CliUsageError(`--fleet: expected N or FROM..TO, not "${args.fleet}"`);
  const perThousand = Number(args['per-1000']);
  if (!(perThousand > 0)) throw new CliUsageError(`--per-1000: expected a positive number, not "${args['per-1000']}"`);
  const alpha = args.alpha === undefined ? undefined : Number(args.alpha);
  if (alpha !== undefined && !(alpha >= 1)) throw new CliUsageError(`--alpha: expected a number ≥ 1, not "${args.alpha}"`);
  const pickupWindowMin = args['pickup-window'] === undefined ? undefined : wholeNumber('pickup-window', args['pickup-window'], 1);
  const reoptimiseBudgetMs = wholeNumber('reoptimise-budget-ms', args['reoptimise-budget-ms'], 1);
  const reoptimiseIterations = wholeNumber('reoptimise-iterations', args['reoptimise-iterations'], 0);
  return { reoptimiseBudgetMs, reoptimiseIterations, day: args.day!, seed: wholeNumber('seed', args.seed, 1), fleets, policy: args.policy as Policy, perThousand, rules: { pickupWindowMin, maxRideAlpha: alpha } };
}

/** The replay file; a mistake in it is the caller's, reported as such (exit 2). */
function demandFile(path: string) {
  try {
    return demandFromCsv(readFileSync(path, 'utf8'), new Set(demoStops.map((s) => s.code)));
  } catch (error) {
    throw new CliUsageError(`--demand: ${(error as Error).message}`);
  }
}

/** Where the run's wall time went, by what the virtual instants held, and how long the solves searched. */
function wallLine(result: DayResult) {
  const names = { setup: 'set-up', request: 'bookings', cancel: 'cancellations', driver: 'drivers', reoptimise: 're-optimisation' } as const;
  const parts = Object.entries(result.wallByKind).filter(([, w]) => w.seconds >= 0.5)
    .map(([kind, w]) => `${names[kind as keyof typeof names]} ${w.seconds.toFixed(0)} s${w.instants ? ` (${w.instants} instants)` : ''}`);
  const iterations = [...result.solveIterations].sort((a, b) => a - b);
  const solves = iterations.length ? `; ${iterations.length} solves, median ${iterations[iterations.length >> 1]} iterations` : '';
  return `${parts.join(', ')}${solves}; ${result.cpuS.toFixed(0)} s CPU, host load ${result.hostLoad.toFixed(1)} on ${availableParallelism()} cores`;
}

/** The Land-scale run (--areas): one line a worker-process count. */
async function land() {
  const o = argsOrExit(() => {
    const areas = wholeNumber('areas', args.areas, 1);
    const workers = args.workers!.split(',').map((w) => wholeNumber('workers', w, 1));
    if (!config().DATABASE_URL) throw new CliUsageError('--areas: runs on PostgreSQL; set DATABASE_URL');
    return {
      areas, workers, seed: wholeNumber('seed', args.seed, 1), requests: wholeNumber('requests', args.requests ?? String(areas * 1000), 1),
      buses: wholeNumber('buses', args.buses ?? String(areas * 20), areas), clients: wholeNumber('clients', args.clients, 1), windowMs: wholeNumber('window-ms', args['window-ms']),
    };
  });
  const areas = landAreas(o.areas, Math.round(o.buses / o.areas));
  const demand = landDemand(areas, { day: args.day!, seed: o.seed, requests: o.requests });
  const redis = await ensureRedis(config().REDIS_URL, config().DATA_DIR);
  console.log(`Land-scale run ${args.day}, seed ${o.seed}: ${o.areas} areas, ${areas.reduce((n, a) => n + a.buses.length, 0)} buses, ${demand.length} requests, ${o.clients} clients, batch window ${o.windowMs} ms, PostgreSQL, host: ${availableParallelism()} cores, load ${loadavg()[0].toFixed(1)}`);
  for (const workers of o.workers) {
    const r = await landRun({ areas, demand, day: args.day!, workers, clients: o.clients, batchWindowMs: o.windowMs, databaseUrl: config().DATABASE_URL!, redisUrl: redis.url, progress: (line) => process.stderr.write(`\r${line}`) });
    process.stderr.write('\n');
    console.log(`${workers} worker process(es): ${r.decided} decided (${r.undecided} not) in ${r.seconds.toFixed(1)} s = ${r.decisionsPerS.toFixed(1)} decisions/s; latency p50 ${r.p50Ms.toFixed(0)} ms, p95 ${r.p95Ms.toFixed(0)} ms; area-lock wait ${(100 * r.areaLockWaitShare).toFixed(2)} % of lock time; database sessions waiting for a lock ${(100 * r.databaseLockWaitShare).toFixed(2)} %; host load ${loadavg()[0].toFixed(1)}`);
  }
  redis.stop?.();
}

async function main() {
  if (args.areas !== undefined) return land();
  const o = argsOrExit(options);
  const out = args.out!;
  mkdirSync(out, { recursive: true });
  const timeZone = demoServiceArea.timeZone;
  const demand = args.demand === 'synthetic'
    ? syntheticDemand({ day: o.day, seed: o.seed, outwardPer1000: o.perThousand, timeZone })
    : argsOrExit(() => demandFile(args.demand!));
  writeFileSync(join(out, 'demand.csv'), demandToCsv(demand));
  const redis = await ensureRedis(config().REDIS_URL, config().DATA_DIR);
  const base = {
    day: o.day, seed: o.seed, demand, databaseUrl: config().DATABASE_URL, redisUrl: redis.url, timeZone,
    reoptimiseEveryS: config().REOPTIMISE_EVERY_S || 300, reoptimiseBudgetMs: o.reoptimiseBudgetMs, reoptimiseIterations: o.reoptimiseIterations,
  };
  const rules = Object.fromEntries(Object.entries(o.rules).filter(([, v]) => v !== undefined));
  const variants: Variant[] = args.compare
    ? comparisonRuns(o.policy)
    : o.fleets.map((fleet) => ({ name: `${o.policy}, ${fleet} buses`, group: o.fleets.length > 1 ? 'fleet' : 'day', fleet, policy: o.policy, rules }));
  console.log(`simulate ${o.day}, seed ${o.seed}: ${demand.length} requests (${args.demand}), ${variants.length} run(s), ${base.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}`);
  const results: Array<{ variant: Variant; result: DayResult; kpis: DayKpis }> = [];
  for (const variant of variants) {
    const result = await simulateDay({
      ...base, fleet: variant.fleet, policy: variant.policy, rules: Object.keys(variant.rules).length ? variant.rules : undefined,
      progress: (line) => process.stderr.write(`\r${variant.name.padEnd(28)} ${line}`),
    });
    process.stderr.write('\n');
    const kpis = dayKpis(result);
    results.push({ variant, result, kpis });
    console.log(`\n${variant.name} (${result.wallS.toFixed(0)} s wall: ${wallLine(result)})`);
    for (const line of kpiLines(kpis)) console.log(`  ${line}`);
    // Written after every run: a long comparison that is stopped keeps what it measured.
    writeFileSync(join(out, 'kpis.json'), `${JSON.stringify(results.map(({ variant, result, kpis }) => ({ variant, wallS: Math.round(result.wallS), kpis })), null, 2)}\n`);
  }
  if (results.length > 1) console.log(['', ...comparisonLines(results)].join('\n'));
  writeFileSync(join(out, 'report.html'), reportHtml({ day: o.day, seed: o.seed, demandSource: args.demand!, requests: demand.length }, results));
  console.log(`\nwritten: ${join(out, 'kpis.json')}, ${join(out, 'report.html')}, ${join(out, 'demand.csv')}`);
  redis.stop?.();
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
