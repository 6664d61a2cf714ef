import { describe, expect, it } from 'vitest';
import { solve } from '../../../routing/solver/index';
import { instance, matrix, request, timeline, vehicle } from './fixtures';

const OPTS = { seed: 1, maxIterations: 50 };

describe('exact schedules', () => {
  it('waits before a pickup so that a later ride time stays short', () => {
    // Earliest pickup at 10 would ride 40 s because the drop-off opens at 50; max ride is 15 s.
    const m = matrix(3, { '0-1': 10, '1-2': 10, '0-2': 15 });
    const a = request('a', 1, 2, {
      maxRideS: 15,
      pickup: { node: 1, serviceS: 0, earliestS: 0, latestS: 100 },
      dropoff: { node: 2, serviceS: 0, earliestS: 50, latestS: 100 },
    });
    const sol = solve(instance(m, [a], [vehicle('v')]), OPTS);
    const route = sol.routes[0];
    expect(timeline(route)).toEqual([['a', 'pickup', 35, 35], ['a', 'dropoff', 45, 50]]);
    expect([route.departureS, route.returnS, route.durationS, route.distanceM]).toEqual([25, 65, 40, 35]);
    expect(sol.unserved).toEqual([]);
  });

  it('drops an onboard passenger before its ride-time deadline and frees the seat first', () => {
    // Picked up at 100 with 30 s max ride: drop-off by 130. Going to the new pickup first would arrive at 135.
    const m = matrix(5, { '0-1': 20, '0-2': 20, '0-3': 20, '0-4': 20, '1-2': 15, '1-3': 5, '2-3': 10, '3-4': 10, '2-4': 25, '1-4': 12 });
    const bus = vehicle('v', {
      capacity: [1], start: { node: 1, earliestS: 110 },
      onboard: [{ requestId: 'on', pickedUpAtS: 100, maxRideS: 30, load: [1], dropoff: { node: 2, serviceS: 0, earliestS: 0, latestS: 1000 } }],
    });
    const sol = solve(instance(m, [request('n', 3, 4, { maxRideS: 100 })], [bus]), OPTS);
    expect(timeline(sol.routes[0])).toEqual([['on', 'dropoff', 125, 125], ['n', 'pickup', 135, 135], ['n', 'dropoff', 145, 145]]);
    expect([sol.routes[0].departureS, sol.routes[0].returnS]).toEqual([110, 165]);
    expect(sol.routes[0].stops.map((s) => s.load)).toEqual([[0], [1], [0]]);
  });

  it('follows an asymmetric matrix (2→1 is slow, 1→2 is fast) and service times in ride times', () => {
    const m = matrix(3, { '0>1': 10, '1>0': 10, '1>2': 10, '2>1': 40, '0>2': 40, '2>0': 10 });
    const svc = (node: number) => ({ node, serviceS: 2, earliestS: 0, latestS: 1000 });
    const r1 = request('r1', 1, 2, { maxRideS: 11, pickup: svc(1), dropoff: svc(2) });
    const r2 = request('r2', 2, 1, { pickup: svc(2), dropoff: svc(1) });
    const sol = solve(instance(m, [r1, r2], [vehicle('v')]), OPTS);
    const route = sol.routes[0];
    expect(timeline(route)).toEqual([
      ['r1', 'pickup', 10, 10], ['r1', 'dropoff', 22, 22], ['r2', 'pickup', 24, 24], ['r2', 'dropoff', 66, 66],
    ]);
    expect([route.returnS, route.distanceM, sol.cost]).toEqual([78, 70, 70]);
  });
});
