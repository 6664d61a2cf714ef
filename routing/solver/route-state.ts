import type { CostEvaluator } from './cost-evaluator';
import type { Problem } from './problem';
import { FEASIBLE, type Scheduler } from './schedule';

/** What a route needs to re-derive its caches: the problem, a scheduler and the cost evaluator. */
export interface RouteContext {
  readonly P: Problem;
  readonly sched: Scheduler;
  readonly costs: CostEvaluator;
}

/**
 * One vehicle's stop sequence with the data the insertion pre-checks read in O(1): earliest feasible
 * service starts, latest starts allowed by the windows downstream, load after each stop, and cost.
 * Refreshed after every change, so a candidate insertion never re-walks an unchanged route.
 */
export class RouteState {
  seq = new Int32Array(16);
  m = 0;
  /** Earliest feasible service start per position (exact schedule). */
  start = new Float64Array(16);
  /** Latest service start per position that the time windows of the rest of the route allow. */
  latest = new Float64Array(16);
  /** Load after each position, m × dims. */
  loadAfter = new Float64Array(16);
  /** The evaluator's routeCost of this sequence, cached. */
  cost = 0;
  /** Sum of passengers' ride times in the schedule (kept only when the objective weighs them). */
  rideSum = 0;
  feasible = true;
  /** Number of stops at the head that may not move (committed prefix). */
  fixed = 0;

  constructor(public vehicle: number) {}

  private ensure(m: number, dims: number): void {
    if (this.seq.length < m) {
      const size = Math.max(m, this.seq.length * 2);
      const seq = new Int32Array(size);
      seq.set(this.seq.subarray(0, this.m));
      this.seq = seq;
      this.start = new Float64Array(size);
      this.latest = new Float64Array(size);
    }
    if (this.loadAfter.length < m * dims) this.loadAfter = new Float64Array(Math.max(m * dims, this.loadAfter.length * 2));
  }

  copyFrom(o: RouteState, dims: number): void {
    this.ensure(o.m, dims);
    this.vehicle = o.vehicle;
    this.m = o.m;
    this.seq.set(o.seq.subarray(0, o.m));
    this.start.set(o.start.subarray(0, o.m));
    this.latest.set(o.latest.subarray(0, o.m));
    this.loadAfter.set(o.loadAfter.subarray(0, o.m * dims));
    this.cost = o.cost;
    this.rideSum = o.rideSum;
    this.feasible = o.feasible;
    this.fixed = o.fixed;
  }

  setSequence(ctx: RouteContext, seq: ArrayLike<number>, m: number): void {
    this.ensure(m, ctx.P.dims);
    for (let k = 0; k < m; k++) this.seq[k] = seq[k];
    this.m = m;
    this.refresh(ctx);
  }

  /** Inserts stop a before position i and stop b before position j (j ≥ i, positions of the old route). */
  insertPair(ctx: RouteContext, a: number, i: number, b: number, j: number): void {
    this.ensure(this.m + 2, ctx.P.dims);
    const s = this.seq;
    s.copyWithin(j + 2, j, this.m);
    s[j + 1] = b;
    s.copyWithin(i + 1, i, j);
    s[i] = a;
    this.m += 2;
    this.refresh(ctx);
  }

  insertOne(ctx: RouteContext, a: number, i: number): void {
    this.ensure(this.m + 1, ctx.P.dims);
    this.seq.copyWithin(i + 1, i, this.m);
    this.seq[i] = a;
    this.m += 1;
    this.refresh(ctx);
  }

  /** Removes every stop whose flag is set; the caller refreshes once after a batch. */
  removeMarked(marked: Uint8Array): void {
    let w = 0;
    for (let k = 0; k < this.m; k++) if (marked[this.seq[k]] === 0) this.seq[w++] = this.seq[k];
    this.m = w;
  }

  /**
   * Latest start of every stop over all feasible schedules (greatest fixpoint of the upper bounds:
   * windows, the chain backwards, ride time as drop-off ≤ pickup + service + limit, route duration).
   * Inserting stops only lowers these, so a candidate pushing a stop past `latest` is rejected in
   * O(1), which covers the ride times of passengers already on board.
   */
  private computeLatest(P: Problem, pos: Int32Array): void {
    const { time, stopNode, stopService, stopLate, stopPartner, stopMaxRide, nodeCount: N } = P;
    const { seq, m, latest: U, vehicle: v } = this;
    const firstLeg = time[P.vStartNode[v] * N + stopNode[seq[0]]];
    for (let k = 0; k < m; k++) U[k] = stopLate[seq[k]];
    let retUpper = P.vEndLate[v];
    for (let round = 0; round < m + 3; round++) {
      let next = retUpper;
      let nextNode = P.vEndNode[v];
      for (let k = m - 1; k >= 0; k--) {
        const s = seq[k];
        const u = next - stopService[s] - time[stopNode[s] * N + nextNode];
        if (u < U[k]) U[k] = u;
        next = U[k];
        nextNode = stopNode[s];
      }
      let changed = false;
      const byDuration = U[0] - firstLeg + P.vMaxDuration[v];
      if (byDuration < retUpper - 1e-7) { retUpper = byDuration; changed = true; }
      for (let k = 1; k < m; k++) {
        const pk = stopPartner[seq[k]];
        if (pk < 0 || (pk & 1) === 1) continue;
        const u = U[pos[pk]] + stopService[pk] + stopMaxRide[pk];
        if (u < U[k] - 1e-7) { U[k] = u; changed = true; }
      }
      if (!changed) return;
    }
  }

  refresh({ P, sched, costs }: RouteContext): void {
    const m = this.m;
    const v = this.vehicle;
    if (m === 0) { this.cost = 0; this.rideSum = 0; this.feasible = true; return; }
    this.feasible = sched.evaluate(v, this.seq, m) === FEASIBLE;
    this.start.set(sched.start.subarray(0, m));
    const { stopLoad, dims: D } = P;
    this.rideSum = costs.pricesRideTime() && this.feasible ? sched.rideTimeSum(this.seq, m) : 0;
    this.cost = costs.routeCost(v, this.seq, m, this.rideSum);
    if (this.feasible) this.computeLatest(P, sched.pos);
    else this.latest.fill(-Infinity, 0, m);
    for (let d = 0; d < D; d++) {
      let q = P.vInitialLoad[v * D + d];
      for (let k = 0; k < m; k++) {
        q += stopLoad[this.seq[k] * D + d];
        this.loadAfter[k * D + d] = q;
      }
    }
  }
}
