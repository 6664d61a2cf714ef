import { describe, expect, it } from 'vitest';
import { solve } from '../../../routing/solver/index';
import { instance, lineMatrix, matrix, request, timeline, vehicle } from './fixtures';

const OPTS = { seed: 1, maxIterations: 50 };

describe('dispatcher constraints', () => {
  it('keeps a pinned request on its vehicle although another is closer', () => {
    const m = matrix(4, { '0-2': 5, '1-2': 30, '2-3': 10, '3-0': 5, '3-1': 30, '0-1': 30 });
    const a = vehicle('A');
    const b = vehicle('B', { start: { node: 1, earliestS: 0 }, end: { node: 1, latestS: 1000 } });
    const sol = solve(instance(m, [request('r', 2, 3, { pinnedVehicleId: 'B' })], [a, b]), OPTS);
    const [ra, rb] = sol.routes;
    expect(ra.stops).toEqual([]);
    expect(timeline(rb)).toEqual([['r', 'pickup', 30, 30], ['r', 'dropoff', 40, 40]]);
    expect(rb.returnS).toBe(70);
  });

  it('keeps a committed first stop first', () => {
    // Free choice would be 0→1→2→3→4→0 (25); with r2's pickup committed the best is 0→3→1→2→4→0 (50).
    const m = matrix(5, { '0-3': 20, '3-4': 5, '1-4': 50, '1-3': 10, '1-2': 5, '2-4': 10, '0-4': 5, '0-2': 5, '0-1': 5, '2-3': 5 });
    const bus = vehicle('v', { committed: [{ requestId: 'r2', kind: 'pickup' }] });
    const sol = solve(instance(m, [request('r1', 1, 2), request('r2', 3, 4)], [bus]), OPTS);
    expect(timeline(sol.routes[0])).toEqual([
      ['r2', 'pickup', 20, 20], ['r1', 'pickup', 30, 30], ['r1', 'dropoff', 35, 35], ['r2', 'dropoff', 45, 45],
    ]);
    expect(sol.cost).toBe(50);
  });

  it('never carries two wheelchairs with one wheelchair place, though seats are free', () => {
    // On a line 0,10,20,30,40: sharing would cost 80; one wheelchair at a time costs 100.
    const m = lineMatrix([0, 10, 20, 30, 40]);
    const bus = vehicle('v', { capacity: [3, 1] });
    const w1 = request('w1', 1, 3, { load: [0, 1] });
    const w2 = request('w2', 2, 4, { load: [0, 1] });
    const sol = solve(instance(m, [w1, w2], [bus]), OPTS);
    expect(timeline(sol.routes[0])).toEqual([
      ['w1', 'pickup', 10, 10], ['w1', 'dropoff', 30, 30], ['w2', 'pickup', 40, 40], ['w2', 'dropoff', 60, 60],
    ]);
    expect(sol.routes[0].stops.map((s) => s.load)).toEqual([[0, 1], [0, 0], [0, 1], [0, 0]]);
    expect(sol.cost).toBe(100);
  });

  it('reports mandatory requests it cannot serve, with the rule that blocks them', () => {
    const m = matrix(3, { '0-1': 5, '1-2': 30, '0-2': 5 });
    const late = request('late', 1, 2, {
      pickup: { node: 1, serviceS: 0, earliestS: 0, latestS: 10 },
      dropoff: { node: 2, serviceS: 0, earliestS: 0, latestS: 15 },
    });
    const long = request('long', 1, 2, { maxRideS: 5 });
    const big = request('big', 1, 2, { load: [5] });
    const ok = request('ok', 2, 1);
    const sol = solve(instance(m, [late, long, big, ok], [vehicle('v')]), OPTS);
    expect(sol.unserved.map((u) => [u.requestId, u.reason])).toEqual([['late', 'time_window'], ['long', 'ride_time'], ['big', 'capacity']]);
    expect(timeline(sol.routes[0])).toEqual([['ok', 'pickup', 5, 5], ['ok', 'dropoff', 35, 35]]);
  });
});

describe('lexicographic objective', () => {
  it('serves the mandatory request first, then as many optional ones as fit, and says why the rest are not served', () => {
    // One seat, three rides over the same 20 s stretch with tight pickup windows: only one can go.
    const m = lineMatrix([0, 10, 30]);
    const tight = { node: 1, serviceS: 0, earliestS: 10, latestS: 12 };
    const opt1 = request('opt1', 1, 2, { mandatory: false, pickup: tight });
    const must = request('must', 1, 2, { mandatory: true, pickup: tight });
    const opt2 = request('opt2', 1, 2, { mandatory: false, pickup: { ...tight, earliestS: 60, latestS: 70 } });
    const sol = solve(instance(m, [opt1, must, opt2], [vehicle('v', { capacity: [1] })]), OPTS);
    expect(timeline(sol.routes[0])).toEqual([
      ['must', 'pickup', 10, 10], ['must', 'dropoff', 30, 30], ['opt2', 'pickup', 50, 60], ['opt2', 'dropoff', 80, 80],
    ]);
    expect(sol.unserved).toEqual([{ requestId: 'opt1', reason: 'no_vehicle', detail: expect.stringContaining('current plan') }]);
  });
});
