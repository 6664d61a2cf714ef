import { arriveAroundBreaks } from './breaks';
import type { Problem } from './problem';
import type { RouteState } from './route-state';
import type { Scheduler } from './schedule';
import type { PlannedStop, Route } from './types';

/**
 * Public route with a full schedule: the earliest feasible service starts, the bus leaving its start
 * just in time for the first stop (shortest duration for that schedule) and returning directly.
 */
export function toPublicRoute(P: Problem, sched: Scheduler, route: RouteState): Route {
  const v = route.vehicle;
  const { seq, m } = route;
  const id = P.source.vehicles[v].id;
  const { time, distance, stopNode: node, stopService: svc, nodeCount: N, dims: D } = P;
  if (m === 0) {
    const t = P.vStartTime[v];
    return { vehicleId: id, stops: [], departureS: t, returnS: t, durationS: 0, distanceM: 0 };
  }
  sched.evaluate(v, seq, m);
  const B = sched.start;
  const load = Array.from(P.vInitialLoad.subarray(v * D, v * D + D));
  const stops: PlannedStop[] = [];
  const firstLeg = time[P.vStartNode[v] * N + node[seq[0]]];
  const justInTime = Math.max(P.vStartTime[v], B[0] - firstLeg);
  // A break on the way to the first stop: leave as early as the vehicle can instead.
  const departureS = arriveAroundBreaks(P, v, justInTime, firstLeg) > B[0] ? P.vStartTime[v] : justInTime;
  let prevNode = P.vStartNode[v];
  let prevDep = departureS;
  let distanceM = 0;
  for (let k = 0; k < m; k++) {
    const s = seq[k];
    for (let d = 0; d < D; d++) load[d] += P.stopLoad[s * D + d];
    distanceM += distance[prevNode * N + node[s]];
    stops.push({
      requestId: P.stopRequestId[s],
      kind: s < 2 * P.requestCount && (s & 1) === 0 ? 'pickup' : 'dropoff',
      node: node[s],
      arrivalS: arriveAroundBreaks(P, v, prevDep, time[prevNode * N + node[s]]),
      startS: B[k],
      departureS: B[k] + svc[s],
      load: load.map((x) => x + 0),
    });
    prevNode = node[s];
    prevDep = B[k] + svc[s];
  }
  distanceM += distance[prevNode * N + P.vEndNode[v]];
  const returnS = arriveAroundBreaks(P, v, prevDep, time[prevNode * N + P.vEndNode[v]]);
  return { vehicleId: id, stops, departureS, returnS, durationS: returnS - departureS, distanceM };
}
