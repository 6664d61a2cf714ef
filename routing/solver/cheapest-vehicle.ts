import type { RouteState } from './route-state';
import type { SearchContext } from './solution-state';

/** Where request r goes cheapest over all vehicles it may use; `failMask` collects why others refused. */
export interface VehicleInsertion {
  vehicle: number;
  delta: number;
  i: number;
  j: number;
  failMask: number;
}

export function findCheapestVehicle(ctx: SearchContext, routes: RouteState[], r: number): VehicleInsertion {
  const { P, search } = ctx;
  const best: VehicleInsertion = { vehicle: -1, delta: Infinity, i: -1, j: -1, failMask: 0 };
  for (let v = 0; v < P.vehicleCount; v++) {
    if (P.allowedVehicle[r] >= 0 && P.allowedVehicle[r] !== v) continue;
    if (search.search(routes[v], r)) {
      if (search.bestDelta < best.delta) {
        best.vehicle = v; best.delta = search.bestDelta; best.i = search.bestI; best.j = search.bestJ;
      }
    } else best.failMask |= search.failMask;
  }
  return best;
}
