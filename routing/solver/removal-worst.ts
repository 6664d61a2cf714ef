import type { SearchContext, SolutionState } from './solution-state';

/**
 * Worst removal: requests whose detour costs most (saving if removed), drawn with a bias
 * y^power over the sorted list so the operator is greedy but not deterministic.
 */
export function removeWorst(ctx: SearchContext, sol: SolutionState, q: number, power = 3): number[] {
  const saving = new Map<number, number>();
  for (const route of sol.routes) {
    const { seq, m } = route;
    for (let k = route.fixed; k < m; k++) {
      const s = seq[k];
      if (s >= 2 * ctx.P.requestCount) continue;
      const r = s >> 1;
      if (ctx.P.locked[r]) continue;
      // Each stop's own saving: adjacent pickup/drop-off pairs count a little high; good enough for a ranking.
      const gain = ctx.costs.stopRemovalGain(route, k);
      saving.set(r, (saving.get(r) ?? 0) + gain);
    }
  }
  const ranked = [...saving.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map((e) => e[0]);
  const out: number[] = [];
  while (out.length < q && ranked.length > 0) {
    const at = Math.floor(Math.pow(ctx.rng.next(), power) * ranked.length);
    out.push(ranked.splice(at, 1)[0]);
  }
  return out;
}
