import { runAlns, type AlnsParams } from './alns';
import { construct } from './construction';
import { diagnoseUnserved } from './diagnose';
import { compileProblem } from './problem';
import { Rng } from './rng';
import { createContext } from './solution-state';
import { FirstOf, MaxIterations, MaxRuntime, NoImprovement, WhenAsked, type StoppingRule } from './stopping';
import { toPublicRoute } from './to-public';
import type { Instance, Solution, SolveOptions } from './types';

const DEFAULT_TIME_LIMIT_MS = 1000;
const DEFAULT_TUNING: Omit<AlnsParams, 'now'> = { startTemperature: 0.02, endTemperature: 0.0001, restartAfter: 2000, qFraction: 0.3, qCap: 40, polishWithin: 0.01 };

/**
 * Plans routes for all requests: construction (warm start + regret insertion), then ALNS until a
 * stopping rule fires. Deterministic for a seed when bounded by iterations (wall-clock limits only
 * cut the run short). Mandatory requests that cannot be served come back in `unserved` with a reason.
 */
export function solve(instance: Instance, options: SolveOptions = {}): Solution {
  const t0 = performance.now();
  const P = compileProblem(instance);
  const ctx = createContext(P, new Rng(options.seed ?? 1));
  const { sol, issues } = construct(ctx, options.initial);
  const constructionMs = performance.now() - t0;
  const constructionCost = sol.drivingCost();
  const rules: StoppingRule[] = [];
  if (options.maxIterations !== undefined) rules.push(new MaxIterations(options.maxIterations));
  const timeLimit = options.timeLimitMs ?? (options.maxIterations === undefined ? DEFAULT_TIME_LIMIT_MS : undefined);
  if (timeLimit !== undefined) rules.push(new MaxRuntime(Math.max(0, timeLimit - constructionMs)));
  if (options.maxNoImprovement !== undefined) rules.push(new NoImprovement(options.maxNoImprovement));
  if (options.shouldStop) rules.push(new WhenAsked(options.shouldStop));
  const run = P.requestCount === 0
    ? { best: sol, iterations: 0, improvements: 0 }
    : runAlns(ctx, sol, new FirstOf(rules), {
      ...DEFAULT_TUNING, ...options.tuning, now: () => performance.now(),
    });
  const best = run.best;
  const unserved = issues.concat(best.unassigned().map((r) => diagnoseUnserved(ctx, best, r)));
  return {
    routes: best.routes.map((r) => toPublicRoute(P, ctx.sched, r)),
    unserved,
    cost: best.drivingCost(),
    stats: { iterations: run.iterations, timeMs: performance.now() - t0, constructionMs, improvements: run.improvements, constructionCost },
  };
}
