import type { SearchContext, SolutionState } from './solution-state';

/** Reusable per-repair cache: best insertion of each pending request into each vehicle. */
interface Cache { delta: Float64Array; i: Int32Array; j: Int32Array }

function allowed(ctx: SearchContext, r: number, v: number): boolean {
  const a = ctx.P.allowedVehicle[r];
  return a < 0 || a === v;
}

function evaluateInto(ctx: SearchContext, sol: SolutionState, cache: Cache, idx: number, r: number, v: number, noise: number): void {
  const V = ctx.P.vehicleCount;
  const at = idx * V + v;
  if (allowed(ctx, r, v) && ctx.search.search(sol.routes[v], r, noise, noise > 0 ? () => ctx.rng.next() : undefined)) {
    cache.delta[at] = ctx.search.bestDelta;
    cache.i[at] = ctx.search.bestI;
    cache.j[at] = ctx.search.bestJ;
  } else cache.delta[at] = Infinity;
}

/**
 * Regret-k insertion (k = 1 is greedy cheapest insertion). Each step inserts the request with the
 * largest regret (sum of cost gaps between its best and its next k−1 best vehicles), mandatory
 * requests before optional ones; only the column of the vehicle that changed is re-evaluated.
 * Requests with no feasible position stay unassigned. `noise` randomises costs by ±noise.
 */
export function repairByRegret(ctx: SearchContext, sol: SolutionState, pending: number[], k: number, noise: number): void {
  const V = ctx.P.vehicleCount;
  const n = pending.length;
  if (n === 0) return;
  const cache: Cache = { delta: new Float64Array(n * V), i: new Int32Array(n * V), j: new Int32Array(n * V) };
  const alive = pending.slice();
  for (let x = 0; x < n; x++) for (let v = 0; v < V; v++) evaluateInto(ctx, sol, cache, x, alive[x], v, noise);
  const idxOf = alive.map((_, x) => x);
  while (idxOf.length > 0) {
    let pick = -1, pickScore = -Infinity, pickBest = Infinity, pickV = -1, pickMandatory = -1;
    for (let y = 0; y < idxOf.length; y++) {
      const x = idxOf[y];
      const r = alive[x];
      const { best, bestV, regret } = regretOf(cache.delta, x * V, V, k);
      if (bestV < 0) continue;
      const mand = ctx.P.mandatory[r];
      const better = mand > pickMandatory
        || (mand === pickMandatory && (regret > pickScore || (regret === pickScore && best < pickBest)));
      if (better) { pick = y; pickScore = regret; pickBest = best; pickV = bestV; pickMandatory = mand; }
    }
    if (pick < 0) return;
    const x = idxOf[pick];
    const at = x * V + pickV;
    sol.insert(ctx, alive[x], pickV, cache.i[at], cache.j[at]);
    idxOf.splice(pick, 1);
    for (const y of idxOf) evaluateInto(ctx, sol, cache, y, alive[y], pickV, noise);
  }
}

/** Best cost, its vehicle, and the regret-k value; k = 1 scores by −best so greedy picks the cheapest. */
function regretOf(delta: Float64Array, base: number, V: number, k: number): { best: number; bestV: number; regret: number } {
  let best = Infinity, bestV = -1;
  for (let v = 0; v < V; v++) if (delta[base + v] < best) { best = delta[base + v]; bestV = v; }
  if (k <= 1 || bestV < 0) return { best, bestV, regret: -best };
  // Sum of gaps to the next k−1 best; a missing alternative counts as a large gap (urgent request).
  let regret = 0;
  let prev = best;
  const used: number[] = [bestV];
  for (let h = 1; h < k; h++) {
    let nb = Infinity, nv = -1;
    for (let v = 0; v < V; v++) if (!used.includes(v) && delta[base + v] >= prev && delta[base + v] < nb) { nb = delta[base + v]; nv = v; }
    if (nv < 0 || nb === Infinity) { regret += 1e12; break; }
    regret += nb - best;
    used.push(nv);
    prev = nb;
  }
  return { best, bestV, regret };
}
