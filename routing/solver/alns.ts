import { descendByRelocation } from './relocate-descent';
import { removeRandom } from './removal-random';
import { removeRoute } from './removal-route';
import { removeShaw } from './removal-shaw';
import { removeWorst } from './removal-worst';
import { repairByRegret } from './repair-insertion';
import type { SearchContext, SolutionState } from './solution-state';
import type { SearchProgress, StoppingRule } from './stopping';

type Destroy = (ctx: SearchContext, sol: SolutionState, q: number) => number[];
const DESTROYS: Destroy[] = [removeRandom, removeWorst, removeShaw, removeRoute];
/** Repair variants: regret order k, and whether costs get noise. */
const REPAIRS: Array<{ k: number; noise: boolean }> = [
  { k: 1, noise: false }, { k: 2, noise: false }, { k: 3, noise: false },
  { k: 1, noise: true }, { k: 2, noise: true }, { k: 3, noise: true },
];
const SCORE_BEST = 33, SCORE_BETTER = 9, SCORE_ACCEPTED = 13;
const SEGMENT = 100;
const REACTION = 0.1;

export interface AlnsResult { best: SolutionState; iterations: number; improvements: number }

export interface AlnsParams {
  /** Start temperature as a fraction of the driving cost (a move that much worse passes half the time). */
  startTemperature: number;
  endTemperature: number;
  /** Iterations without a new best before the search restarts from the best. */
  restartAfter: number;
  /** Removal size is drawn from [2, max(4, qFraction·n) capped at qCap]. */
  qFraction: number;
  qCap: number;
  /** Relocation descent runs on candidates within this fraction of the best cost. */
  polishWithin: number;
  now: () => number;
}

/**
 * Adaptive large neighbourhood search (Ropke & Pisinger 2006) with simulated-annealing acceptance.
 * Destroy and repair operators are drawn by adaptive roulette weights; the temperature falls
 * geometrically with the stopping rule's progress (iterations when bounded, else wall clock).
 */
export function runAlns(ctx: SearchContext, initial: SolutionState, stop: StoppingRule, params: AlnsParams): AlnsResult {
  const { P, rng, costs } = ctx;
  const best = initial.clone(), current = initial.clone(), work = initial.clone();
  let bestCost = best.objective(), currentCost = bestCost;
  const marked = new Uint8Array(P.stopCount);
  const dW = new Float64Array(DESTROYS.length).fill(1), dS = new Float64Array(DESTROYS.length), dN = new Float64Array(DESTROYS.length);
  const rW = new Float64Array(REPAIRS.length).fill(1), rS = new Float64Array(REPAIRS.length), rN = new Float64Array(REPAIRS.length);
  const removableCount = Math.max(1, P.requestCount);
  const qMin = Math.min(removableCount, 2);
  const qMax = Math.max(qMin, Math.min(removableCount, Math.max(4, Math.round(params.qFraction * removableCount)), params.qCap));
  const base = Math.max(1e-9, best.drivingCost());
  const t0 = params.startTemperature * base / Math.LN2;
  const t1 = params.endTemperature * base / Math.LN2;
  const noiseAmp = 0.025 * costs.maxArc;
  const started = params.now();
  const progress: SearchProgress = { iterations: 0, elapsedMs: 0, iterationsSinceBest: 0 };
  let improvements = 0;
  while (!stop.shouldStop(progress)) {
    const frac = stop.fraction(progress) ?? 0;
    const temperature = t0 * Math.pow(t1 / t0, frac);
    const d = rng.roulette(dW), r = rng.roulette(rW);
    const q = rng.int(qMin, qMax);
    const removed = DESTROYS[d](ctx, work, q);
    work.remove(ctx, removed, marked);
    const pending = rng.shuffle(work.unassigned());
    repairByRegret(ctx, work, pending, REPAIRS[r].k, REPAIRS[r].noise ? noiseAmp : 0);
    let cost = work.objective();
    // Polish candidates near the best: cheap relative to an iteration and it finds the local optimum.
    if (cost < bestCost * (1 + params.polishWithin)) {
      // Only a caller's request (WhenAsked) can fire mid-iteration: the progress seen here is the
      // iteration's start, so iteration- and time-bounded runs descend as far as before.
      descendByRelocation(ctx, work, marked, undefined, () => stop.shouldStop(progress));
      cost = work.objective();
    }
    let score = 0;
    if (costs.improves(cost, bestCost)) {
      best.copyFrom(work); bestCost = cost; improvements++; progress.iterationsSinceBest = 0; score = SCORE_BEST;
    } else progress.iterationsSinceBest++;
    const better = costs.improves(cost, currentCost);
    const accept = better || rng.next() < Math.exp(-(cost - currentCost) / temperature);
    if (accept) {
      if (score === 0) score = better ? SCORE_BETTER : SCORE_ACCEPTED;
      current.copyFrom(work); currentCost = cost;
    } else work.copyFrom(current);
    if (progress.iterationsSinceBest > 0 && progress.iterationsSinceBest % params.restartAfter === 0) {
      current.copyFrom(best); work.copyFrom(best); currentCost = bestCost;
    }
    dS[d] += score; dN[d]++; rS[r] += score; rN[r]++;
    progress.iterations++;
    if (progress.iterations % SEGMENT === 0) {
      updateWeights(dW, dS, dN);
      updateWeights(rW, rS, rN);
    }
    progress.elapsedMs = params.now() - started;
  }
  return { best, iterations: progress.iterations, improvements };
}

function updateWeights(w: Float64Array, s: Float64Array, n: Float64Array): void {
  for (let i = 0; i < w.length; i++) {
    if (n[i] > 0) w[i] = Math.max(0.05, (1 - REACTION) * w[i] + (REACTION * s[i]) / n[i]);
    s[i] = 0; n[i] = 0;
  }
}
