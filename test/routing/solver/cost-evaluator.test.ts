import { describe, expect, it } from 'vitest';
import {
  bus, DEPOT_A, DEPOT_B, drivingFromScratch, dropoff, handInstance, MATRIX, pickup, positionPairs, rides,
  rideTimeFromScratch, stateOf, withPair,
} from './cost-fixtures';

// Deltas are checked with toBe: the matrix is integral, so a right delta is exact, and any other
// value (a wrong neighbour, a missing arc) is off by at least one.
describe('cost evaluator: prices from scratch', () => {
  const seq = [pickup(0), pickup(1), dropoff(0), dropoff(1)];

  it('prices a route as the driving arc by arc, depot to depot', () => {
    const inst = handInstance(rides(2), [bus('A', DEPOT_A)]);
    const { ctx, sol } = stateOf(inst, [seq]);
    // 0→1→3→2→4→0 = 12 + 5 + 25 + 13 + 45
    expect(sol.routes[0].cost).toBe(100);
    expect(drivingFromScratch(inst, 0, seq)).toBe(100);
    expect(ctx.costs.routeCost(0, seq, seq.length, 0)).toBe(100);
    expect(ctx.costs.routeCost(0, [], 0, 0)).toBe(0);
  });

  it('prices the matrix the objective names, plus the weighted ride time', () => {
    const flat = MATRIX.map((row) => row.map((x) => (x === 0 ? 0 : 1)));
    const inst = handInstance(rides(2), [bus('A', DEPOT_A)], { minimise: 'duration', rideTimeWeight: 2 }, flat);
    const { sol } = stateOf(inst, [seq]);
    // Rides: r0 picked up at 12, dropped at 42 (30 s); r1 picked up at 17, dropped at 55 (38 s).
    expect(rideTimeFromScratch(inst, 0, seq)).toBe(68);
    expect(sol.routes[0].cost).toBe(100 + 2 * 68);
    const byDistance = stateOf(handInstance(rides(2), [bus('A', DEPOT_A)], { minimise: 'distance', rideTimeWeight: 0 }, flat), [seq]);
    expect(byDistance.sol.routes[0].cost).toBe(5);
  });

  it('adds a penalty per unserved request and per unschedulable route, lexicographically', () => {
    const optional = rides(3).map((r, k) => (k === 2 ? { ...r, mandatory: false } : r));
    const inst = handInstance(optional, [bus('A', DEPOT_A), bus('B', DEPOT_B)]);
    const { ctx, sol } = stateOf(inst, [seq, []]);
    const { costs } = ctx;
    expect(sol.objective()).toBe(100 + costs.penaltyOptional);
    // One more optional ride beats any driving: no plan drives more than (stops + vehicles) arcs.
    expect(costs.penaltyOptional).toBeGreaterThan((6 + 2) * costs.maxArc);
    expect(costs.penaltyMandatory).toBeGreaterThan(3 * costs.penaltyOptional);
    expect(costs.maxArc).toBe(61);
    sol.remove(ctx, [1], new Uint8Array(ctx.P.stopCount));
    expect(sol.objective()).toBe(drivingFromScratch(inst, 0, [pickup(0), dropoff(0)]) + costs.penaltyOptional + costs.penaltyMandatory);
    // A bus that starts too late for its own plan: the route is priced as unschedulable.
    const late = handInstance(rides(1), [bus('A', DEPOT_A, { start: { node: DEPOT_A, earliestS: 990 } })]);
    const stale = stateOf(late, [[pickup(0), dropoff(0)]]);
    expect(stale.sol.routes[0].feasible).toBe(false);
    expect(stale.sol.objective()).toBe(stale.sol.routes[0].cost + stale.ctx.costs.penaltyInfeasibleRoute);
  });
});

describe('cost evaluator: move deltas equal differences of route costs from scratch', () => {
  const inst = handInstance(rides(3), [bus('A', DEPOT_A), bus('B', DEPOT_B)]);
  const onA = [pickup(0), pickup(1), dropoff(0), dropoff(1)];
  const onB = [pickup(2), dropoff(2)];

  it('inserting a ride at every pickup/drop-off position pair', () => {
    const { ctx, sol } = stateOf(inst, [onA, []]);
    const before = drivingFromScratch(inst, 0, onA);
    for (const [i, j] of positionPairs(onA.length)) {
      const after = drivingFromScratch(inst, 0, withPair(onA, pickup(2), i, dropoff(2), j));
      expect([i, j, ctx.costs.insertionDelta(sol.routes[0], 2, i, j)]).toEqual([i, j, after - before]);
    }
    expect(ctx.costs.insertionDelta(sol.routes[1], 2, 0, 0)).toBe(drivingFromScratch(inst, 1, onB));
  });

  it('removing each ride, and each single stop', () => {
    const { ctx, sol } = stateOf(inst, [onA, onB]);
    const route = sol.routes[0];
    for (const r of [0, 1]) {
      const rest = onA.filter((s) => s >> 1 !== r);
      expect(ctx.costs.removalDelta(route, r)).toBe(drivingFromScratch(inst, 0, rest) - route.cost);
    }
    // Adjacent pickup and drop-off: one detour, not two.
    expect(ctx.costs.removalDelta(sol.routes[1], 2)).toBe(-drivingFromScratch(inst, 1, onB));
    onA.forEach((_, k) => {
      const rest = onA.filter((__, x) => x !== k);
      expect(ctx.costs.stopRemovalGain(route, k)).toBe(route.cost - drivingFromScratch(inst, 0, rest));
    });
  });

  it('relocating a ride to every position of another route and of its own', () => {
    const { ctx, sol } = stateOf(inst, [onA, onB]);
    const [a, b] = sol.routes;
    const before = drivingFromScratch(inst, 0, onA) + drivingFromScratch(inst, 1, onB);
    const restA = [pickup(1), dropoff(1)];
    for (const [i, j] of positionPairs(onB.length)) {
      const after = drivingFromScratch(inst, 0, restA) + drivingFromScratch(inst, 1, withPair(onB, pickup(0), i, dropoff(0), j));
      expect([i, j, ctx.costs.relocationDelta(a, 0, b, i, j)]).toEqual([i, j, after - before]);
    }
    for (const [i, j] of positionPairs(restA.length)) {
      const after = drivingFromScratch(inst, 0, withPair(restA, pickup(0), i, dropoff(0), j));
      expect([i, j, ctx.costs.relocationDelta(a, 0, a, i, j)]).toEqual([i, j, after - drivingFromScratch(inst, 0, onA)]);
    }
  });

  it('inserting a lone stop (an onboard passenger\'s drop-off) at every position', () => {
    const onboard = { requestId: 'o', pickedUpAtS: 0, dropoff: { node: 6, serviceS: 0, earliestS: 0, latestS: 1000 }, load: [1], maxRideS: 1000 };
    const withOnboard = handInstance(rides(2), [bus('A', DEPOT_A, { onboard: [onboard] })]);
    const { ctx, sol } = stateOf(withOnboard, [onA]);
    const drop = 4;
    for (let i = 0; i <= onA.length; i++) {
      const after = drivingFromScratch(withOnboard, 0, [...onA.slice(0, i), drop, ...onA.slice(i)]);
      expect(ctx.costs.stopInsertionDelta(sol.routes[0], drop, i)).toBe(after - sol.routes[0].cost);
    }
  });
});
