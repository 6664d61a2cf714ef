/**
 * DARP benchmark: solves every Cordeau instance in a folder on one thread, writes one solution file
 * per instance plus summary.json, checks each with the benchmark checker, prints a table.
 * Bounded by --max-iterations the run is reproducible (same seed, same routes and costs); a time
 * limit alone depends on the machine's speed and load.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCordeau } from '../routing/darp/read-cordeau';
import { toCheckerSolution } from '../routing/darp/write-solution';
import { solve } from '../routing/solver/index';

const USAGE = `usage: npm run bench:darp -- --instances DIR [options]

  --instances DIR         folder of Cordeau .txt instances (and bks.csv); required
  --max-iterations N      stop each solve after N ALNS iterations (reproducible for a seed)
  --time-limit SECONDS    wall-clock limit per instance; default 10 when --max-iterations is not given
  --seed N                random seed (default 1)
  --out DIR               where solutions and summary.json go (default bench-out/darp)
  --instance NAME         solve only this instance, e.g. a2-16
  --checker PATH          darp-check.mjs (default: DIR/../darp-check.mjs)
  --compare DIR           --out of an earlier run: print its costs beside these, and whether
                          each instance's cost and solution file are identical
  --help                  print this text`;

interface Checker {
  loadInstance(path: string): unknown;
  checkSolution(inst: unknown, sol: unknown): { feasible: boolean; cost: number; violations: string[] };
}

interface BenchArgs {
  dir: string;
  maxIterations?: number;
  timeLimitMs?: number;
  seed: number;
  outDir: string;
  only?: string;
  checkerPath: string;
  compareDir?: string;
}

class UsageError extends Error {}

function count(flag: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

function readArgs(argv: string[]): BenchArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        instances: { type: 'string' },
        'max-iterations': { type: 'string' },
        'time-limit': { type: 'string' },
        seed: { type: 'string', default: '1' },
        out: { type: 'string', default: 'bench-out/darp' },
        instance: { type: 'string' },
        checker: { type: 'string' },
        compare: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (parsed.help) return 'help';
  if (parsed.instances === undefined) throw new UsageError('--instances DIR is required');
  const timeLimitS = parsed['time-limit'] === undefined ? undefined : Number(parsed['time-limit']);
  if (timeLimitS !== undefined && !(timeLimitS > 0)) throw new UsageError(`--time-limit must be a positive number of seconds, got "${parsed['time-limit']}"`);
  const maxIterations = count('max-iterations', parsed['max-iterations'], 0);
  if (parsed.compare !== undefined && !existsSync(join(parsed.compare, 'summary.json'))) {
    throw new UsageError(`--compare ${parsed.compare}: no summary.json there (give the --out of an earlier run)`);
  }
  return {
    dir: parsed.instances,
    maxIterations,
    // Without an iteration bound the run needs some limit; with one, wall clock only applies if asked.
    timeLimitMs: timeLimitS !== undefined ? timeLimitS * 1000 : maxIterations === undefined ? 10_000 : undefined,
    seed: count('seed', parsed.seed, 0)!,
    outDir: parsed.out,
    only: parsed.instance,
    checkerPath: resolve(parsed.checker ?? join(parsed.instances, '..', 'darp-check.mjs')),
    compareDir: parsed.compare,
  };
}

function readBks(dir: string): Map<string, number> {
  const file = join(dir, 'bks.csv');
  const out = new Map<string, number>();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/).slice(1)) {
    const [name, value] = line.split(',');
    if (name && Number.isFinite(Number(value))) out.set(name, Number(value));
  }
  return out;
}

async function run(args: BenchArgs): Promise<void> {
  const { dir, seed, outDir, only } = args;
  const checker = (await import(pathToFileURL(args.checkerPath).href)) as Checker;
  mkdirSync(outDir, { recursive: true });
  const bks = readBks(dir);
  const names = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''))
    .filter((n) => only === undefined || n === only)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (names.length === 0) throw new UsageError(`no instance ${only ?? '*.txt'} in ${dir}`);
  const bound = [args.maxIterations === undefined ? '' : `${args.maxIterations} iterations`, args.timeLimitMs === undefined ? '' : `${args.timeLimitMs / 1000} s`].filter(Boolean).join(' or ');
  console.log(`${names.length} instances, seed ${seed}, stop after ${bound}`);
  const rows: Array<Record<string, unknown>> = [];
  console.log(`instance  bks        init     initMs initOk  cost       gap%    iters   timeMs  feasible`);
  for (const name of names) {
    const file = join(dir, `${name}.txt`);
    const parsed = parseCordeau(readFileSync(file, 'utf8'), name);
    const checkInst = checker.loadInstance(file);
    // Construction alone, timed and checked separately: the "first solution" acceptance figure.
    const first = solve(parsed.instance, { maxIterations: 0, seed });
    const firstCheck = checker.checkSolution(checkInst, toCheckerSolution(first));
    const sol = solve(parsed.instance, { timeLimitMs: args.timeLimitMs, maxIterations: args.maxIterations, seed });
    const written = toCheckerSolution(sol);
    writeFileSync(join(outDir, `${name}.json`), JSON.stringify(written));
    const check = checker.checkSolution(checkInst, written);
    const feasible = check.feasible && sol.unserved.length === 0;
    const best = bks.get(name);
    const gapPct = best === undefined ? null : (100 * (check.cost - best)) / best;
    const row = {
      instance: name, cost: check.cost, solverCost: sol.cost, bks: best ?? null, gapPct, timeMs: Math.round(sol.stats.timeMs), feasible,
      initCost: firstCheck.cost, initMs: Number(first.stats.constructionMs.toFixed(1)),
      initFeasible: firstCheck.feasible && first.unserved.length === 0, iterations: sol.stats.iterations,
    };
    rows.push(row);
    console.log([
      name.padEnd(9), (best ?? NaN).toFixed(2).padStart(8), first.stats.constructionCost.toFixed(2).padStart(9),
      row.initMs.toFixed(1).padStart(7), String(row.initFeasible).padStart(6), check.cost.toFixed(2).padStart(9),
      (gapPct ?? NaN).toFixed(2).padStart(7), String(sol.stats.iterations).padStart(8), String(row.timeMs).padStart(8),
      String(feasible).padStart(9), feasible ? '' : check.violations.slice(0, 3).join('; '),
    ].join(' '));
  }
  writeFileSync(join(outDir, 'summary.json'), JSON.stringify(rows, null, 2));
  const gaps = rows.map((r) => r.gapPct).filter((g): g is number => typeof g === 'number');
  const avg = gaps.reduce((s, g) => s + g, 0) / Math.max(1, gaps.length);
  const maxInit = Math.max(...rows.map((r) => r.initMs as number));
  console.log(`average gap ${avg.toFixed(3)}%  max gap ${Math.max(...gaps).toFixed(3)}%  feasible ${rows.filter((r) => r.feasible).length}/${rows.length}  max construction ${maxInit.toFixed(1)} ms`);
  if (args.compareDir !== undefined) compareWith(args.compareDir, outDir, rows);
}

/**
 * Same seed and iteration limit must give the same plans: costs are compared exactly (no rounding)
 * and the solution files byte for byte, so a change that only moves a stop shows too.
 */
function compareWith(beforeDir: string, outDir: string, rows: Array<Record<string, unknown>>): void {
  const before = new Map((JSON.parse(readFileSync(join(beforeDir, 'summary.json'), 'utf8')) as Array<Record<string, unknown>>).map((r) => [r.instance, r]));
  console.log(`\ncompared with ${beforeDir}\ninstance  iters   cost before   cost after  identical`);
  let same = 0;
  for (const row of rows) {
    const old = before.get(row.instance);
    const name = String(row.instance);
    const oldFile = join(beforeDir, `${name}.json`);
    const identical = old !== undefined && old.cost === row.cost && old.solverCost === row.solverCost && old.iterations === row.iterations
      && existsSync(oldFile) && readFileSync(oldFile, 'utf8') === readFileSync(join(outDir, `${name}.json`), 'utf8');
    if (identical) same++;
    const cost = (x: unknown) => (typeof x === 'number' ? x.toFixed(2) : '-').padStart(12);
    console.log([name.padEnd(9), String(row.iterations).padStart(5), cost(old?.cost), cost(row.cost), identical ? 'yes' : 'NO'].join(' '));
  }
  console.log(`identical ${same}/${rows.length}`);
  if (same !== rows.length) process.exitCode = 1;
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return;
  }
  await run(args);
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) {
    console.error(`bench:darp: ${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  console.error(e);
  process.exitCode = 1;
});
