import { compileProblem } from '../../../routing/solver/problem';
import { Rng } from '../../../routing/solver/rng';
import { createContext, SolutionState, type SearchContext } from '../../../routing/solver/solution-state';
import type { Instance, Objective, SolverRequest, SolverVehicle } from '../../../routing/solver/types';

/**
 * Hand-written travel matrix of 8 nodes: depot A (0), depot B (7) and the ends of three rides
 * r0 1→2, r1 3→4, r2 5→6. Nodes lie on a line (x = 0, 12, 31, 7, 44, 25, 52, 60) and going
 * towards smaller x costs one unit more, so the matrix is asymmetric and every arc is distinct
 * enough that a wrong neighbour or a wrong direction in a delta shows.
 */
export const MATRIX = [
  [0, 12, 31, 7, 44, 25, 52, 60],
  [13, 0, 19, 5, 32, 13, 40, 48],
  [32, 20, 0, 24, 13, 6, 21, 29],
  [8, 6, 25, 0, 37, 18, 45, 53],
  [45, 33, 14, 38, 0, 19, 8, 16],
  [26, 14, 7, 19, 20, 0, 27, 35],
  [53, 41, 22, 46, 9, 28, 0, 8],
  [61, 49, 30, 54, 17, 36, 9, 0],
];
export const DEPOT_A = 0;
export const DEPOT_B = 7;
const ENDS = [[1, 2], [3, 4], [5, 6]];

/** Stop ids as the solver numbers them: request r has pickup 2r and drop-off 2r + 1. */
export const pickup = (r: number) => 2 * r;
export const dropoff = (r: number) => 2 * r + 1;

const wide = (node: number) => ({ node, serviceS: 0, earliestS: 0, latestS: 1000 });

export function rides(count = 3, extra: Partial<SolverRequest> = {}): SolverRequest[] {
  return ENDS.slice(0, count).map(([from, to], r) => ({
    id: `r${r}`, pickup: wide(from), dropoff: wide(to), load: [1], maxRideS: 1000, mandatory: true, ...extra,
  }));
}

export function bus(id: string, depot: number, extra: Partial<SolverVehicle> = {}): SolverVehicle {
  return { id, capacity: [4], start: { node: depot, earliestS: 0 }, end: { node: depot, latestS: 1000 }, maxDurationS: 1000, onboard: [], committed: [], ...extra };
}

/** Time and distance both MATRIX unless told otherwise; distance is priced unless the objective says so. */
export function handInstance(requests: SolverRequest[], vehicles: SolverVehicle[], objective?: Objective, distance?: number[][]): Instance {
  return {
    nodeCount: MATRIX.length, durationS: MATRIX.flat(), distanceM: (distance ?? MATRIX).flat(), requests, vehicles, objective,
  };
}

/** The instance compiled, with one stop sequence per vehicle put in place as the search would hold it. */
export function stateOf(inst: Instance, plans: number[][]): { ctx: SearchContext; sol: SolutionState } {
  const P = compileProblem(inst);
  const ctx = createContext(P, new Rng(1));
  const sol = new SolutionState(P, ctx.costs);
  plans.forEach((seq, v) => {
    sol.routes[v].setSequence(ctx, seq, seq.length);
    for (const s of seq) if (s < 2 * P.requestCount) sol.routeOf[s >> 1] = v;
  });
  return { ctx, sol };
}

/** Node of a stop id, read from the instance (not from the compiled problem under test). */
export function nodeOf(inst: Instance, s: number): number {
  const r = inst.requests[s >> 1];
  if (r) return s % 2 === 0 ? r.pickup.node : r.dropoff.node;
  return inst.vehicles.flatMap((v) => v.onboard)[s - 2 * inst.requests.length].dropoff.node;
}

/** Driving of one vehicle over the stops, summed arc by arc from a matrix: the from-scratch reference. */
export function drivingFromScratch(inst: Instance, v: number, seq: number[], matrix = MATRIX): number {
  if (seq.length === 0) return 0;
  const nodes = [inst.vehicles[v].start.node, ...seq.map((s) => nodeOf(inst, s)), inst.vehicles[v].end.node];
  let sum = 0;
  for (let k = 1; k < nodes.length; k++) sum += matrix[nodes[k - 1]][nodes[k]];
  return sum;
}

/**
 * Sum of ride times of the earliest schedule, for instances whose windows never make the bus wait
 * (all open from 0, no service times): each ride lasts the driving between its two stops.
 */
export function rideTimeFromScratch(inst: Instance, v: number, seq: number[]): number {
  const at = new Map<number, number>();
  let t = inst.vehicles[v].start.earliestS;
  let prev = inst.vehicles[v].start.node;
  for (const s of seq) {
    t += MATRIX[prev][nodeOf(inst, s)];
    prev = nodeOf(inst, s);
    at.set(s, t);
  }
  let sum = 0;
  for (const s of seq) if (s % 2 === 1 && s < 2 * inst.requests.length) sum += at.get(s)! - at.get(s - 1)!;
  return sum;
}

/** The sequence with stop a before old position i and stop b before old position j (i ≤ j). */
export function withPair(seq: number[], a: number, i: number, b: number, j: number): number[] {
  return [...seq.slice(0, i), a, ...seq.slice(i, j), b, ...seq.slice(j)];
}

/** Every insertion position pair (i, j), 0 ≤ i ≤ j ≤ m, of a route with m stops. */
export function positionPairs(m: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i <= m; i++) for (let j = i; j <= m; j++) out.push([i, j]);
  return out;
}
