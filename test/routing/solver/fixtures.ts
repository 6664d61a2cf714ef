import type { Instance, SolverRequest, SolverVehicle } from '../../../routing/solver/index';

/** Matrix from "a-b" (both ways) or "a>b" (one way) entries; unspecified arcs cost `fallback`. */
export function matrix(n: number, arcs: Record<string, number>, fallback = 50): Int32Array {
  const m = new Int32Array(n * n).fill(fallback);
  for (let i = 0; i < n; i++) m[i * n + i] = 0;
  for (const [key, value] of Object.entries(arcs)) {
    const oneWay = key.includes('>');
    const [a, b] = key.split(/[->]/).map(Number);
    m[a * n + b] = value;
    if (!oneWay) m[b * n + a] = value;
  }
  return m;
}

/** Nodes on a line at the given positions: travel = |xa − xb|. */
export function lineMatrix(xs: number[]): Int32Array {
  const n = xs.length;
  const m = new Int32Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) m[a * n + b] = Math.abs(xs[a] - xs[b]);
  return m;
}

export function request(id: string, from: number, to: number, extra: Partial<SolverRequest> = {}): SolverRequest {
  return {
    id, load: [1], maxRideS: 1000, mandatory: true,
    pickup: { node: from, serviceS: 0, earliestS: 0, latestS: 1000 },
    dropoff: { node: to, serviceS: 0, earliestS: 0, latestS: 1000 },
    ...extra,
  };
}

export function vehicle(id: string, extra: Partial<SolverVehicle> = {}): SolverVehicle {
  return {
    id, capacity: [4], start: { node: 0, earliestS: 0 }, end: { node: 0, latestS: 1000 }, maxDurationS: 1000,
    onboard: [], committed: [], ...extra,
  };
}

export function instance(m: Int32Array, requests: SolverRequest[], vehicles: SolverVehicle[]): Instance {
  return { nodeCount: Math.round(Math.sqrt(m.length)), durationS: m, distanceM: m, requests, vehicles };
}

/** Compact view of a route for exact assertions: [requestId, kind, arrival, start]. */
export function timeline(route: { stops: Array<{ requestId: string; kind: string; arrivalS: number; startS: number }> }) {
  return route.stops.map((s) => [s.requestId, s.kind, s.arrivalS, s.startS]);
}
