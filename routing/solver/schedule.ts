import { arriveAroundBreaks, hasBreaks, serveAroundBreaks } from './breaks';
import type { Problem } from './problem';

export const FEASIBLE = 0;
export const TIME_WINDOW = 1;
export const RIDE_TIME = 2;
export const CAPACITY = 3;
export const ROUTE_DURATION = 4;
export const REASON_CODES = ['feasible', 'time_window', 'ride_time', 'capacity', 'route_duration'] as const;

const EPS = 1e-7;

/**
 * Exact schedule feasibility of one stop sequence. The constraints (travel chain, windows, ride time
 * `B_d − B_p ≤ s_p + L`, route duration) form a system of difference constraints, so the earliest
 * schedule satisfying every lower bound is the least fixpoint and the route is feasible iff that
 * fixpoint respects the upper bounds. We reach it by forward sweeps; ride-time and duration limits
 * become lower bounds on the pickup (resp. first stop) and are re-swept until nothing moves. This is
 * the exact counterpart of Cordeau & Laporte's forward-time-slack delays: waiting before a pickup
 * appears exactly when a later ride time needs it. Without positive cycles the fixpoint is reached
 * after at most (#pickups + 2) sweeps; typically 1–3. Buffers are reused: no allocation per call.
 * A vehicle's breaks keep these maps monotone (a later departure never arrives earlier, a later
 * service start never starts earlier), so the fixpoint argument holds with them.
 */
export class Scheduler {
  /** Service start per position of the last evaluated sequence (valid when it was feasible). */
  start = new Float64Array(64);
  /** Return time at the end depot of the last evaluated sequence. */
  returnTime = 0;
  /** Position of the stop that failed, −1 when the route as a whole failed. */
  failPos = -1;
  private low = new Float64Array(64);
  /** Position of each stop in the last evaluated sequence (only entries of that sequence are valid). */
  readonly pos: Int32Array;
  private readonly load: Float64Array;

  constructor(private readonly P: Problem) {
    this.pos = new Int32Array(P.stopCount);
    this.load = new Float64Array(P.dims);
  }

  private ensure(m: number): void {
    if (this.start.length >= m) return;
    const size = Math.max(m, this.start.length * 2);
    this.start = new Float64Array(size);
    this.low = new Float64Array(size);
  }

  /**
   * Returns FEASIBLE or the violated rule; `start` then holds the earliest feasible schedule.
   * `lower` (optional) gives known lower bounds per position, e.g. the earliest starts of the route
   * this sequence extends (more stops can only start later); positions before `resumeAt` must equal
   * the old route's, so the first sweep starts there. A schedule found this way satisfies every
   * constraint, so a FEASIBLE verdict is always sound. `loadChecked` skips the capacity walk.
   */
  evaluate(v: number, seq: ArrayLike<number>, m: number, lower?: Float64Array, resumeAt = 0, loadChecked = false): number {
    const P = this.P;
    this.failPos = -1;
    if (m === 0) { this.returnTime = P.vStartTime[v]; return FEASIBLE; }
    this.ensure(m);
    for (let k = 0; k < m; k++) this.pos[seq[k]] = k;
    if (!loadChecked && !this.checkLoad(v, seq, m)) return CAPACITY;
    const { time, stopNode, stopService, stopEarly, stopLate, stopPartner, stopMaxRide, nodeCount: N } = P;
    const B = this.start;
    const low = this.low;
    const pos = this.pos;
    const kc = lower === undefined ? 0 : Math.min(resumeAt, m);
    if (lower === undefined) low.fill(-Infinity, 0, m);
    else for (let k = 0; k < m; k++) low[k] = lower[k];
    for (let k = 0; k < kc; k++) B[k] = low[k];
    const endNode = P.vEndNode[v];
    const firstLeg = time[P.vStartNode[v] * N + stopNode[seq[0]]];
    const maxRounds = m + 3;
    const breaks = hasBreaks(P, v);
    for (let round = 0; round < maxRounds; round++) {
      const from = round === 0 ? kc : 0;
      let t = from === 0 ? P.vStartTime[v] : B[from - 1] + stopService[seq[from - 1]];
      let prev = from === 0 ? P.vStartNode[v] : stopNode[seq[from - 1]];
      for (let k = from; k < m; k++) {
        const s = seq[k];
        const node = stopNode[s];
        const arrival = breaks ? arriveAroundBreaks(P, v, t, time[prev * N + node]) : t + time[prev * N + node];
        let b = arrival > stopEarly[s] ? arrival : stopEarly[s];
        if (breaks) b = serveAroundBreaks(P, v, b, stopService[s]);
        if (b > stopLate[s] + EPS) { this.failPos = k; return round === 0 ? TIME_WINDOW : RIDE_TIME; }
        if (low[k] > b) {
          b = breaks ? serveAroundBreaks(P, v, low[k], stopService[s]) : low[k];
          if (b > stopLate[s] + EPS) { this.failPos = k; return k === 0 && round > 0 ? ROUTE_DURATION : RIDE_TIME; }
        }
        B[k] = b;
        t = b + stopService[s];
        prev = node;
      }
      const ret = breaks ? arriveAroundBreaks(P, v, t, time[prev * N + endNode]) : t + time[prev * N + endNode];
      this.returnTime = ret;
      if (ret > P.vEndLate[v] + EPS) return round === 0 ? TIME_WINDOW : ROUTE_DURATION;
      let changed = false;
      // Departing just in time for the first stop, the duration bound is a lower bound on that stop.
      const needFirst = ret - P.vMaxDuration[v] + firstLeg;
      if (needFirst > B[0] + EPS) { low[0] = needFirst; changed = true; }
      for (let k = 1; k < m; k++) {
        const pk = stopPartner[seq[k]];
        if (pk < 0 || (pk & 1) === 1) continue;
        const kp = pos[pk];
        const need = B[k] - stopService[pk] - stopMaxRide[pk];
        if (need > B[kp] + EPS) {
          if (need > stopLate[pk] + EPS) { this.failPos = k; return RIDE_TIME; }
          if (need > low[kp]) low[kp] = need;
          changed = true;
        }
      }
      if (!changed) return FEASIBLE;
    }
    return RIDE_TIME;
  }

  private checkLoad(v: number, seq: ArrayLike<number>, m: number): boolean {
    const { dims: D, stopLoad, vCapacity, vInitialLoad } = this.P;
    const load = this.load;
    for (let d = 0; d < D; d++) load[d] = vInitialLoad[v * D + d];
    for (let k = 0; k < m; k++) {
      const base = seq[k] * D;
      for (let d = 0; d < D; d++) {
        const q = load[d] + stopLoad[base + d];
        if (q > vCapacity[v * D + d] + EPS) { this.failPos = k; return false; }
        load[d] = q;
      }
    }
    return true;
  }

  /** Sum of ride times of the last feasible evaluation (pickup departure to drop-off start). */
  rideTimeSum(seq: ArrayLike<number>, m: number): number {
    const { stopPartner, stopService } = this.P;
    let sum = 0;
    for (let k = 0; k < m; k++) {
      const pk = stopPartner[seq[k]];
      if (pk >= 0 && (pk & 1) === 0) sum += this.start[k] - this.start[this.pos[pk]] - stopService[pk];
    }
    return sum;
  }
}
