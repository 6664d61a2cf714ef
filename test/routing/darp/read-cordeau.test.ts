import { describe, expect, it } from 'vitest';
import { parseCordeau } from '../../../routing/darp/read-cordeau';
import { toCheckerSolution } from '../../../routing/darp/write-solution';
import { solve } from '../../../routing/solver/index';

// Two requests; nodes 0 depot, 1-2 pickups, 3-4 drop-offs, optional 5 = end depot.
const NODES = [
  '0 0 0 0 0 0 480',
  '1 1 0 3 1 0 1440',
  '2 2 0 3 1 0 1440',
  '3 3 0 3 -1 0 1440',
  '4 4 0 3 -1 0 1440',
];

describe('Cordeau instance reader', () => {
  it('reads the Cordeau (2006) layout: header field 2 = n, final depot line present', () => {
    const text = ['1 2 480 3 30', ...NODES, '5 0 0 0 0 0 400'].join('\n');
    const c = parseCordeau(text, 't');
    expect([c.requests, c.vehicles, c.maxRouteDuration, c.capacity, c.maxRide]).toEqual([2, 1, 480, 3, 30]);
    const v = c.instance.vehicles[0];
    expect([v.start.node, v.end.node, v.end.latestS, v.maxDurationS]).toEqual([0, 5, 400, 480]);
    expect(c.instance.requests[1]).toMatchObject({ pickup: { node: 2, serviceS: 3 }, dropoff: { node: 4 }, load: [1], maxRideS: 30 });
    expect(c.instance.distanceM[1 * 6 + 4]).toBe(3);
  });

  it('reads the Cordeau & Laporte (2003) layout: header field 2 = 2n, no final depot line', () => {
    const c = parseCordeau(['1 4 480 3 30', ...NODES].join('\t\n'), 't');
    expect(c.requests).toBe(2);
    expect(c.instance.vehicles[0].end).toEqual({ node: 0, latestS: 480 });
    expect(c.instance.requests[0].dropoff.node).toBe(3);
  });

  it('writes request nodes with service starts, vehicles as indices', () => {
    const c = parseCordeau(['1 4 480 3 30', ...NODES].join('\n'), 't');
    const out = toCheckerSolution(solve(c.instance, { seed: 1, maxIterations: 10 }));
    expect(out.routes).toHaveLength(1);
    expect(out.routes[0].vehicle).toBe(0);
    expect(out.routes[0].stops.map((s) => s.node).sort()).toEqual([1, 2, 3, 4]);
  });

  it('rejects a node count that fits neither layout', () => {
    expect(() => parseCordeau(['1 3 480 3 30', ...NODES].join('\n'), 'bad')).toThrow(/do not match/);
  });
});
