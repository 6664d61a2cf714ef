import { checkRoute, checkRoutes, createPlanState, solve, type Instance, type PlanInput, type PlanState, type Route, type Solution, type SolverRequest, type Unserved, type Violation } from './solver';
import { createGrowablePlanState, type GrowablePlanState } from './solver/plan-state-extend';

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
  /** Keep the plan state in this thread afterwards under `key`, labelled `token`, for delta tasks. */
  keep?: { key: string; token: string };
}

/**
 * insertBatch on the plan state this thread kept for `key` at `baseToken`, brought up to date first:
 * only what changed since crosses the thread boundary. The state is then labelled `token`.
 */
export interface InsertBatchDeltaTask {
  kind: 'insertBatchDelta';
  key: string;
  baseToken: string;
  token: string;
  /** Requests the kept state lacks or holds in another form (the ones to place among them). */
  requests: SolverRequest[];
  /** Plans that differ from the kept state's routes (a vehicle without stops: empty). */
  plans: PlanInput[];
  /** Vehicles whose earliest start moved. */
  starts: Array<{ vehicleId: string; earliestS: number }>;
  order: string[];
  variants: Record<string, string[]>;
  maxVariants: number;
}

/** This thread kept no plan state for the key at that token (first batch, other batch, new thread). */
export interface PlanStateMissing {
  missing: true;
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

/** AlternativesTask on the plan state kept for `key` at `token`, with the variant requests added. */
export interface AlternativesDeltaTask {
  kind: 'alternativesDelta';
  key: string;
  token: string;
  requests: SolverRequest[];
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
  /**
   * Ends the search after this many iterations instead of at the time limit: the same instance,
   * plans, seed and iterations then give the same answer (a logged solve replayed).
   */
  maxIterations?: number;
  /** Over a SharedArrayBuffer: the caller stores 1 in [0] to end the search early (bookings are waiting). */
  stop?: Int32Array;
  /**
   * Requests on no plan (promised rides no bus carries, e.g. after a breakdown) that the search may
   * place where they fit, or leave out; they do not count in the plans as they stand.
   */
  optional?: string[];
}

export interface ReoptimiseAnswer {
  /** Cost of the re-planned plans as they stand (those left alone not counted), or null when there is nothing to re-plan. */
  currentCost: number | null;
  cost: number;
  routes: Route[];
  unserved: Unserved[];
  iterations: number;
  /** Vehicles whose stop sequence changed, with checkRoute's verdict on the new sequence. */
  changed: Array<{ vehicleId: string; violations: Violation[] }>;
  /** The search ended early because the caller asked (`stop`). */
  stopped: boolean;
  /** The optional requests the new plans carry. */
  placed: string[];
  /**
   * Vehicles whose current plan is not feasible as it stands (a bus late on its plan, say): they keep
   * their plan and its riders, and the others are re-planned without them.
   */
  leftAlone: Array<{ vehicleId: string; violations: Violation[] }>;
}

export type SolverTask = InsertBatchTask | InsertBatchDeltaTask | AlternativesTask | AlternativesDeltaTask | ReoptimiseTask;
export type SolverAnswer<T extends SolverTask> =
  T extends InsertBatchTask ? InsertBatchAnswer
    : T extends InsertBatchDeltaTask ? InsertBatchAnswer | PlanStateMissing
      : T extends AlternativesTask ? AlternativesAnswer
        : T extends AlternativesDeltaTask ? AlternativesAnswer | PlanStateMissing
          : ReoptimiseAnswer;

/** The key of the plan state a task keeps or starts from: the pool runs the latter where the former ran. */
export function planStateKey(task: SolverTask): string | undefined {
  if (task.kind === 'insertBatch') return task.keep?.key;
  return task.kind === 'insertBatchDelta' || task.kind === 'alternativesDelta' ? task.key : undefined;
}

export function runSolverTask(task: SolverTask): InsertBatchAnswer | AlternativesAnswer | ReoptimiseAnswer | PlanStateMissing {
  if (task.kind === 'insertBatch' || task.kind === 'insertBatchDelta') return insertBatch(task);
  if (task.kind === 'alternatives' || task.kind === 'alternativesDelta') return findAlternatives(task);
  return reoptimise(task);
}

/** Plan states kept by this thread, by key; the oldest goes when there are more than this. */
const KEPT_STATES = 16;
const kept = new Map<string, { token: string; state: GrowablePlanState }>();

function keepState(key: string, token: string, state: GrowablePlanState): void {
  kept.set(key, { token, state });
  if (kept.size > KEPT_STATES) kept.delete(kept.keys().next().value!);
}

/** Takes the kept state out while it changes, so a task that throws half-way leaves nothing kept. */
function takeState(key: string, token: string): GrowablePlanState | undefined {
  const entry = kept.get(key);
  kept.delete(key);
  return entry?.token === token ? entry.state : undefined;
}

export function insertBatch(task: InsertBatchTask): InsertBatchAnswer;
export function insertBatch(task: InsertBatchTask | InsertBatchDeltaTask): InsertBatchAnswer | PlanStateMissing;
export function insertBatch(task: InsertBatchTask | InsertBatchDeltaTask): InsertBatchAnswer | PlanStateMissing {
  if (task.kind === 'insertBatch') {
    if (!task.keep) return placeBatch(createPlanState(task.instance, task.plans), task);
    kept.delete(task.keep.key);
    const state = createGrowablePlanState(task.instance, task.plans);
    const answer = placeBatch(state, task);
    keepState(task.keep.key, task.keep.token, state);
    return answer;
  }
  const state = takeState(task.key, task.baseToken);
  if (!state) return { missing: true };
  state.setVehicleStarts(task.starts);
  state.upsertRequests(task.requests);
  state.setPlans(task.plans);
  const answer = placeBatch(state, task);
  keepState(task.key, task.token, state);
  return answer;
}

function placeBatch(state: PlanState, task: Pick<InsertBatchTask, 'order' | 'variants' | 'maxVariants'>): InsertBatchAnswer {
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
    const feasibleVariants = variantsThatFit(state, task.variants[entry.requestId] ?? [], task.maxVariants);
    return { requestId: entry.requestId, feasible: false, ...entry.rejected, feasibleVariants };
  });
  return { outcomes, routes: [...finalRoutes.values()] };
}

export function findAlternatives(task: AlternativesTask): AlternativesAnswer;
export function findAlternatives(task: AlternativesTask | AlternativesDeltaTask): AlternativesAnswer | PlanStateMissing;
export function findAlternatives(task: AlternativesTask | AlternativesDeltaTask): AlternativesAnswer | PlanStateMissing {
  let state: PlanState;
  if (task.kind === 'alternatives') state = createPlanState(task.instance, task.plans);
  else {
    const grown = takeState(task.key, task.token);
    if (!grown) return { missing: true };
    grown.upsertRequests(task.requests);
    keepState(task.key, task.token, grown);
    state = grown;
  }
  const feasibleVariants: Record<string, string[]> = {};
  for (const [requestId, variants] of Object.entries(task.variants)) feasibleVariants[requestId] = variantsThatFit(state, variants, task.maxVariants);
  return { feasibleVariants };
}

function variantsThatFit(state: PlanState, variants: string[], maxVariants: number): string[] {
  const found: string[] = [];
  for (const variant of variants) {
    if (found.length >= maxVariants) break;
    if (state.insert(variant).feasible) found.push(variant);
  }
  return found;
}

export function reoptimise(task: ReoptimiseTask): ReoptimiseAnswer {
  const optional = new Set(task.optional ?? []);
  const withOptional = optional.size === 0 ? task : {
    ...task, instance: { ...task.instance, requests: task.instance.requests.map((r) => (optional.has(r.id) ? { ...r, mandatory: false } : r)) },
  };
  // The plans as they stand, without the requests no plan carries.
  const onPlans = optional.size === 0 ? task : { ...task, instance: { ...task.instance, requests: task.instance.requests.filter((r) => !optional.has(r.id)) } };
  const asTheyStand = solve(onPlans.instance, { initial: task.plans, maxIterations: 0, seed: task.seed });
  const leftAlone = infeasiblePlans(onPlans, asTheyStand);
  const leftIds = new Set(leftAlone.map((v) => v.vehicleId));
  const { instance, plans } = leftAlone.length === 0 ? withOptional : without(withOptional, leftIds);
  if (instance.requests.length === 0 && instance.vehicles.every((v) => v.onboard.length === 0)) {
    return { currentCost: null, cost: 0, routes: [], unserved: [], iterations: 0, changed: [], stopped: false, placed: [], leftAlone };
  }
  const current = leftAlone.length === 0 ? asTheyStand : solve(without(onPlans, leftIds).instance, { initial: plans, maxIterations: 0, seed: task.seed });
  const currentFeasible = current.unserved.length === 0 && sameSequences(current.routes, plans);
  const stop = task.stop;
  const limit = task.maxIterations === undefined ? { timeLimitMs: task.timeLimitMs } : { maxIterations: task.maxIterations };
  const best = solve(instance, { initial: plans, ...limit, seed: task.seed, shouldStop: stop && (() => Atomics.load(stop, 0) === 1) });
  const before = new Map(plans.map((p) => [p.vehicleId, p.stops]));
  const moved = best.routes.filter((route) => !sameStops(route.stops, before.get(route.vehicleId) ?? []));
  const verdicts = checkRoutes(instance, moved.map((route) => ({ vehicleId: route.vehicleId, stops: route.stops.map(({ requestId, kind }) => ({ requestId, kind })) })));
  const changed = moved.map((route, i) => {
    const verdict = verdicts[i];
    return { vehicleId: route.vehicleId, violations: verdict.feasible ? [] : verdict.violations };
  });
  return {
    currentCost: currentFeasible ? current.cost : null,
    cost: best.cost,
    routes: best.routes,
    unserved: best.unserved.filter((u) => !optional.has(u.requestId)),
    iterations: best.stats.iterations,
    changed,
    stopped: stop !== undefined && Atomics.load(stop, 0) === 1,
    placed: best.routes.flatMap((r) => r.stops.filter((s) => s.kind === 'pickup' && optional.has(s.requestId)).map((s) => s.requestId)),
    leftAlone,
  };
}

/**
 * The plans the warm start (`kept`) could not keep as they are, each confirmed by checkRoute (the
 * warm start also changes a feasible plan when it places a request another plan dropped).
 */
function infeasiblePlans(task: Pick<ReoptimiseTask, 'instance' | 'plans'>, kept: Solution): Array<{ vehicleId: string; violations: Violation[] }> {
  if (kept.unserved.length === 0 && sameSequences(kept.routes, task.plans)) return [];
  const routeOf = new Map(kept.routes.map((r) => [r.vehicleId, r.stops]));
  const found: Array<{ vehicleId: string; violations: Violation[] }> = [];
  for (const plan of task.plans) {
    if (sameStops(routeOf.get(plan.vehicleId) ?? [], plan.stops)) continue;
    const verdict = checkRoute(task.instance, plan.vehicleId, plan.stops);
    if (!verdict.feasible) found.push({ vehicleId: plan.vehicleId, violations: verdict.violations });
  }
  return found;
}

/** The task without these vehicles, their plans and the requests on those plans or pinned to them. */
function without(task: Pick<ReoptimiseTask, 'instance' | 'plans'>, vehicleIds: Set<string>): Pick<ReoptimiseTask, 'instance' | 'plans'> {
  const theirs = new Set<string>();
  for (const plan of task.plans) if (vehicleIds.has(plan.vehicleId)) for (const stop of plan.stops) theirs.add(stop.requestId);
  const requests = task.instance.requests.filter((r) => !theirs.has(r.id) && !(r.pinnedVehicleId && vehicleIds.has(r.pinnedVehicleId)));
  return {
    instance: { ...task.instance, requests, vehicles: task.instance.vehicles.filter((v) => !vehicleIds.has(v.id)) },
    plans: task.plans.filter((p) => !vehicleIds.has(p.vehicleId)),
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
