import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OsrmTravelTimes, RoutingError, type TravelMatrix } from '../../../routing/travel-times';
import { tableResponseSchema } from '../../../routing/travel-times/osrm-schemas';
import { startOsrmReplayServer, type OsrmReplayServer } from '../../support/osrm-replay-server';
import { fixture, pointsOf, unpadded } from './osrm-fixtures';

let server: OsrmReplayServer;
let osrm: OsrmTravelTimes;

beforeEach(async () => {
  server = await startOsrmReplayServer();
  osrm = new OsrmTravelTimes({ baseUrl: `${server.url}/`, retries: 0 });
});
afterEach(() => server.close());

const FIVE = pointsOf(fixture('table-5x5-duration-distance'));
const FIVE_PATH = '7.42,43.73;7.425,43.735;7.415,43.74;7.427,43.745;7.41,43.731';

function cell(matrix: TravelMatrix, row: number, col: number) {
  return { durationS: matrix.durationS[row * matrix.cols + col], distanceM: matrix.distanceM[row * matrix.cols + col] };
}

function expectSquareZeroDiagonalFinite(matrix: TravelMatrix, n: number) {
  expect([matrix.rows, matrix.cols]).toEqual([n, n]);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const { durationS, distanceM } = cell(matrix, r, c);
      if (r === c) expect([durationS, distanceM]).toEqual([0, 0]);
      // Finite, not -1; 0 off the diagonal happens where two points snap to the same spot.
      else expect(durationS >= 0 && distanceM >= 0).toBe(true);
    }
  }
  expect(matrix.unreachableCells).toBe(0);
  expect(matrix.estimated).toBe(false);
}

describe('OSRM /table', () => {
  it('asks a square matrix as one all×all request and rounds each cell', async () => {
    const path = `/table/v1/driving/${FIVE_PATH}?annotations=duration,distance`;
    server.serve(path, fixture('table-5x5-duration-distance'));

    const matrix = await osrm.matrix(FIVE);

    expect(server.requests).toEqual([{ method: 'GET', path }]);
    expectSquareZeroDiagonalFinite(matrix, 5);
    const body = fixture('table-5x5-duration-distance').body as { durations: number[][]; distances: number[][] };
    expect(cell(matrix, 0, 1)).toEqual({ durationS: Math.round(body.durations[0][1]), distanceM: 2312 });
    expect(cell(matrix, 4, 2)).toEqual({ durationS: Math.round(body.durations[4][2]), distanceM: 1464 });
  });

  it('sends sources and destinations as index lists for a 2×3 matrix', async () => {
    const recorded = fixture('table-sources-destinations');
    const path = unpadded(recorded.request.path);
    expect(path).toBe(`/table/v1/driving/${FIVE_PATH}?sources=0;1&destinations=2;3;4&annotations=duration,distance`);
    server.serve(path, recorded);

    const matrix = await osrm.matrix(FIVE.slice(0, 2), FIVE.slice(2));

    expect(server.requests.map((r) => r.path)).toEqual([path]);
    expect([matrix.rows, matrix.cols]).toEqual([2, 3]);
    expect(Array.from(matrix.durationS)).toEqual([408, 351, 363, 336, 242, 291]);
    expect(Array.from(matrix.distanceM)).toEqual([3724, 3462, 3999, 3375, 2677, 3651]);
  });

  it('parses a duration-only answer, but the client refuses it since it asked for distances', async () => {
    const recorded = fixture('table-duration-only');
    const parsed = tableResponseSchema.parse(recorded.body);
    expect(parsed.durations).toHaveLength(5);
    expect(parsed.distances).toBeUndefined();

    server.serve(`/table/v1/driving/${FIVE_PATH}?annotations=duration,distance`, recorded);
    const error = await osrm.matrix(FIVE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoutingError);
    expect(error).toMatchObject({ code: 'BadResponse', message: expect.stringMatching(/distances/) });
  });

  it('ignores fields it does not use (fallback_speed_cells)', async () => {
    server.serve(`/table/v1/driving/${FIVE_PATH}?annotations=duration,distance`, fixture('table-fallback-speed'));
    expectSquareZeroDiagonalFinite(await osrm.matrix(FIVE), 5);
  });

  it('reads the largest table the server allows in one request', async () => {
    const recorded = fixture('table-100x100');
    server.serve(unpadded(recorded.request.path), recorded);

    const matrix = await osrm.matrix(pointsOf(recorded));

    expect(server.requests).toHaveLength(1);
    expectSquareZeroDiagonalFinite(matrix, 100);
  });

  it('turns null cells into -1 and counts them', async () => {
    const recorded = structuredClone(fixture('table-5x5-duration-distance'));
    // Constructed from the recording: OSRM writes null in both annotations for a pair it cannot connect.
    const body = recorded.body as { durations: (number | null)[][]; distances: (number | null)[][] };
    for (const [r, c] of [[0, 3], [2, 1]]) {
      body.durations[r][c] = null;
      body.distances[r][c] = null;
    }
    server.serve(`/table/v1/driving/${FIVE_PATH}?annotations=duration,distance`, recorded);

    const matrix = await osrm.matrix(FIVE);

    expect(matrix.unreachableCells).toBe(2);
    expect(cell(matrix, 0, 3)).toEqual({ durationS: -1, distanceM: -1 });
    expect(cell(matrix, 2, 1)).toEqual({ durationS: -1, distanceM: -1 });
    expect(cell(matrix, 1, 3).durationS).toBeGreaterThan(0);
  });

  it('asks nothing for an empty matrix', async () => {
    const matrix = await osrm.matrix([]);
    expect([matrix.rows, matrix.cols, matrix.durationS.length]).toEqual([0, 0, 0]);
    expect(server.requests).toHaveLength(0);
  });
});

describe('OSRM /route', () => {
  const TWO = pointsOf(fixture('route-2pt-geojson'));

  it('asks full GeoJSON geometry without steps and reads legs and geometry', async () => {
    const recorded = fixture('route-2pt-geojson');
    // Recorded without steps=false, which is OSRM's default: the answer is the same.
    const path = '/route/v1/driving/7.42,43.73;7.427,43.745?overview=full&geometries=geojson&steps=false';
    server.serve(path, recorded);

    const route = await osrm.route(TWO);

    expect(server.requests.map((r) => r.path)).toEqual([path]);
    expect(route).toMatchObject({ durationS: 351, distanceM: 3462, legs: [{ durationS: 351, distanceM: 3462 }], estimated: false });
    const recordedGeometry = (recorded.body as { routes: { geometry: { coordinates: unknown[] } }[] }).routes[0].geometry;
    expect(route.geometry?.type).toBe('LineString');
    expect(route.geometry?.coordinates).toEqual(recordedGeometry.coordinates);
    expect(route.geometry?.coordinates[0]).toEqual([7.41846, 43.729921]);
  });

  it('gives one leg per pair of consecutive points', async () => {
    const recorded = fixture('route-5pt-legs');
    server.serve(`/route/v1/driving/${FIVE_PATH}?overview=full&geometries=geojson&steps=false`, recorded);

    const route = await osrm.route(pointsOf(recorded));

    expect(route.legs).toHaveLength(4);
    const legSum = route.legs.reduce((sum, leg) => sum + leg.durationS, 0);
    expect(Math.abs(legSum - route.durationS)).toBeLessThanOrEqual(2); // each leg rounded on its own
    expect(route.geometry?.coordinates.length).toBeGreaterThan(10);
  });

  it('asks overview=false when no geometry is wanted', async () => {
    const path = '/route/v1/driving/7.42,43.73;7.427,43.745?overview=false&steps=false';
    server.serve(path, fixture('route-no-overview'));

    const route = await osrm.route(TWO, { geometry: false });

    expect(server.requests.map((r) => r.path)).toEqual([path]);
    expect(route).toEqual({ durationS: 351, distanceM: 3462, geometry: null, legs: [{ durationS: 351, distanceM: 3462 }], estimated: false });
  });
});

describe('OSRM /nearest', () => {
  it('asks number=N and returns the snapped points nearest first', async () => {
    const recorded = fixture('nearest-3');
    server.serve(unpadded(recorded.request.path), recorded);

    const snapped = await osrm.nearest({ lon: 7.42, lat: 43.73 }, 3);

    expect(server.requests.map((r) => r.path)).toEqual(['/nearest/v1/driving/7.42,43.73?number=3']);
    expect(snapped).toHaveLength(3);
    expect(snapped[0]).toEqual({ location: { lon: 7.41846, lat: 43.729921 }, distanceM: 124.3966697, name: 'Quai Jean-Charles Rey' });
  });

  it('defaults to one point', async () => {
    const recorded = fixture('nearest-1');
    server.serve(unpadded(recorded.request.path), recorded);
    expect(await osrm.nearest({ lon: 7.42, lat: 43.73 })).toHaveLength(1);
  });

  it('answers a point far from any road with its snap distance, for the caller to judge', async () => {
    server.serve('/nearest/v1/driving/8.5,43?number=1', fixture('nearest-far-away'));

    const [snapped] = await osrm.nearest({ lon: 8.5, lat: 43 });

    expect(snapped.distanceM).toBeGreaterThan(100_000);
    expect(snapped.location).toEqual({ lon: 7.487094, lat: 43.750715 });
  });
});
