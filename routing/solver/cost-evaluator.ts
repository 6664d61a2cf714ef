import type { Problem } from './problem';

/** A move is an improvement only when it gains more than this: float noise must not count as progress. */
const IMPROVEMENT_EPS = 1e-9;

/** The part of a route the evaluator reads: which vehicle drives which stops. */
export interface RouteSequence {
  readonly vehicle: number;
  readonly seq: Int32Array;
  readonly m: number;
}

/** The part of a solution the objective reads. */
export interface Assignment {
  readonly routes: ReadonlyArray<RouteSequence & { readonly cost: number; readonly feasible: boolean }>;
  readonly routeOf: Int32Array;
}

/**
 * The one place where plans are priced (in the spirit of PyVRP's CostEvaluator): the cost of a route
 * (driving on the objective's matrix plus the weighted passenger ride time), the lexicographic
 * objective of a whole plan (penalties for unserved and unschedulable), and the delta of every move
 * the search makes. Operators ask it and never read the cost matrix themselves. The arithmetic order
 * is fixed here on purpose: a search compares candidates by these numbers, so the same expression
 * must give the same floating-point result wherever it is used.
 */
export class CostEvaluator {
  /** Which matrix counts as driving: durationS or distanceM, as the instance's objective says. */
  private readonly matrix: Float64Array;
  private readonly N: number;
  /** Weight per second of ride time; 0 means ride times are not priced (nor computed). */
  readonly rideWeight: number;
  /** Longest single arc: the scale for noise and relatedness. */
  readonly maxArc: number;
  /** One more served optional request beats any driving saving. */
  readonly penaltyOptional: number;
  /** One more served mandatory request beats any number of optional ones. */
  readonly penaltyMandatory: number;
  /** A route that cannot keep its own times outweighs everything else. */
  readonly penaltyInfeasibleRoute: number;

  constructor(private readonly P: Problem) {
    const objective = P.source.objective ?? { minimise: 'distance', rideTimeWeight: 0 };
    this.matrix = objective.minimise === 'duration' ? P.time : P.distance;
    this.N = P.nodeCount;
    this.rideWeight = objective.rideTimeWeight;
    let maxArc = 0;
    for (let i = 0; i < this.matrix.length; i++) if (this.matrix[i] > maxArc) maxArc = this.matrix[i];
    this.maxArc = maxArc;
    // Larger than the driving of any plan (at most stops + vehicles arcs, each ≤ maxArc); the ride-time
    // factor is a margin for the weighted ride time, not a proven bound on it.
    this.penaltyOptional = (P.stopCount + 2 * P.vehicleCount + 1) * (maxArc + 1) * (1 + this.rideWeight * 10) + 1;
    this.penaltyMandatory = this.penaltyOptional * (P.requestCount + 1);
    this.penaltyInfeasibleRoute = this.penaltyMandatory * (P.requestCount + 1);
  }

  /** Driving cost of the arc between two nodes. */
  arc(from: number, to: number): number {
    return this.matrix[from * this.N + to];
  }

  /** base + the extra driving of visiting `node` between `prev` and `next` instead of going straight. */
  detour(prev: number, node: number, next: number, base = 0): number {
    const c = this.matrix, N = this.N;
    return base + c[prev * N + node] + c[node * N + next] - c[prev * N + next];
  }

  /** Extra driving of visiting `a` then `b` between `prev` and `next`. */
  pairDetour(prev: number, a: number, b: number, next: number): number {
    const c = this.matrix, N = this.N;
    return c[prev * N + a] + c[a * N + b] + c[b * N + next] - c[prev * N + next];
  }

  /** True when the objective weighs ride times, so schedules must be summed for every price. */
  pricesRideTime(): boolean {
    return this.rideWeight > 0;
  }

  /** Price of a change in total ride time. */
  rideDelta(after: number, before: number): number {
    return this.rideWeight * (after - before);
  }

  /** Driving of the vehicle from its start through the stops to its end, plus the ride-time term. */
  routeCost(v: number, seq: ArrayLike<number>, m: number, rideSum: number): number {
    if (m === 0) return 0;
    const { stopNode } = this.P;
    let c = this.arc(this.P.vStartNode[v], stopNode[seq[0]]);
    for (let k = 1; k < m; k++) c += this.arc(stopNode[seq[k - 1]], stopNode[seq[k]]);
    c += this.arc(stopNode[seq[m - 1]], this.P.vEndNode[v]);
    c += this.rideWeight * rideSum;
    return c;
  }

  /** Sum of the cached route costs (driving and ride time; no penalties). */
  routesCost(routes: Assignment['routes']): number {
    let c = 0;
    for (const r of routes) c += r.cost;
    return c;
  }

  /** The lexicographic objective folded into one number: routes, then unserved and unschedulable penalties. */
  objective(sol: Assignment): number {
    const P = this.P;
    let c = this.routesCost(sol.routes);
    for (let r = 0; r < P.requestCount; r++) {
      if (sol.routeOf[r] < 0) c += P.mandatory[r] ? this.penaltyMandatory : this.penaltyOptional;
    }
    for (const route of sol.routes) if (!route.feasible) c += this.penaltyInfeasibleRoute;
    return c;
  }

  /** True when `candidate` is better than `reference` by more than float noise. */
  improves(candidate: number, reference: number): boolean {
    return candidate < reference - IMPROVEMENT_EPS;
  }

  /**
   * Driving delta of inserting request r with its pickup before position i and its drop-off before
   * position j (positions of the route as it is, i ≤ j). Ride time is priced on the new schedule
   * (rideDelta), which only the scheduler knows.
   */
  insertionDelta(route: RouteSequence, r: number, i: number, j: number): number {
    const { stopNode: node } = this.P;
    const np = node[2 * r], nd = node[2 * r + 1];
    const prev = this.nodeBefore(route, i), next = this.nodeAt(route, i);
    if (i === j) return this.pairDetour(prev, np, nd, next);
    return this.detour(this.nodeBefore(route, j), nd, this.nodeAt(route, j), this.detour(prev, np, next));
  }

  /** Driving delta of inserting one stop (an onboard passenger's drop-off) before position i. */
  stopInsertionDelta(route: RouteSequence, s: number, i: number): number {
    return this.detour(this.nodeBefore(route, i), this.P.stopNode[s], this.nodeAt(route, i));
  }

  /** Driving saved by taking only the stop at position k out of the route (its neighbours join up). */
  stopRemovalGain(route: RouteSequence, k: number): number {
    return this.detour(this.nodeBefore(route, k), this.P.stopNode[route.seq[k]], this.nodeAt(route, k + 1));
  }

  /** Driving delta (≤ 0 under the triangle inequality) of taking request r's two stops out of the route. */
  removalDelta(route: RouteSequence, r: number): number {
    const { kp, kd } = this.positionsOf(route, r);
    if (kd === kp + 1) return -this.pairDetour(this.nodeBefore(route, kp), this.P.stopNode[2 * r], this.P.stopNode[2 * r + 1], this.nodeAt(route, kd + 1));
    return -(this.stopRemovalGain(route, kp) + this.stopRemovalGain(route, kd));
  }

  /**
   * Driving delta of moving request r from route `from` to route `to`, pickup before i and drop-off
   * before j, positions counted in `to` once r has left it (the same positions when the routes differ).
   */
  relocationDelta(from: RouteSequence, r: number, to: RouteSequence, i: number, j: number): number {
    const removal = this.removalDelta(from, r);
    if (to !== from) return removal + this.insertionDelta(to, r, i, j);
    // Stops of other requests and onboard drop-offs (ids ≥ 2R, so never r's) stay in order.
    const rest = from.seq.subarray(0, from.m).filter((s) => s >> 1 !== r);
    return removal + this.insertionDelta({ vehicle: from.vehicle, seq: rest, m: rest.length }, r, i, j);
  }

  /** A relocation pays when its insertion costs less than what its removal saved (both exact). */
  relocationImproves(removalSaving: number, insertionDelta: number): boolean {
    return insertionDelta < removalSaving - IMPROVEMENT_EPS;
  }

  private nodeBefore(route: RouteSequence, k: number): number {
    return k === 0 ? this.P.vStartNode[route.vehicle] : this.P.stopNode[route.seq[k - 1]];
  }

  private nodeAt(route: RouteSequence, k: number): number {
    return k === route.m ? this.P.vEndNode[route.vehicle] : this.P.stopNode[route.seq[k]];
  }

  private positionsOf(route: RouteSequence, r: number): { kp: number; kd: number } {
    let kp = -1, kd = -1;
    for (let k = 0; k < route.m; k++) {
      if (route.seq[k] === 2 * r) kp = k;
      else if (route.seq[k] === 2 * r + 1) kd = k;
    }
    if (kp < 0 || kd < 0) throw new Error(`request ${r} is not on vehicle ${route.vehicle}`);
    return { kp, kd };
  }
}
