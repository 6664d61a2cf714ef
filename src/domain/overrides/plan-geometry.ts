import type { Instance, StopRef } from '../../../routing/solver';
import type { PlanStop } from '../../../db/schema';
import { fromSolverS, type PlanningSnapshot } from '../dispatch/planning-snapshot';

/** Node and window of each stop reference of a vehicle, requests and onboard drop-offs alike. */
function stopSpecs(instance: Instance, vehicleId: string) {
  const specs = new Map<string, { node: number; serviceS: number; earliestS: number }>();
  for (const r of instance.requests) {
    specs.set(`${r.id}:pickup`, r.pickup);
    specs.set(`${r.id}:dropoff`, r.dropoff);
  }
  for (const p of instance.vehicles.find((v) => v.id === vehicleId)?.onboard ?? []) specs.set(`${p.requestId}:dropoff`, p.dropoff);
  return specs;
}

/** Driving distance (metres) of a vehicle's sequence from its start to its end depot. */
export function sequenceDistanceM(instance: Instance, vehicleId: string, stops: StopRef[]): number {
  const vehicle = instance.vehicles.find((v) => v.id === vehicleId)!;
  const specs = stopSpecs(instance, vehicleId);
  const nodes = [vehicle.start.node, ...stops.map((s) => specs.get(`${s.requestId}:${s.kind}`)!.node), vehicle.end.node];
  let total = 0;
  for (let k = 1; k < nodes.length; k++) total += instance.distanceM[nodes[k - 1] * instance.nodeCount + nodes[k]];
  return total;
}

/** Where a request's two stops go in a sequence at least driving cost, windows ignored (for forced or failing assignments). */
export function cheapestPlacement(instance: Instance, vehicleId: string, stops: StopRef[], requestId: string): StopRef[] {
  let best: StopRef[] = [];
  let bestM = Infinity;
  for (let i = 0; i <= stops.length; i++) {
    for (let j = i; j <= stops.length; j++) {
      const seq = [...stops.slice(0, i), { requestId, kind: 'pickup' as const }, ...stops.slice(i, j), { requestId, kind: 'dropoff' as const }, ...stops.slice(j)];
      const m = sequenceDistanceM(instance, vehicleId, seq);
      if (m < bestM) [best, bestM] = [seq, m];
    }
  }
  return best;
}

/**
 * Planned times of a sequence that breaks its windows (one a dispatcher forced, or a late bus's plan
 * as it stands): each stop at its arrival or the opening of its window, whichever is later.
 */
export function forcedPlanStops(snapshot: PlanningSnapshot, vehicleId: string, stops: StopRef[]): PlanStop[] {
  const { instance } = snapshot;
  const vehicle = instance.vehicles.find((v) => v.id === vehicleId)!;
  const specs = stopSpecs(instance, vehicleId);
  let t = vehicle.start.earliestS;
  let node = vehicle.start.node;
  return stops.map((ref) => {
    const spec = specs.get(`${ref.requestId}:${ref.kind}`)!;
    const startS = Math.max(t + instance.durationS[node * instance.nodeCount + spec.node], spec.earliestS);
    t = startS + spec.serviceS;
    node = spec.node;
    const booking = snapshot.bookings.get(ref.requestId)!;
    return { bookingId: ref.requestId, kind: ref.kind, stopId: ref.kind === 'pickup' ? booking.pickupStopId : booking.dropoffStopId, plannedAt: fromSolverS(snapshot, startS).toISOString() };
  });
}

export const toRefs = (stops: Array<{ bookingId: string; kind: 'pickup' | 'dropoff' }>): StopRef[] => stops.map((s) => ({ requestId: s.bookingId, kind: s.kind }));
