import { planStateOver, type PlanState } from './plan-state';
import { compileProblem, SolverInputError, stopOf, type Problem } from './problem';
import type { SearchContext, SolutionState } from './solution-state';
import type { Instance, PlanInput, SolverRequest } from './types';

/**
 * A PlanState that outlives one batch: it takes requests the instance it was built from did not have,
 * and plans or requests that changed since, without compiling the problem again. It answers as
 * createPlanState over the instance with those requests and plans would; requests that were added but
 * are on no route may linger, and change no answer.
 */
export interface GrowablePlanState extends PlanState {
  /** Adds requests, or replaces those with the same id (rescheduling the routes they are on). */
  upsertRequests(requests: SolverRequest[]): void;
  /** Replaces the stop sequences of these vehicles. */
  setPlans(plans: PlanInput[]): void;
  /** Moves the earliest start of these vehicles (the clock moved on), rescheduling their routes. */
  setVehicleStarts(starts: Array<{ vehicleId: string; earliestS: number }>): void;
  /** Current stop sequence of every vehicle that has stops. */
  plans(): PlanInput[];
}

interface Compiled {
  P: Problem;
  ctx: SearchContext;
  sol: SolutionState;
  state: PlanState;
  /** Request slots compiled as placeholders, free for new requests. */
  free: number[];
}

const SPARE_SLOTS = 256;

/**
 * The problem is compiled with spare request slots (placeholders nobody can name) that new requests
 * fill in place: stop ids of requests are 2r and 2r+1 and nothing per stop is derived at compile time
 * beyond what a slot holds. When the slots run out it is compiled again from the routed requests.
 */
export function createGrowablePlanState(built: Instance, plans: PlanInput[], spare = SPARE_SLOTS): GrowablePlanState {
  let instance = built;
  const latest = new Map(instance.requests.map((r) => [r.id, r]));
  let c = compileWithSpares(instance, instance.requests, plans, spare);

  const currentPlans = (): PlanInput[] => c.sol.routes.filter((route) => route.m > 0).map((route) => ({
    vehicleId: c.P.source.vehicles[route.vehicle].id,
    stops: Array.from(route.seq.subarray(0, route.m), (s) => ({ requestId: c.P.stopRequestId[s], kind: s < 2 * c.P.requestCount && s % 2 === 0 ? 'pickup' as const : 'dropoff' as const })),
  }));

  return {
    insert: (id) => c.state.insert(id),
    apply: (id) => c.state.apply(id),
    plans: currentPlans,
    upsertRequests(requests) {
      for (const r of requests) latest.set(r.id, r);
      const added = requests.filter((r) => !c.P.requestIndex.has(r.id)).length;
      if (added > c.free.length || requests.some((r) => r.load.length > c.P.dims)) {
        const routed = new Set(c.sol.routes.flatMap((route) => Array.from(route.seq.subarray(0, route.m), (s) => c.P.stopRequestId[s])));
        const asked = new Set(requests.map((r) => r.id));
        for (const id of latest.keys()) if (!routed.has(id) && !asked.has(id)) latest.delete(id);
        const keep = [...latest.values()];
        c = compileWithSpares(instance, keep, currentPlans(), Math.max(spare, 2 * requests.length));
        return;
      }
      const touched = new Set<number>();
      for (const request of requests) {
        const r = c.P.requestIndex.get(request.id) ?? c.free.pop()!;
        fillSlot(c.P, r, request);
        if (c.sol.routeOf[r] >= 0) touched.add(c.sol.routeOf[r]);
      }
      for (const v of touched) c.sol.routes[v].refresh(c.ctx);
    },
    setVehicleStarts(starts) {
      const { P, sol, ctx } = c;
      const moved = new Map(starts.map((s) => [s.vehicleId, s.earliestS]));
      for (const { vehicleId, earliestS } of starts) {
        const v = P.vehicleIndex.get(vehicleId);
        if (v === undefined) throw new SolverInputError(`start for unknown vehicle ${vehicleId}`);
        P.vStartTime[v] = earliestS;
        sol.routes[v].refresh(ctx);
      }
      // A later compile starts from the instance: it gets the moved starts too.
      instance = { ...instance, vehicles: instance.vehicles.map((v) => (moved.has(v.id) ? { ...v, start: { ...v.start, earliestS: moved.get(v.id)! } } : v)) };
    },
    setPlans(changed) {
      const { P, sol, ctx } = c;
      const targets = changed.map((plan) => {
        const v = P.vehicleIndex.get(plan.vehicleId);
        if (v === undefined) throw new SolverInputError(`plan for unknown vehicle ${plan.vehicleId}`);
        const seq = plan.stops.map((s) => stopOf(P, s, v));
        if (seq.some((s) => s < 0)) throw new SolverInputError(`plan of ${plan.vehicleId} names an unknown stop`);
        return { v, seq };
      });
      // Off the old routes first, so a request moving between two changed plans ends up assigned.
      for (const { v } of targets) {
        const route = sol.routes[v];
        for (let k = 0; k < route.m; k++) if (route.seq[k] < 2 * P.requestCount && sol.routeOf[route.seq[k] >> 1] === v) sol.routeOf[route.seq[k] >> 1] = -1;
      }
      for (const { v, seq } of targets) {
        sol.routes[v].setSequence(ctx, seq, seq.length);
        for (const s of seq) if (s < 2 * P.requestCount) sol.routeOf[s >> 1] = v;
      }
    },
  };
}

function compileWithSpares(instance: Instance, requests: SolverRequest[], plans: PlanInput[], spare: number): Compiled {
  const slots = instance.nodeCount > 0 ? spare : 0;
  const spares = Array.from({ length: slots }, (_, k): SolverRequest => {
    const nowhere = { node: 0, serviceS: 0, earliestS: 0, latestS: 0 };
    return { id: `\u0000spare${k}`, pickup: nowhere, dropoff: nowhere, load: [], maxRideS: 0, mandatory: false };
  });
  const P = compileProblem({ ...instance, requests: [...requests, ...spares] });
  for (const s of spares) P.requestIndex.delete(s.id);
  const { state, ctx, sol } = planStateOver(P, plans);
  return { P, ctx, sol, state, free: spares.map((_, k) => requests.length + k).reverse() };
}

/** Writes a request into slot r, checked as compileProblem checks it. */
function fillSlot(P: Problem, r: number, request: SolverRequest): void {
  for (const spec of [request.pickup, request.dropoff]) {
    if (!Number.isInteger(spec.node) || spec.node < 0 || spec.node >= P.nodeCount) throw new SolverInputError(`request ${request.id}: node ${spec.node} outside 0..${P.nodeCount - 1}`);
    if (!(spec.earliestS <= spec.latestS)) throw new SolverInputError(`request ${request.id}: empty time window`);
  }
  if (request.load.some((q) => q < 0)) throw new SolverInputError(`request ${request.id}: negative load`);
  let pinned = -1;
  if (request.pinnedVehicleId !== undefined) {
    pinned = P.vehicleIndex.get(request.pinnedVehicleId) ?? -2;
    if (pinned === -2) throw new SolverInputError(`request ${request.id}: pinned to unknown vehicle ${request.pinnedVehicleId}`);
  }
  [request.pickup, request.dropoff].forEach((spec, end) => {
    const s = 2 * r + end;
    P.stopNode[s] = spec.node; P.stopService[s] = spec.serviceS;
    P.stopEarly[s] = spec.earliestS; P.stopLate[s] = spec.latestS; P.stopRequestId[s] = request.id;
    P.stopMaxRide[s] = request.maxRideS;
    for (let d = 0; d < P.dims; d++) P.stopLoad[s * P.dims + d] = (end === 0 ? 1 : -1) * (request.load[d] ?? 0);
  });
  P.mandatory[r] = request.mandatory ? 1 : 0;
  // A committed request keeps the vehicle its committed stop put it on (vehicles did not change).
  if (P.locked[r] === 0) P.allowedVehicle[r] = pinned;
  P.requestIndex.set(request.id, r);
}
