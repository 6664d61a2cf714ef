import { findCheapestVehicle } from './cheapest-vehicle';
import { stopOf } from './problem';
import { repairByRegret } from './repair-insertion';
import { FEASIBLE } from './schedule';
import { SolutionState, type SearchContext } from './solution-state';
import type { PlanInput, Unserved } from './types';

/**
 * First solution: each vehicle starts with its committed prefix, then its warm-start stops (cut back
 * from the end until feasible), then the drop-offs it must still make (onboard passengers, committed
 * pickups) at their cheapest feasible positions; all other requests go in by regret-3 insertion.
 * Problems found on the way (a prefix or an onboard drop-off that cannot be kept) are returned.
 */
export function construct(ctx: SearchContext, initial: PlanInput[] | undefined): { sol: SolutionState; issues: Unserved[] } {
  const { P } = ctx;
  const sol = new SolutionState(P, ctx.costs);
  const issues: Unserved[] = [];
  const warm = new Map<number, number[]>();
  const taken = new Uint8Array(P.stopCount);
  for (const plan of initial ?? []) {
    const v = P.vehicleIndex.get(plan.vehicleId);
    if (v === undefined) continue;
    const stops = plan.stops.map((s) => stopOf(P, s, v)).filter((s) => s >= 0);
    warm.set(v, stops);
  }
  for (let v = 0; v < P.vehicleCount; v++) {
    const route = sol.routes[v];
    const prefix = Array.from(P.vPrefix[v]);
    prefix.forEach((s) => { taken[s] = 1; });
    route.setSequence(ctx, prefix, prefix.length);
    route.fixed = prefix.length;
    if (!route.feasible) {
      issues.push({ requestId: P.stopRequestId[prefix[0]], reason: 'committed_prefix', detail: `committed stops of vehicle ${P.source.vehicles[v].id} cannot be scheduled feasibly` });
    }
    const extra = (warm.get(v) ?? []).filter((s) => !taken[s] && isPlaceable(ctx, s, v));
    const seq = prefix.concat(keepWholeRequests(extra, P.requestCount));
    let m = seq.length;
    while (m > prefix.length && ctx.sched.evaluate(v, seq, m) !== FEASIBLE) m = dropLastRequest(seq, m, prefix.length, P.requestCount);
    route.setSequence(ctx, seq, m);
    for (let k = 0; k < m; k++) {
      taken[seq[k]] = 1;
      if (seq[k] < 2 * P.requestCount) sol.routeOf[seq[k] >> 1] = v;
    }
    for (const s of P.vOrphanDrops[v]) {
      if (taken[s]) continue;
      if (!insertSingle(ctx, sol, v, s)) {
        issues.push({ requestId: P.stopRequestId[s], reason: 'time_window', detail: `drop-off on vehicle ${P.source.vehicles[v].id} cannot be scheduled within its deadline` });
      }
      taken[s] = 1;
    }
  }
  return { sol: insertAll(ctx, sol), issues };
}

/** Above this many request × vehicle pairs, regret insertion (quadratic in requests) is too slow. */
const LARGE = 20_000;

/** Cheapest insertion one request at a time in order of urgency: n × V searches, as bookings arrive. */
function insertSequentially(ctx: SearchContext, sol: SolutionState, pending: number[]): SolutionState {
  for (const r of pending) {
    const best = findCheapestVehicle(ctx, sol.routes, r);
    if (best.vehicle >= 0) sol.insert(ctx, r, best.vehicle, best.i, best.j);
  }
  return sol;
}

/** Regret orders to try, best first on the Cordeau set; later ones only run while requests are left over. */
const ATTEMPTS = [2, 3, 4, 1];

/**
 * Inserts every pending request by regret insertion, retrying with other regret orders from the same
 * base while any request is left over, and keeps the attempt with fewest leftovers, then cheapest.
 */
function insertAll(ctx: SearchContext, base: SolutionState): SolutionState {
  const { P } = ctx;
  const urgency = (r: number) => Math.min(P.stopLate[2 * r], P.stopLate[2 * r + 1]);
  const pending = base.unassigned().sort((a, b) => P.mandatory[b] - P.mandatory[a] || urgency(a) - urgency(b) || a - b);
  if (pending.length * P.vehicleCount > LARGE) return insertSequentially(ctx, base, pending);
  let best: SolutionState | undefined;
  let bestKey = [Infinity, Infinity];
  for (const k of ATTEMPTS) {
    const sol = base.clone();
    repairByRegret(ctx, sol, pending.slice(), k, 0);
    const key = [sol.unassigned().length, sol.objective()];
    if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) { best = sol; bestKey = key; }
    if (key[0] === 0) break;
  }
  return best ?? base;
}

function isPlaceable(ctx: SearchContext, s: number, v: number): boolean {
  if (s >= 2 * ctx.P.requestCount) return true;
  const a = ctx.P.allowedVehicle[s >> 1];
  return a < 0 || a === v;
}

/** Drops a warm-start drop-off whose pickup is missing and vice versa (unless the pickup is onboard). */
function keepWholeRequests(stops: number[], R: number): number[] {
  const present = new Set(stops);
  return stops.filter((s) => s >= 2 * R || present.has(s ^ 1));
}

function dropLastRequest(seq: number[], m: number, fixed: number, R: number): number {
  for (let k = m - 1; k >= fixed; k--) {
    const s = seq[k];
    if (s >= 2 * R) continue;
    const gone = new Set([s, s ^ 1]);
    const kept = seq.slice(0, m).filter((x, idx) => idx < fixed || !gone.has(x));
    seq.splice(0, m, ...kept);
    return kept.length;
  }
  return fixed;
}

/** Cheapest feasible position (after the fixed prefix) for a lone stop such as an onboard drop-off. */
function insertSingle(ctx: SearchContext, sol: SolutionState, v: number, s: number): boolean {
  const { sched, costs } = ctx;
  const route = sol.routes[v];
  const seq = Array.from(route.seq.subarray(0, route.m));
  let bestPos = -1, bestCost = Infinity;
  for (let i = route.fixed; i <= route.m; i++) {
    const cand = seq.slice(0, i).concat([s], seq.slice(i));
    if (sched.evaluate(v, cand, cand.length) !== FEASIBLE) continue;
    const delta = costs.stopInsertionDelta(route, s, i);
    if (delta < bestCost) { bestCost = delta; bestPos = i; }
  }
  if (bestPos < 0) return false;
  route.insertOne(ctx, s, bestPos);
  return true;
}
