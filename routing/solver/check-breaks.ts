import type { Instance, Route, Violation } from './types';

const EPS = 1e-7;

/**
 * Checks a scheduled route against its vehicle's breaks from the instance itself (not the compiled
 * arrays the scheduler reads): no service overlaps a break, and every leg — from the start, between
 * stops, to the end — has time for its driving plus the part of each break that falls inside it.
 */
export function checkBreaks(instance: Instance, route: Route, serviceOf: (k: number) => number): Violation[] {
  const vehicle = instance.vehicles.find((v) => v.id === route.vehicleId);
  const breaks = vehicle?.breaks ?? [];
  if (!vehicle || breaks.length === 0) return [];
  const N = instance.nodeCount;
  const out: Violation[] = [];
  const overlap = (from: number, to: number) => breaks.reduce((sum, b) => sum + Math.max(0, Math.min(to, b.endS) - Math.max(from, b.startS)), 0);
  let prevNode = vehicle.start.node;
  let prevDep = route.departureS;
  route.stops.forEach((stop, k) => {
    const endS = stop.startS + serviceOf(k);
    const meets = breaks.find((b) => stop.startS < b.endS - EPS && endS > b.startS + EPS);
    if (meets) out.push({ rule: 'break', requestId: stop.requestId, detail: `stop ${k} is served from ${stop.startS} to ${endS}, in the break ${meets.startS}–${meets.endS}` });
    const needS = instance.durationS[prevNode * N + stop.node] + overlap(prevDep, stop.startS);
    if (prevDep + needS > stop.startS + EPS) out.push({ rule: 'break', requestId: stop.requestId, detail: `leg to stop ${k} needs ${needS} s with the break, has ${stop.startS - prevDep} s` });
    prevNode = stop.node;
    prevDep = endS;
  });
  const homeS = instance.durationS[prevNode * N + vehicle.end.node] + overlap(prevDep, route.returnS);
  if (prevDep + homeS > route.returnS + EPS) out.push({ rule: 'break', detail: `the way back needs ${homeS} s with the break, has ${route.returnS - prevDep} s` });
  return out;
}
