import { RouteState } from './route-state';
import { CAPACITY, REASON_CODES, RIDE_TIME, ROUTE_DURATION, TIME_WINDOW } from './schedule';
import type { SearchContext, SolutionState } from './solution-state';
import type { Unserved } from './types';

const RULE_ORDER = [CAPACITY, RIDE_TIME, TIME_WINDOW, ROUTE_DURATION];

function rulesOf(mask: number): string[] {
  return RULE_ORDER.filter((c) => mask & (1 << c)).map((c) => REASON_CODES[c]);
}

/**
 * Why request r is not served. First on each allowed vehicle with nothing but its fixed stops (does
 * the request fit at all?), then against the current plan. The reason is the rule that blocked it
 * alone; 'no_vehicle' when it would fit an empty vehicle but not the plan; pinned requests say so.
 */
export function diagnoseUnserved(ctx: SearchContext, sol: SolutionState, r: number): Unserved {
  const { P } = ctx;
  const id = P.source.requests[r].id;
  const pinned = P.allowedVehicle[r];
  const vehicles = pinned >= 0 ? [pinned] : Array.from({ length: P.vehicleCount }, (_, v) => v);
  if (vehicles.length === 0) return { requestId: id, reason: 'no_vehicle', detail: 'the instance has no vehicles' };
  let aloneMask = 0;
  let fitsAlone = false;
  for (const v of vehicles) {
    const bare = new RouteState(v);
    const current = sol.routes[v];
    const fixedStops = Array.from(current.seq.subarray(0, current.m)).filter((s, k) => k < current.fixed || s >= 2 * P.requestCount || P.locked[s >> 1]);
    bare.setSequence(ctx, fixedStops, fixedStops.length);
    bare.fixed = current.fixed;
    if (ctx.search.search(bare, r)) fitsAlone = true;
    else aloneMask |= ctx.search.failMask;
  }
  const names = vehicles.map((v) => P.source.vehicles[v].id).join(', ');
  if (pinned >= 0) {
    const why = fitsAlone ? 'conflicts with the requests already planned on it' : `breaks ${rulesOf(aloneMask).join(' / ') || 'a constraint'} even alone`;
    return { requestId: id, reason: 'pinned_vehicle_infeasible', detail: `pinned vehicle ${names}: ${why}` };
  }
  if (fitsAlone) return { requestId: id, reason: 'no_vehicle', detail: 'fits an otherwise empty vehicle but no vehicle in the current plan' };
  const rules = rulesOf(aloneMask);
  const reason = rules[0] ?? 'time_window';
  return { requestId: id, reason, detail: `infeasible on every vehicle even alone (${rules.join(', ') || reason}); ${describe(ctx, r)}` };
}

function describe(ctx: SearchContext, r: number): string {
  const q = ctx.P.source.requests[r];
  return `pickup [${q.pickup.earliestS}, ${q.pickup.latestS}], drop-off [${q.dropoff.earliestS}, ${q.dropoff.latestS}], max ride ${q.maxRideS}, load [${q.load.join(', ')}]`;
}
