import { CostEvaluator } from './cost-evaluator';
import { InsertionSearch } from './insertion-search';
import type { Problem } from './problem';
import type { Rng } from './rng';
import { RouteState, type RouteContext } from './route-state';
import { Scheduler } from './schedule';

/** Shared machinery of one search: the compiled problem, its prices, reusable buffers and the random stream. */
export interface SearchContext extends RouteContext {
  readonly search: InsertionSearch;
  readonly rng: Rng;
}

export function createContext(P: Problem, rng: Rng): SearchContext {
  const sched = new Scheduler(P);
  const costs = new CostEvaluator(P);
  return { P, sched, costs, search: new InsertionSearch(P, sched, costs), rng };
}

/** A full assignment: one route per vehicle and, per request, the vehicle serving it (−1: none). */
export class SolutionState {
  readonly routes: RouteState[];
  readonly routeOf: Int32Array;

  constructor(private readonly P: Problem, private readonly costs: CostEvaluator) {
    this.routes = Array.from({ length: P.vehicleCount }, (_, v) => new RouteState(v));
    this.routeOf = new Int32Array(P.requestCount).fill(-1);
  }

  copyFrom(o: SolutionState): void {
    for (let v = 0; v < this.routes.length; v++) this.routes[v].copyFrom(o.routes[v], this.P.dims);
    this.routeOf.set(o.routeOf);
  }

  clone(): SolutionState {
    const s = new SolutionState(this.P, this.costs);
    s.copyFrom(this);
    return s;
  }

  /** Cost of the routes (driving and ride time), without penalties. */
  drivingCost(): number {
    return this.costs.routesCost(this.routes);
  }

  /** The evaluator's objective: route costs plus penalties for unserved requests and unschedulable routes. */
  objective(): number {
    return this.costs.objective(this);
  }

  unassigned(): number[] {
    const out: number[] = [];
    for (let r = 0; r < this.routeOf.length; r++) if (this.routeOf[r] < 0) out.push(r);
    return out;
  }

  insert(ctx: SearchContext, r: number, v: number, i: number, j: number): void {
    this.routes[v].insertPair(ctx, 2 * r, i, 2 * r + 1, j);
    this.routeOf[r] = v;
  }

  /** Removes the requests from their routes, refreshing each touched route once. */
  remove(ctx: SearchContext, requests: number[], marked: Uint8Array): void {
    const touched = new Set<number>();
    for (const r of requests) {
      const v = this.routeOf[r];
      if (v < 0) continue;
      marked[2 * r] = 1;
      marked[2 * r + 1] = 1;
      touched.add(v);
      this.routeOf[r] = -1;
    }
    for (const v of touched) {
      this.routes[v].removeMarked(marked);
      this.routes[v].refresh(ctx);
    }
    for (const r of requests) { marked[2 * r] = 0; marked[2 * r + 1] = 0; }
  }

  /** Requests the destroy operators may take out (assigned and not in a committed prefix). */
  removable(): number[] {
    const out: number[] = [];
    for (let r = 0; r < this.routeOf.length; r++) if (this.routeOf[r] >= 0 && this.P.locked[r] === 0) out.push(r);
    return out;
  }
}
