import { describe, expect, it } from 'vitest';
import { findCheapestVehicle } from '../../../routing/solver/cheapest-vehicle';
import { construct } from '../../../routing/solver/construction';
import { descendByRelocation } from '../../../routing/solver/relocate-descent';
import { removeWorst } from '../../../routing/solver/removal-worst';
import { repairByRegret } from '../../../routing/solver/repair-insertion';
import {
  bus, DEPOT_A, DEPOT_B, drivingFromScratch, dropoff, handInstance, pickup, positionPairs, rides, stateOf, withPair,
} from './cost-fixtures';

// The operators price their moves through the evaluator; here each one's own figure (the search's
// delta, the change of the objective, the ranking) is held against route costs summed from scratch.
describe('operators move by the evaluator\'s exact deltas', () => {
  const onA = [pickup(0), pickup(1), dropoff(0), dropoff(1)];
  const onB = [pickup(2), dropoff(2)];

  it('cheapest insertion finds the least delta over every position, and the route changes by exactly that', () => {
    const inst = handInstance(rides(3), [bus('A', DEPOT_A), bus('B', DEPOT_B)]);
    const { ctx, sol } = stateOf(inst, [onA, []]);
    const best = findCheapestVehicle(ctx, sol.routes, 2);
    const onAny = positionPairs(onA.length).map(([i, j]) => drivingFromScratch(inst, 0, withPair(onA, pickup(2), i, dropoff(2), j)) - sol.routes[0].cost);
    const alone = drivingFromScratch(inst, 1, [pickup(2), dropoff(2)]);
    expect(best.delta).toBe(Math.min(...onAny, alone));
    expect(best.delta).toBe(ctx.costs.insertionDelta(sol.routes[best.vehicle], 2, best.i, best.j));
    const before = sol.objective();
    repairByRegret(ctx, sol, [2], 1, 0);
    expect(sol.routeOf[2]).toBe(best.vehicle);
    expect(sol.objective() - before).toBe(best.delta - ctx.costs.penaltyMandatory);
  });

  it('with ride time priced, the search delta is the change of the route cost including ride time', () => {
    const inst = handInstance(rides(3), [bus('A', DEPOT_A)], { minimise: 'duration', rideTimeWeight: 3 });
    const { ctx, sol } = stateOf(inst, [onA]);
    const route = sol.routes[0];
    expect(ctx.search.search(route, 2)).toBe(true);
    const { bestDelta, bestI, bestJ } = ctx.search;
    const before = route.cost;
    route.insertPair(ctx, pickup(2), bestI, dropoff(2), bestJ);
    expect(route.cost - before).toBe(bestDelta);
    expect(bestDelta).not.toBe(ctx.costs.insertionDelta(stateOf(inst, [onA]).sol.routes[0], 2, bestI, bestJ));
  });

  it('worst removal ranks rides by the driving their stops save', () => {
    const inst = handInstance(rides(3), [bus('A', DEPOT_A), bus('B', DEPOT_B)]);
    const { ctx, sol } = stateOf(inst, [onA, onB]);
    const seqs = [onA, onB];
    const saving = [0, 1, 2].map((r) => {
      const v = r === 2 ? 1 : 0;
      const seq = seqs[v];
      return seq.reduce((sum, s, k) => (s >> 1 === r ? sum + drivingFromScratch(inst, v, seq) - drivingFromScratch(inst, v, seq.filter((_, x) => x !== k)) : sum), 0);
    });
    const expected = [0, 1, 2].sort((a, b) => saving[b] - saving[a] || a - b);
    // A huge bias power makes the draw always take the head of the ranking.
    expect(removeWorst(ctx, sol, 3, 1e12)).toEqual(expected);
  });

  it('relocation moves a ride when the evaluator says it pays, by exactly its relocation delta', () => {
    const inst = handInstance(rides(1, { pickup: { node: 6, serviceS: 0, earliestS: 0, latestS: 1000 } }), [bus('A', DEPOT_A), bus('B', DEPOT_B)]);
    const { ctx, sol } = stateOf(inst, [[pickup(0), dropoff(0)], []]);
    const delta = ctx.costs.relocationDelta(sol.routes[0], 0, sol.routes[1], 0, 0);
    expect(delta).toBeLessThan(0);
    const before = sol.objective();
    expect(descendByRelocation(ctx, sol, new Uint8Array(ctx.P.stopCount))).toBe(1);
    expect(sol.routeOf[0]).toBe(1);
    expect(sol.objective() - before).toBe(delta);
  });

  it('relocation descent ends where no relocation the evaluator prices is negative', () => {
    const inst = handInstance(rides(3), [bus('A', DEPOT_A), bus('B', DEPOT_B)]);
    const { ctx, sol } = stateOf(inst, [onB, onA]);
    const before = sol.objective();
    expect(descendByRelocation(ctx, sol, new Uint8Array(ctx.P.stopCount))).toBeGreaterThan(0);
    const seqOf = (v: number) => Array.from(sol.routes[v].seq.subarray(0, sol.routes[v].m));
    expect(sol.objective()).toBe(drivingFromScratch(inst, 0, seqOf(0)) + drivingFromScratch(inst, 1, seqOf(1)));
    expect(sol.objective()).toBeLessThan(before);
    for (let r = 0; r < 3; r++) {
      const from = sol.routes[sol.routeOf[r]];
      for (const to of sol.routes) {
        const m = to === from ? to.m - 2 : to.m;
        for (const [i, j] of positionPairs(m)) expect(ctx.costs.relocationDelta(from, r, to, i, j)).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('construction puts an onboard passenger\'s drop-off where it costs least', () => {
    const onboard = { requestId: 'o', pickedUpAtS: 0, dropoff: { node: 6, serviceS: 0, earliestS: 0, latestS: 1000 }, load: [1], maxRideS: 1000 };
    const inst = handInstance(rides(2), [bus('A', DEPOT_A, { onboard: [onboard] })]);
    const { ctx } = stateOf(inst, [[]]);
    const stops = onA.map((s) => ({ requestId: `r${s >> 1}`, kind: s % 2 === 0 ? 'pickup' as const : 'dropoff' as const }));
    const { sol, issues } = construct(ctx, [{ vehicleId: 'A', stops }]);
    expect(issues).toEqual([]);
    const cheapest = Math.min(...[0, 1, 2, 3, 4].map((i) => drivingFromScratch(inst, 0, [...onA.slice(0, i), 4, ...onA.slice(i)])));
    expect(sol.routes[0].m).toBe(5);
    expect(sol.routes[0].cost).toBe(cheapest);
  });
});
