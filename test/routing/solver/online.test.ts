import { describe, expect, it } from 'vitest';
import { checkRoute, createPlanState, insertRequest } from '../../../routing/solver/index';
import { instance, lineMatrix, request, vehicle } from './fixtures';

const m = lineMatrix([0, 10, 20]);
const window = (node: number, latestS: number) => ({ node, serviceS: 0, earliestS: 0, latestS });

describe('online insertion and dispatcher checks', () => {
  it('answers a booking with the pickup time and the latest pickup that can be promised', () => {
    const b = request('b', 1, 2, { maxRideS: 50, pickup: window(1, 100), dropoff: window(2, 60) });
    const inst = instance(m, [b], [vehicle('v')]);
    const res = insertRequest(inst, [{ vehicleId: 'v', stops: [] }], 'b');
    expect(res).toMatchObject({ feasible: true, vehicleId: 'v', deltaCost: 40, pickupStartS: 10, dropoffStartS: 20, pickupLatestS: 50 });
  });

  it('rejects a booking with the rule that blocks it', () => {
    const b = request('b', 1, 2, { pickup: window(1, 5) });
    const res = insertRequest(instance(m, [b], [vehicle('v')]), [], 'b');
    expect(res).toMatchObject({ feasible: false, reason: 'time_window' });
  });

  it('puts no one on a bus whose plan the clock has passed, and gives the bus that can take them real times', () => {
    // Bus v should have left for a's pickup (latest 15) already, but starts from the depot only at 20.
    const a = request('a', 1, 2, { pickup: window(1, 15) });
    const b = request('b', 1, 2, { mandatory: false });
    const stale = vehicle('v', { start: { node: 0, earliestS: 20 } });
    const plans = [{ vehicleId: 'v', stops: [{ requestId: 'a', kind: 'pickup' as const }, { requestId: 'a', kind: 'dropoff' as const }] }];
    expect(createPlanState(instance(m, [a, b], [stale]), plans).apply('b')).toMatchObject({ feasible: false, reason: 'time_window' });
    const placed = createPlanState(instance(m, [a, b], [stale, vehicle('w', { start: { node: 0, earliestS: 20 } })]), plans).apply('b');
    expect(placed).toMatchObject({ feasible: true, vehicleId: 'w', route: { stops: [{ requestId: 'b', startS: 30 }, { requestId: 'b', startS: 40 }] } });
  });

  it('lists every violation of an overridden sequence and schedules a valid one', () => {
    const a = request('a', 1, 2, { pinnedVehicleId: 'w' });
    const c = request('c', 2, 1, { dropoff: window(1, 15) });
    const inst = instance(m, [a, c], [vehicle('v'), vehicle('w')]);
    const bad = checkRoute(inst, 'v', [{ requestId: 'a', kind: 'dropoff' }, { requestId: 'a', kind: 'pickup' }]);
    expect(bad.feasible).toBe(false);
    if (!bad.feasible) expect(bad.violations.map((x) => x.rule).sort()).toEqual(['pinned', 'pinned', 'structure']);
    const late = checkRoute(inst, 'v', [{ requestId: 'c', kind: 'pickup' }, { requestId: 'c', kind: 'dropoff' }]);
    expect(late).toMatchObject({ feasible: false, violations: [{ rule: 'time_window', requestId: 'c' }] });
    const good = checkRoute(inst, 'w', [{ requestId: 'a', kind: 'pickup' }, { requestId: 'a', kind: 'dropoff' }]);
    expect(good).toMatchObject({ feasible: true, route: { departureS: 0, returnS: 40, stops: [{ startS: 10 }, { startS: 20 }] } });
  });
});
