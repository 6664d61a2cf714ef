import type { SearchContext, SolutionState } from './solution-state';

/** Random removal: q removable requests chosen uniformly; pure diversification. */
export function removeRandom(ctx: SearchContext, sol: SolutionState, q: number): number[] {
  return ctx.rng.shuffle(sol.removable()).slice(0, q);
}
