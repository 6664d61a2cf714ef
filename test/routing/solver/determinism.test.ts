import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCordeau } from '../../../routing/darp/read-cordeau';
import { solve } from '../../../routing/solver/index';
import type { Solution } from '../../../routing/solver/index';
import { bus, DEPOT_A, DEPOT_B, handInstance, rides } from './cost-fixtures';

const A2_16 = new URL('../darp/fixtures/a2-16.txt', import.meta.url);

/** Everything a replay must reproduce: routes with their schedules, who is left out and why, the cost. */
const replayed = (s: Solution) => ({ routes: s.routes, unserved: s.unserved, cost: s.cost, iterations: s.stats.iterations, constructionCost: s.stats.constructionCost });

describe('solve determinism', () => {
  it('gives identical routes for the same seed and iteration limit', () => {
    const { instance } = parseCordeau(readFileSync(A2_16, 'utf8'), 'a2-16');
    const a = solve(instance, { seed: 7, maxIterations: 300, timeLimitMs: 60_000 });
    const b = solve(instance, { seed: 7, maxIterations: 300, timeLimitMs: 60_000 });
    expect(a.stats.iterations).toBe(300);
    expect(replayed(b)).toEqual(replayed(a));
    expect(a.unserved).toEqual([]);
  });

  it('replays a re-plan with a passenger on board, a committed stop, a warm start and an optional ride', () => {
    // What a production re-plan hands the solver: a snapshot of the plans and the seed it drew.
    const onboard = { requestId: 'o', pickedUpAtS: 0, dropoff: { node: 6, serviceS: 0, earliestS: 0, latestS: 1000 }, load: [1], maxRideS: 1000 };
    const requests = rides(3).map((r, k) => (k === 2 ? { ...r, mandatory: false } : r));
    const vehicles = [
      bus('A', DEPOT_A, { onboard: [onboard], committed: [{ requestId: 'r0', kind: 'pickup' }] }),
      bus('B', DEPOT_B, { capacity: [1] }),
    ];
    const instance = handInstance(requests, vehicles, { minimise: 'duration', rideTimeWeight: 0.5 });
    const initial = [{ vehicleId: 'A', stops: [{ requestId: 'r0', kind: 'pickup' as const }, { requestId: 'o', kind: 'dropoff' as const }, { requestId: 'r0', kind: 'dropoff' as const }] }];
    const runs = [1, 2].map(() => solve(instance, { seed: 424242, maxIterations: 200, initial }));
    expect(runs[0].stats.iterations).toBe(200);
    expect(runs[0].unserved).toEqual([]);
    expect(replayed(runs[1])).toEqual(replayed(runs[0]));
  });
});
