import { checkBreaks } from './check-breaks';
import { CostEvaluator } from './cost-evaluator';
import { compileProblem, stopOf, type Problem } from './problem';
import { CAPACITY, FEASIBLE, REASON_CODES, Scheduler } from './schedule';
import { RouteState } from './route-state';
import { toPublicRoute } from './to-public';
import type { Instance, Route, StopRef, Violation } from './types';

/**
 * Independent check of a dispatcher's sequence for one vehicle: structure, committed prefix, pins,
 * capacity and time windows are listed stop by stop; ride-time and duration limits (which need the
 * exact schedule) are reported for the first stop that breaks them; the schedule found is checked
 * against the vehicle's breaks once more, from the instance itself.
 */
export function checkRoute(instance: Instance, vehicleId: string, stops: StopRef[]): RouteVerdict {
  return checkCompiled(compileProblem(instance), vehicleId, stops);
}

export type RouteVerdict = { feasible: true; route: Route } | { feasible: false; violations: Violation[] };

/** checkRoute for several vehicles of one instance, compiling it once (a re-plan checks every route it changed). */
export function checkRoutes(instance: Instance, routes: Array<{ vehicleId: string; stops: StopRef[] }>): RouteVerdict[] {
  const P = compileProblem(instance);
  return routes.map(({ vehicleId, stops }) => checkCompiled(P, vehicleId, stops));
}

function checkCompiled(P: Problem, vehicleId: string, stops: StopRef[]): RouteVerdict {
  const v = P.vehicleIndex.get(vehicleId);
  if (v === undefined) return { feasible: false, violations: [{ rule: 'structure', detail: `unknown vehicle ${vehicleId}` }] };
  const violations: Violation[] = [];
  const seq: number[] = [];
  for (const ref of stops) {
    const s = stopOf(P, ref, v);
    if (s < 0) violations.push({ rule: 'structure', requestId: ref.requestId, detail: `unknown ${ref.kind} of ${ref.requestId}` });
    else seq.push(s);
  }
  checkStructure(P, v, seq, violations);
  if (violations.length === 0) checkLoadsAndWindows(P, v, seq, violations);
  const sched = new Scheduler(P);
  if (violations.length === 0) {
    const code = sched.evaluate(v, seq, seq.length);
    if (code !== FEASIBLE) {
      const at = sched.failPos >= 0 ? seq[sched.failPos] : -1;
      violations.push({
        rule: REASON_CODES[code] as Violation['rule'],
        requestId: at >= 0 ? P.stopRequestId[at] : undefined,
        detail: at >= 0 ? `no schedule meets ${REASON_CODES[code]} at stop ${sched.failPos}` : `no schedule meets ${REASON_CODES[code]}`,
      });
    }
  }
  if (violations.length > 0) return { feasible: false, violations };
  const route = new RouteState(v);
  route.setSequence({ P, sched, costs: new CostEvaluator(P) }, seq, seq.length);
  const scheduled = toPublicRoute(P, sched, route);
  const broken = checkBreaks(P.source, scheduled, (k) => P.stopService[seq[k]]);
  return broken.length > 0 ? { feasible: false, violations: broken } : { feasible: true, route: scheduled };
}

function checkStructure(P: Problem, v: number, seq: number[], out: Violation[]): void {
  const R = P.requestCount;
  const seen = new Map<number, number>();
  seq.forEach((s, k) => {
    const id = P.stopRequestId[s];
    if (seen.has(s)) out.push({ rule: 'structure', requestId: id, detail: `stop visited twice (positions ${seen.get(s)} and ${k})` });
    seen.set(s, k);
    if (s < 2 * R && P.allowedVehicle[s >> 1] >= 0 && P.allowedVehicle[s >> 1] !== v) {
      out.push({ rule: 'pinned', requestId: id, detail: `request is pinned to vehicle ${P.source.vehicles[P.allowedVehicle[s >> 1]].id}` });
    }
  });
  for (const [s, k] of seen) {
    if (s >= 2 * R) continue;
    const partner = seen.get(s ^ 1);
    const id = P.stopRequestId[s];
    if (partner === undefined) out.push({ rule: 'structure', requestId: id, detail: `${s & 1 ? 'drop-off' : 'pickup'} without its partner` });
    else if ((s & 1) === 0 && partner < k) out.push({ rule: 'structure', requestId: id, detail: 'drop-off before pickup' });
  }
  for (const s of P.vOrphanDrops[v]) {
    if (s >= 2 * R && !seen.has(s)) out.push({ rule: 'structure', requestId: P.stopRequestId[s], detail: 'onboard passenger is never dropped off' });
  }
  P.vPrefix[v].forEach((s, k) => {
    if (seq[k] !== s) out.push({ rule: 'committed_prefix', requestId: P.stopRequestId[s], detail: `committed stop ${k} must stay at position ${k}` });
  });
}

/** Earliest schedule without ride-time delays: every late stop and every overload is a violation. */
function checkLoadsAndWindows(P: Problem, v: number, seq: number[], out: Violation[]): void {
  const { dims: D, time, nodeCount: N } = P;
  const load = Array.from(P.vInitialLoad.subarray(v * D, v * D + D));
  let t = P.vStartTime[v];
  let prev = P.vStartNode[v];
  seq.forEach((s, k) => {
    const id = P.stopRequestId[s];
    for (let d = 0; d < D; d++) {
      load[d] += P.stopLoad[s * D + d];
      if (load[d] > P.vCapacity[v * D + d] + 1e-9) {
        out.push({ rule: REASON_CODES[CAPACITY], requestId: id, detail: `dimension ${d} load ${load[d]} > capacity ${P.vCapacity[v * D + d]} after stop ${k}` });
      }
    }
    const b = Math.max(t + time[prev * N + P.stopNode[s]], P.stopEarly[s]);
    if (b > P.stopLate[s] + 1e-7) out.push({ rule: 'time_window', requestId: id, detail: `stop ${k} cannot start before ${b}, latest ${P.stopLate[s]}` });
    t = b + P.stopService[s];
    prev = P.stopNode[s];
  });
  const ret = t + time[prev * N + P.vEndNode[v]];
  if (seq.length > 0 && ret > P.vEndLate[v] + 1e-7) out.push({ rule: 'time_window', detail: `return at ${ret} after end ${P.vEndLate[v]}` });
}
