import { findCheapestVehicle } from './cheapest-vehicle';
import { RouteState } from './route-state';
import type { SearchContext, SolutionState } from './solution-state';

/**
 * Local search by request relocation: take each request out and put it back at its cheapest feasible
 * position over all vehicles, until a full pass changes nothing. A relocation never worsens the
 * solution (the old position is still on offer), so this is a plain descent. ALNS calls it on
 * promising candidates only: one pass costs about as much as a few ALNS iterations. `interrupted` is
 * asked every 32 requests; once it says true the descent ends where it is (every move so far kept,
 * the solution consistent): a pass over thousands of requests can take half a second.
 */
export function descendByRelocation(ctx: SearchContext, sol: SolutionState, marked: Uint8Array, maxPasses = 5, interrupted?: () => boolean): number {
  const { P } = ctx;
  const backup = new RouteState(0);
  let moves = 0;
  let seen = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    for (const r of ctx.rng.shuffle(sol.removable())) {
      if (interrupted && (++seen & 31) === 0 && interrupted()) return moves;
      const from = sol.routeOf[r];
      const route = sol.routes[from];
      backup.copyFrom(route, P.dims);
      const before = route.cost;
      sol.remove(ctx, [r], marked);
      // Exact saving: the route is priced again without r (ride times included).
      const saving = before - route.cost;
      const best = findCheapestVehicle(ctx, sol.routes, r);
      if (best.vehicle < 0 || !ctx.costs.relocationImproves(saving, best.delta)) {
        route.copyFrom(backup, P.dims);
        sol.routeOf[r] = from;
        continue;
      }
      sol.insert(ctx, r, best.vehicle, best.i, best.j);
      improved = true;
      moves++;
    }
    if (!improved) break;
  }
  return moves;
}
