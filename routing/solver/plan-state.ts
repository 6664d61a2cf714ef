import { findCheapestVehicle } from './cheapest-vehicle';
import { compileProblem, SolverInputError, stopOf, type Problem } from './problem';
import { Rng } from './rng';
import { RouteState } from './route-state';
import { CAPACITY, FEASIBLE, REASON_CODES, RIDE_TIME, ROUTE_DURATION, TIME_WINDOW } from './schedule';
import { createContext, SolutionState, type SearchContext } from './solution-state';
import { toPublicRoute } from './to-public';
import type { Instance, PlanInput, Route } from './types';

export type InsertResult =
  | {
    feasible: true; vehicleId: string; route: Route; deltaCost: number; pickupStartS: number; dropoffStartS: number;
    /** Latest pickup start that keeps the whole route feasible: promise [pickupStartS, pickupLatestS]. */
    pickupLatestS: number;
  }
  | { feasible: false; reason: string; detail: string };

/** Indexed current plans: build once, then ask many "can we take this booking?" questions. */
export interface PlanState {
  /** Cheapest feasible insertion of a request that is not planned yet; does not change the state. */
  insert(requestId: string): InsertResult;
  /** Like insert, and keeps the insertion in the state (for building plans booking by booking). */
  apply(requestId: string): InsertResult;
}

export function createPlanState(instance: Instance, routes: PlanInput[]): PlanState {
  return planStateOver(compileProblem(instance), routes).state;
}

/** createPlanState over an already compiled problem, with the search state it answers from. */
export function planStateOver(P: Problem, routes: PlanInput[]): { state: PlanState; ctx: SearchContext; sol: SolutionState } {
  const ctx = createContext(P, new Rng(1));
  const sol = new SolutionState(P, ctx.costs);
  for (const plan of routes) {
    const v = P.vehicleIndex.get(plan.vehicleId);
    if (v === undefined) throw new SolverInputError(`plan for unknown vehicle ${plan.vehicleId}`);
    const seq = plan.stops.map((s) => stopOf(P, s, v));
    if (seq.some((s) => s < 0)) throw new SolverInputError(`plan of ${plan.vehicleId} names an unknown stop`);
    sol.routes[v].setSequence(ctx, seq, seq.length);
    sol.routes[v].fixed = P.vPrefix[v].length;
    for (const s of seq) if (s < 2 * P.requestCount) sol.routeOf[s >> 1] = v;
  }
  const scratch = new RouteState(0);
  const decide = (requestId: string, keep: boolean): InsertResult => {
    const r = P.requestIndex.get(requestId);
    if (r === undefined) throw new SolverInputError(`unknown request ${requestId}`);
    if (sol.routeOf[r] >= 0) return { feasible: false, reason: 'already_planned', detail: `already on vehicle ${P.source.vehicles[sol.routeOf[r]].id}` };
    const { vehicle: bestV, delta: bestDelta, i: bestI, j: bestJ, failMask } = findCheapestVehicle(ctx, sol.routes, r);
    if (bestV < 0) return rejection(ctx, r, failMask);
    const target = keep ? sol.routes[bestV] : scratch;
    if (!keep) scratch.copyFrom(sol.routes[bestV], P.dims);
    target.insertPair(ctx, 2 * r, bestI, 2 * r + 1, bestJ);
    if (keep) sol.routeOf[r] = bestV;
    const pickupAt = bestI, dropAt = bestJ + 1;
    return {
      feasible: true, vehicleId: P.source.vehicles[bestV].id, route: toPublicRoute(P, ctx.sched, target), deltaCost: bestDelta,
      pickupStartS: target.start[pickupAt], dropoffStartS: target.start[dropAt],
      pickupLatestS: latestPickupStart(ctx, target, pickupAt),
    };
  };
  return { state: { insert: (id) => decide(id, false), apply: (id) => decide(id, true) }, ctx, sol };
}

/** Thin wrapper for a single question; builds the indexed state each call. */
export function insertRequest(instance: Instance, routes: PlanInput[], requestId: string): InsertResult {
  return createPlanState(instance, routes).insert(requestId);
}

/** Bisection on a forced lower bound for the pickup: feasible starts form an interval. */
function latestPickupStart(ctx: SearchContext, route: RouteState, at: number): number {
  const { P, sched } = ctx;
  const s = route.seq[at];
  const saved = P.stopEarly[s];
  let lo = route.start[at], hi = P.stopLate[s];
  const integral = Number.isInteger(lo) && Number.isInteger(hi);
  const feasibleFrom = (x: number): boolean => {
    P.stopEarly[s] = x;
    const ok = sched.evaluate(route.vehicle, route.seq, route.m) === FEASIBLE;
    P.stopEarly[s] = saved;
    return ok;
  };
  if (feasibleFrom(hi)) return hi;
  for (let step = 0; step < 60 && hi - lo > (integral ? 1 : 1e-6); step++) {
    const mid = integral ? Math.floor((lo + hi) / 2) : (lo + hi) / 2;
    if (feasibleFrom(mid)) lo = mid;
    else hi = mid;
  }
  sched.evaluate(route.vehicle, route.seq, route.m);
  return lo;
}

function rejection(ctx: SearchContext, r: number, mask: number): InsertResult {
  const { P } = ctx;
  const rules = [CAPACITY, RIDE_TIME, TIME_WINDOW, ROUTE_DURATION].filter((c) => mask & (1 << c)).map((c) => REASON_CODES[c]);
  if (P.allowedVehicle[r] >= 0) {
    return { feasible: false, reason: 'pinned_vehicle_infeasible', detail: `vehicle ${P.source.vehicles[P.allowedVehicle[r]].id}: ${rules.join(', ') || 'no position'}` };
  }
  if (P.vehicleCount === 0) return { feasible: false, reason: 'no_vehicle', detail: 'no vehicles' };
  if (rules.length === 1) return { feasible: false, reason: rules[0], detail: `every position breaks ${rules[0]}` };
  return { feasible: false, reason: 'no_vehicle', detail: `no vehicle has a feasible position (${rules.join(', ') || 'none'})` };
}
