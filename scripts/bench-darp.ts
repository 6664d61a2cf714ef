/**
 * DARP benchmark: solves every Cordeau instance in a folder on one thread, writes one solution file
 * per instance plus summary.json, checks each with the benchmark checker, prints a table.
 *
 *   npm run bench:darp -- --instances DIR --time-limit SECONDS --seed N --out OUTDIR [--instance NAME]
 *      [--checker PATH/darp-check.mjs]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCordeau } from '../routing/darp/read-cordeau';
import { toCheckerSolution } from '../routing/darp/write-solution';
import { solve } from '../routing/solver/index';

interface Checker {
  loadInstance(path: string): unknown;
  checkSolution(inst: unknown, sol: unknown): { feasible: boolean; cost: number; violations: string[] };
}

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : fallback;
  if (value === undefined) throw new Error(`missing --${name}`);
  return value;
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

async function main(): Promise<void> {
  const dir = arg('instances');
  const seconds = Number(arg('time-limit', '10'));
  const seed = Number(arg('seed', '1'));
  const outDir = arg('out', 'bench-out/darp');
  const only = process.argv.includes('--instance') ? arg('instance') : undefined;
  const checkerPath = resolve(arg('checker', join(dir, '..', 'darp-check.mjs')));
  const checker = (await import(pathToFileURL(checkerPath).href)) as Checker;
  mkdirSync(outDir, { recursive: true });
  const bks = readBks(dir);
  const names = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''))
    .filter((n) => only === undefined || n === only)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const rows: Array<Record<string, unknown>> = [];
  console.log(`instance  bks        init     initMs initOk  cost       gap%    iters   timeMs  feasible`);
  for (const name of names) {
    const file = join(dir, `${name}.txt`);
    const parsed = parseCordeau(readFileSync(file, 'utf8'), name);
    const checkInst = checker.loadInstance(file);
    // Construction alone, timed and checked separately: the "first solution" acceptance figure.
    const first = solve(parsed.instance, { maxIterations: 0, seed });
    const firstCheck = checker.checkSolution(checkInst, toCheckerSolution(first));
    const sol = solve(parsed.instance, { timeLimitMs: seconds * 1000, seed });
    const written = toCheckerSolution(sol);
    writeFileSync(join(outDir, `${name}.json`), JSON.stringify(written));
    const check = checker.checkSolution(checkInst, written);
    const feasible = check.feasible && sol.unserved.length === 0;
    const best = bks.get(name);
    const gapPct = best === undefined ? null : (100 * (check.cost - best)) / best;
    const row = {
      instance: name, cost: check.cost, bks: best ?? null, gapPct, timeMs: Math.round(sol.stats.timeMs), feasible,
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
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
