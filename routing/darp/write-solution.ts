import type { Solution } from '../solver/types';

/** Solution file as read by darp-check.mjs: request nodes in order with their service starts. */
export interface CheckerSolution {
  routes: Array<{ vehicle: number; stops: Array<{ node: number; start: number }>; depotDeparture: number; depotReturn: number }>;
}

/** Vehicle ids in the benchmark are the indices 0..K−1; empty routes are left out. */
export function toCheckerSolution(solution: Solution): CheckerSolution {
  return {
    routes: solution.routes
      .filter((r) => r.stops.length > 0)
      .map((r) => ({
        vehicle: Number(r.vehicleId),
        stops: r.stops.map((s) => ({ node: s.node, start: s.startS })),
        depotDeparture: r.departureS,
        depotReturn: r.returnS,
      })),
  };
}
