import type { SearchContext, SolutionState } from './solution-state';

/** Route removal: empties one random route (up to q requests) so its requests find other vehicles. */
export function removeRoute(ctx: SearchContext, sol: SolutionState, q: number): number[] {
  const used = sol.routes.filter((r) => r.m > r.fixed);
  if (used.length === 0) return [];
  const route = used[ctx.rng.int(0, used.length - 1)];
  const requests = sol.removable().filter((r) => sol.routeOf[r] === route.vehicle);
  return ctx.rng.shuffle(requests).slice(0, Math.max(q, 1));
}
