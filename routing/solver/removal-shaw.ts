import type { SearchContext, SolutionState } from './solution-state';

/**
 * Shaw (related) removal: requests close in space and in time to an already removed one, so the
 * repair can reshuffle them among each other. Relatedness = pickup and drop-off distances over the
 * longest arc plus service-start gaps over the horizon.
 */
export function removeShaw(ctx: SearchContext, sol: SolutionState, q: number, power = 4): number[] {
  const P = ctx.P;
  const candidates = sol.removable();
  if (candidates.length === 0) return [];
  const startOf = new Float64Array(P.stopCount);
  for (const route of sol.routes) for (let k = 0; k < route.m; k++) startOf[route.seq[k]] = route.start[k];
  let horizon = 1;
  for (let v = 0; v < P.vehicleCount; v++) horizon = Math.max(horizon, P.vEndLate[v] - P.vStartTime[v]);
  horizon = Math.min(horizon, 1e9);
  const { costs } = ctx;
  const scale = costs.maxArc > 0 ? costs.maxArc : 1;
  const node = P.stopNode;
  // Nearness in the objective's own units (metres or seconds), so "related" means "cheap to combine".
  const related = (a: number, b: number): number => {
    const pa = 2 * a, pb = 2 * b;
    const dist = costs.arc(node[pa], node[pb]) + costs.arc(node[pa + 1], node[pb + 1]);
    const dt = Math.abs(startOf[pa] - startOf[pb]) + Math.abs(startOf[pa + 1] - startOf[pb + 1]);
    return dist / scale + (3 * dt) / horizon;
  };
  const pool = candidates.slice();
  const out = [pool.splice(ctx.rng.int(0, pool.length - 1), 1)[0]];
  while (out.length < q && pool.length > 0) {
    const ref = out[ctx.rng.int(0, out.length - 1)];
    pool.sort((a, b) => related(ref, a) - related(ref, b) || a - b);
    const at = Math.floor(Math.pow(ctx.rng.next(), power) * pool.length);
    out.push(pool.splice(at, 1)[0]);
  }
  return out;
}
