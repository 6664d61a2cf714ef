import { checkRoute, createPlanState, solve, type Instance, type PlanInput, type Route, type Unserved, type Violation } from '../routing/solver';

/**
 * The CPU-heavy work of the worker pool as plain functions over solver input, so a worker thread
 * can run them (solve-thread.ts) and tests can call them directly. Nothing here does I/O.
 */

/** Place `order` one by one into the plans; for each request that does not fit, try its variants. */
export interface InsertBatchTask {
  kind: 'insertBatch';
  instance: Instance;
  plans: PlanInput[];
  order: string[];
  /** Request id → ids of variant requests (other times), in the order to try them. */
  variants: Record<string, string[]>;
  /** Stop after this many feasible variants per request. */
  maxVariants: number;
}

export type BatchOutcome =
  | { requestId: string; feasible: true; vehicleId: string }
  | { requestId: string; feasible: false; reason: string; detail: string; feasibleVariants: string[] };

export interface InsertBatchAnswer {
  outcomes: BatchOutcome[];
  /** Final route of every vehicle that took a request, with its schedule. */
  routes: Route[];
}

/**
 * For requests that did not fit: which of their variants (other times) the given plans can still take,
 * up to `maxVariants` each, trying them in order. Nothing is placed.
 */
export interface AlternativesTask {
  kind: 'alternatives';
  instance: Instance;
  plans: PlanInput[];
  /** Request id → ids of variant requests, in the order to try them. */
  variants: Record<string, string[]>;
  maxVariants: number;
}

export interface AlternativesAnswer {
  /** Request id → its feasible variants. */
  feasibleVariants: Record<string, string[]>;
}

/** Warm-started solve of the current plans, and an independent check of every route it changed. */
export interface ReoptimiseTask {
  kind: 'reoptimise';
  instance: Instance;
  plans: PlanInput[];
  timeLimitMs: number;
  seed: number;
}

export interface ReoptimiseAnswer {
  /** Cost of the current plans as they stand, or null when they are not feasible any more. */
  currentCost: number | null;
  cost: number;
  routes: Route[];
  unserved: Unserved[];
  iterations: number;
  /** Vehicles whose stop sequence changed, with checkRoute's verdict on the new sequence. */
  changed: Array<{ vehicleId: string; violations: Violation[] }>;
}

export type SolverTask = InsertBatchTask | AlternativesTask | ReoptimiseTask;
export type SolverAnswer<T extends SolverTask> = T extends InsertBatchTask ? InsertBatchAnswer : T extends AlternativesTask ? AlternativesAnswer : ReoptimiseAnswer;

export function runSolverTask(task: SolverTask): InsertBatchAnswer | AlternativesAnswer | ReoptimiseAnswer {
  if (task.kind === 'insertBatch') return insertBatch(task);
  return task.kind === 'alternatives' ? findAlternatives(task) : reoptimise(task);
}

export function insertBatch(task: InsertBatchTask): InsertBatchAnswer {
  const state = createPlanState(task.instance, task.plans);
  const finalRoutes = new Map<string, Route>();
  const placed: Array<BatchOutcome | { requestId: string; rejected: { reason: string; detail: string } }> = task.order.map((requestId) => {
    const answer = state.apply(requestId);
    if (!answer.feasible) return { requestId, rejected: { reason: answer.reason, detail: answer.detail } };
    finalRoutes.set(answer.vehicleId, answer.route);
    return { requestId, feasible: true, vehicleId: answer.vehicleId };
  });
  // Variants are asked against the final plans, so an alternative time is one the bus can still do.
  const outcomes = placed.map((entry): BatchOutcome => {
    if (!('rejected' in entry)) return entry;
    const feasibleVariants: string[] = [];
    for (const variant of task.variants[entry.requestId] ?? []) {
      if (feasibleVariants.length >= task.maxVariants) break;
      if (state.insert(variant).feasible) feasibleVariants.push(variant);
    }
    return { requestId: entry.requestId, feasible: false, ...entry.rejected, feasibleVariants };
  });
  return { outcomes, routes: [...finalRoutes.values()] };
}

export function findAlternatives(task: AlternativesTask): AlternativesAnswer {
  const state = createPlanState(task.instance, task.plans);
  const feasibleVariants: Record<string, string[]> = {};
  for (const [requestId, variants] of Object.entries(task.variants)) {
    const found: string[] = [];
    for (const variant of variants) {
      if (found.length >= task.maxVariants) break;
      if (state.insert(variant).feasible) found.push(variant);
    }
    feasibleVariants[requestId] = found;
  }
  return { feasibleVariants };
}

export function reoptimise(task: ReoptimiseTask): ReoptimiseAnswer {
  const current = solve(task.instance, { initial: task.plans, maxIterations: 0, seed: task.seed });
  const currentFeasible = current.unserved.length === 0 && sameSequences(current.routes, task.plans);
  const best = solve(task.instance, { initial: task.plans, timeLimitMs: task.timeLimitMs, seed: task.seed });
  const before = new Map(task.plans.map((p) => [p.vehicleId, p.stops]));
  const changed = best.routes
    .filter((route) => !sameStops(route.stops, before.get(route.vehicleId) ?? []))
    .map((route) => {
      const verdict = checkRoute(task.instance, route.vehicleId, route.stops.map(({ requestId, kind }) => ({ requestId, kind })));
      return { vehicleId: route.vehicleId, violations: verdict.feasible ? [] : verdict.violations };
    });
  return {
    currentCost: currentFeasible ? current.cost : null,
    cost: best.cost,
    routes: best.routes,
    unserved: best.unserved,
    iterations: best.stats.iterations,
    changed,
  };
}

function sameStops(a: Array<{ requestId: string; kind: string }>, b: Array<{ requestId: string; kind: string }>): boolean {
  return a.length === b.length && a.every((stop, i) => stop.requestId === b[i].requestId && stop.kind === b[i].kind);
}

/** The warm start kept every plan as it was (nothing dropped as infeasible). */
function sameSequences(routes: Route[], plans: PlanInput[]): boolean {
  const byVehicle = new Map(routes.map((r) => [r.vehicleId, r.stops]));
  return plans.every((plan) => sameStops(byVehicle.get(plan.vehicleId) ?? [], plan.stops));
}
