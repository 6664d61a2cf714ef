import { describe, expect, it } from 'vitest';
import { createTravelTimes, OsrmTravelTimes, StraightLineEstimate } from '../../../routing/travel-times';

const BITBURG = { lon: 6.529, lat: 49.972 };
const PRUEM = { lon: 6.424, lat: 50.207 };
const DAUN = { lon: 6.832, lat: 50.198 };

describe('StraightLineEstimate', () => {
  const estimate = new StraightLineEstimate();

  it('estimates Bitburg → Prüm: 27.2 km straight, ~37 km road, ~44 min at 50 km/h', async () => {
    const matrix = await estimate.matrix([BITBURG, PRUEM]);

    expect(matrix.distanceM[1]).toBeGreaterThan(36_000);
    expect(matrix.distanceM[1]).toBeLessThan(37_500);
    expect(matrix.durationS[1] / 60).toBeGreaterThan(43);
    expect(matrix.durationS[1] / 60).toBeLessThan(46);
    expect(matrix).toMatchObject({ rows: 2, cols: 2, estimated: true, unreachableCells: 0 });
  });

  it('is symmetric with a zero diagonal', async () => {
    const points = [BITBURG, PRUEM, DAUN];
    const { durationS, distanceM } = await estimate.matrix(points);

    for (let r = 0; r < 3; r++) {
      expect([durationS[r * 3 + r], distanceM[r * 3 + r]]).toEqual([0, 0]);
      for (let c = 0; c < 3; c++) {
        expect(durationS[r * 3 + c]).toBe(durationS[c * 3 + r]);
        expect(distanceM[r * 3 + c]).toBe(distanceM[c * 3 + r]);
      }
    }
  });

  it('honours detour factor and speed', async () => {
    const slow = new StraightLineEstimate({ detourFactor: 1, speedKmh: 25 });
    const fast = await estimate.matrix([BITBURG], [PRUEM]);
    const straight = await slow.matrix([BITBURG], [PRUEM]);

    expect(straight.distanceM[0]).toBeCloseTo(fast.distanceM[0] / 1.35, -1);
    expect(straight.durationS[0]).toBeCloseTo((2 * fast.durationS[0]) / 1.35, -1);
  });

  it('routes along a straight polyline through the points', async () => {
    const route = await estimate.route([BITBURG, PRUEM, DAUN]);

    expect(route.geometry).toEqual({ type: 'LineString', coordinates: [[6.529, 49.972], [6.424, 50.207], [6.832, 50.198]] });
    expect(route.legs).toHaveLength(2);
    expect(route.durationS).toBe(route.legs[0].durationS + route.legs[1].durationS);
    expect(route.estimated).toBe(true);
    expect((await estimate.route([BITBURG, PRUEM], { geometry: false })).geometry).toBeNull();
  });

  it('snaps a point to itself', async () => {
    expect(await estimate.nearest(PRUEM)).toEqual([{ location: PRUEM, distanceM: 0, name: '' }]);
  });
});

describe('createTravelTimes', () => {
  const settings = { profile: 'driving', maxTableSize: 100, timeoutMs: 5000, detourFactor: 1.35, speedKmh: 50 };

  it('chooses OSRM when a URL is configured, else the estimate', () => {
    expect(createTravelTimes({ ...settings, osrmUrl: 'http://127.0.0.1:5000' })).toBeInstanceOf(OsrmTravelTimes);
    expect(createTravelTimes(settings)).toBeInstanceOf(StraightLineEstimate);
    expect(createTravelTimes(settings).kind).toBe('estimate');
  });
});
