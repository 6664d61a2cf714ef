import type { CostEvaluator } from './cost-evaluator';
import type { Problem } from './problem';
import type { RouteState } from './route-state';
import { CAPACITY, FEASIBLE, RIDE_TIME, TIME_WINDOW, type Scheduler } from './schedule';

/**
 * Cheapest feasible insertion of one request (pickup + drop-off) into one route.
 * Every position pair first passes O(1) pre-checks against the route's cached earliest/latest
 * starts and loads (capacity, windows reached without waiting, ride-time lower bounds), with early
 * loop exits where a failure holds for all later positions. The survivors are sorted by cost and
 * only then run through the exact schedule, cheapest first, so usually one exact run decides.
 * Candidates are priced by the cost evaluator (driving delta; ride time once the schedule is known).
 */
export class InsertionSearch {
  bestDelta = Infinity;
  bestI = -1;
  bestJ = -1;
  /** Bit set of rules (1 << code) that rejected candidates in the last search, for diagnostics. */
  failMask = 0;
  private candDelta = new Float64Array(256);
  private candI = new Int32Array(256);
  private candJ = new Int32Array(256);
  private count = 0;
  private buf = new Int32Array(64);
  private lower = new Float64Array(64);

  constructor(private readonly P: Problem, private readonly sched: Scheduler, private readonly costs: CostEvaluator) {}

  private push(delta: number, i: number, j: number): void {
    if (this.count === this.candDelta.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T, b: T): T => { b.set(a); return b; };
      const n = this.count * 2;
      this.candDelta = grow(this.candDelta, new Float64Array(n));
      this.candI = grow(this.candI, new Int32Array(n));
      this.candJ = grow(this.candJ, new Int32Array(n));
    }
    this.candDelta[this.count] = delta;
    this.candI[this.count] = i;
    this.candJ[this.count++] = j;
  }

  /** Capacity of the vehicle suffices for the request's load at all (checked once per pair). */
  private loadFits(v: number, p: number, loadBefore: Float64Array, k: number): boolean {
    const { dims: D, stopLoad, vCapacity, vInitialLoad } = this.P;
    for (let d = 0; d < D; d++) {
      const before = k < 0 ? vInitialLoad[v * D + d] : loadBefore[k * D + d];
      if (before + stopLoad[p * D + d] > vCapacity[v * D + d] + 1e-9) return false;
    }
    return true;
  }

  /**
   * Finds the cheapest feasible insertion of request r into route; true when one exists.
   * `noise` > 0 perturbs candidate costs by up to ±noise (ALNS diversification), drawn from `rand`.
   */
  search(route: RouteState, r: number, noise = 0, rand?: () => number): boolean {
    this.count = 0;
    this.failMask = 0;
    this.bestDelta = Infinity;
    // A route that cannot keep its own times (the clock passed a stop the bus has not reported) has
    // no schedule to insert into: it takes no one until it is planned again.
    if (!route.feasible) {
      this.failMask |= 1 << TIME_WINDOW;
      return false;
    }
    this.collect(route, r);
    if (noise > 0 && rand) for (let c = 0; c < this.count; c++) this.candDelta[c] += noise * (2 * rand() - 1);
    return this.pickFeasible(route, r);
  }

  private collect(route: RouteState, r: number): void {
    const { P, costs } = this;
    const { time, stopNode: node, stopService: svc, nodeCount: N } = P;
    const { seq, m, start: B, latest, loadAfter } = route;
    const v = route.vehicle;
    const p = 2 * r, d = 2 * r + 1;
    const np = node[p], nd = node[d], sp = svc[p], sd = svc[d];
    const ep = P.stopEarly[p], lp = P.stopLate[p], ed = P.stopEarly[d], ld = P.stopLate[d];
    const maxRide = P.stopMaxRide[p];
    const startNode = P.vStartNode[v], endNode = P.vEndNode[v], endLate = P.vEndLate[v];
    const tpd = time[np * N + nd];
    if (tpd > maxRide + 1e-9) { this.failMask |= 1 << RIDE_TIME; return; }
    for (let i = firstUsefulPosition(route, ep); i <= m; i++) {
      if (!this.loadFits(v, p, loadAfter, i - 1)) { this.failMask |= 1 << CAPACITY; continue; }
      const prevNode = i === 0 ? startNode : node[seq[i - 1]];
      const prevDep = i === 0 ? P.vStartTime[v] : B[i - 1] + svc[seq[i - 1]];
      const arrP = prevDep + time[prevNode * N + np];
      if (arrP > lp + 1e-9) { this.failMask |= 1 << TIME_WINDOW; break; }
      const bp = arrP > ep ? arrP : ep;
      const nextNode = i < m ? node[seq[i]] : endNode;
      // Drop-off right after the pickup.
      const bd0 = Math.max(ed, bp + sp + tpd);
      // The pickup can start no later than its window, nor later than the drop-off's window allows.
      const lp0 = Math.min(lp, ld - sp - tpd);
      if (bd0 <= ld + 1e-9 && bd0 - lp0 - sp <= maxRide + 1e-9) {
        const after = bd0 + sd + time[nd * N + nextNode];
        if (i < m ? Math.max(B[i], after) <= latest[i] + 1e-9 : after <= endLate + 1e-9) {
          this.push(costs.pairDetour(prevNode, np, nd, nextNode), i, i);
        } else this.failMask |= 1 << TIME_WINDOW;
      } else this.failMask |= 1 << TIME_WINDOW;
      if (i === m) break;
      const deltaP = costs.detour(prevNode, np, nextNode);
      let curB = Math.max(B[i], bp + sp + time[np * N + nextNode]);
      if (curB > latest[i] + 1e-9) { this.failMask |= 1 << TIME_WINDOW; continue; }
      let path = time[np * N + nextNode];
      // Latest pickup start that the next stop still allows: an upper bound for the ride-time test.
      const lpEff = Math.min(lp, latest[i] - sp - path);
      for (let j = i + 1; j <= m; j++) {
        const k = j - 1;
        const sk = seq[k], nk = node[sk];
        if (!this.loadFits(v, p, loadAfter, k)) { this.failMask |= 1 << CAPACITY; break; }
        const toD = svc[sk] + time[nk * N + nd];
        if (path + toD > maxRide + 1e-9) { this.failMask |= 1 << RIDE_TIME; break; }
        const bd = Math.max(ed, curB + toD);
        if (bd > ld + 1e-9) { this.failMask |= 1 << TIME_WINDOW; break; }
        if (bd - lpEff - sp > maxRide + 1e-9) { this.failMask |= 1 << RIDE_TIME; break; }
        const nj = j < m ? node[seq[j]] : endNode;
        const after = bd + sd + time[nd * N + nj];
        if (j < m ? Math.max(B[j], after) <= latest[j] + 1e-9 : after <= endLate + 1e-9) {
          this.push(costs.detour(nk, nd, nj, deltaP), i, j);
        } else this.failMask |= 1 << TIME_WINDOW;
        if (j === m) break;
        const step = svc[sk] + time[nk * N + nj];
        curB = Math.max(B[j], curB + step);
        if (curB > latest[j] + 1e-9) { this.failMask |= 1 << TIME_WINDOW; break; }
        path += step;
      }
    }
  }

  /** Exact check of candidates in order of cost; the first feasible one is the cheapest feasible. */
  private pickFeasible(route: RouteState, r: number): boolean {
    const m = route.m;
    if (this.buf.length < m + 2) { this.buf = new Int32Array((m + 2) * 2); this.lower = new Float64Array((m + 2) * 2); }
    const buf = this.buf, seq = route.seq;
    for (let left = this.count; left > 0; left--) {
      let c = 0;
      for (let x = 1; x < this.count; x++) if (this.candDelta[x] < this.candDelta[c]) c = x;
      const i = this.candI[c], j = this.candJ[c];
      let w = 0;
      const old = route.start, low = this.lower;
      for (let k = 0; k < i; k++) { low[w] = old[k]; buf[w++] = seq[k]; }
      low[w] = -Infinity; buf[w++] = 2 * r;
      for (let k = i; k < j; k++) { low[w] = old[k]; buf[w++] = seq[k]; }
      low[w] = -Infinity; buf[w++] = 2 * r + 1;
      for (let k = j; k < m; k++) { low[w] = old[k]; buf[w++] = seq[k]; }
      const code = this.sched.evaluate(route.vehicle, buf, w, low, i, true);
      if (code === FEASIBLE) {
        this.bestI = i;
        this.bestJ = j;
        this.bestDelta = this.candDelta[c];
        if (this.costs.pricesRideTime()) this.bestDelta += this.costs.rideDelta(this.sched.rideTimeSum(buf, w), route.rideSum);
        return true;
      }
      this.failMask |= 1 << code;
      this.candDelta[c] = Infinity;
    }
    return false;
  }
}

/**
 * Positions before a stop whose latest start precedes the pickup's window opening cannot host the
 * pickup; `latest` grows along the route, so a binary search skips a route's past part in O(log m).
 */
function firstUsefulPosition(route: RouteState, pickupEarliest: number): number {
  let lo = route.fixed, hi = route.m;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (route.latest[mid] < pickupEarliest) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
