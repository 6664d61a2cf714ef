import { afterEach, describe, expect, it } from 'vitest';
import { OsrmTravelTimes, planTableChunks, type LonLat, type TravelMatrix } from '../../../routing/travel-times';
import { startOsrmReplayServer, syntheticCell, type OsrmReplayServer, type SynthesisOptions } from '../../support/osrm-replay-server';

let server: OsrmReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Distinct points on a grid around Bitburg, already at ≤ 6 decimals so the URL carries them exactly. */
function grid(count: number, offset = 0): LonLat[] {
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset;
    return { lon: Number((6.4 + (i % 20) * 0.01 + i * 0.00001).toFixed(6)), lat: Number((49.9 + Math.floor(i / 20) * 0.01).toFixed(6)) };
  });
}

const written = (p: LonLat) => `${p.lon},${p.lat}`;

async function osrmOver(synthesis: SynthesisOptions = {}) {
  server = await startOsrmReplayServer({ synthesiseTables: { maxTableSize: 100, ...synthesis } });
  return new OsrmTravelTimes({ baseUrl: server.url, maxTableSize: 100, retries: 0 });
}

function coordinatesPerRequest(): number[] {
  return server!.requests.map((r) => new URL(r.path, 'http://x').pathname.split('/')[4].split(';').length);
}

function expectEveryCellInPlace(matrix: TravelMatrix, sources: LonLat[], destinations: LonLat[]) {
  expect([matrix.rows, matrix.cols]).toEqual([sources.length, destinations.length]);
  let wrong = 0;
  sources.forEach((s, r) => destinations.forEach((d, c) => {
    const expected = syntheticCell([s.lon, s.lat], [d.lon, d.lat]);
    if (matrix.durationS[r * matrix.cols + c] !== Math.round(expected.duration)) wrong++;
    if (matrix.distanceM[r * matrix.cols + c] !== Math.round(expected.distance)) wrong++;
  }));
  expect(wrong).toBe(0);
}

describe('chunked /table', () => {
  it('splits a 250×250 matrix into blocks of ≤ 100 coordinates and stitches every cell back in place', async () => {
    const osrm = await osrmOver();
    const points = grid(250);

    const matrix = await osrm.matrix(points);

    expect(server!.requests).toHaveLength(25); // 50 sources + 50 destinations per request
    expect(Math.max(...coordinatesPerRequest())).toBeLessThanOrEqual(100);
    expectEveryCellInPlace(matrix, points, points);
    expect(matrix.unreachableCells).toBe(0);
  });

  it('covers a 7×180 matrix in two requests of 7 sources each', async () => {
    const osrm = await osrmOver();
    const sources = grid(7);
    const destinations = grid(180, 500);

    const matrix = await osrm.matrix(sources, destinations);

    expect(coordinatesPerRequest()).toEqual([100, 94]);
    expect(server!.requests[0].path).toMatch(/\?sources=0;1;2;3;4;5;6&destinations=7;8;.*;99&annotations=duration,distance$/);
    expectEveryCellInPlace(matrix, sources, destinations);
  });

  it('counts unreachable cells across blocks', async () => {
    const points = grid(130);
    const isolated = points[117];
    const osrm = await osrmOver({ unreachable: new Set([written(isolated)]) });

    const matrix = await osrm.matrix(points);

    expect(matrix.unreachableCells).toBe(2 * 129);
    for (let i = 0; i < 130; i++) {
      const expected = i === 117 ? 0 : -1;
      expect(matrix.durationS[117 * 130 + i]).toBe(expected);
      expect(matrix.durationS[i * 130 + 117]).toBe(expected);
    }
  });

  it('names the original coordinate when a later block reports NoSegment', async () => {
    const sources = grid(7);
    const destinations = grid(180, 500);
    const osrm = await osrmOver({ offRoad: new Set([written(destinations[150])]) });

    const error = await osrm.matrix(sources, destinations).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'NoSegment', role: 'destinations', index: 150, coordinate: destinations[150] });
  });

  it('names a source of a square matrix by its index in the input', async () => {
    const points = grid(250);
    const osrm = await osrmOver({ offRoad: new Set([written(points[201])]) });

    const error = await osrm.matrix(points).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'NoSegment', role: 'sources', index: 201, coordinate: points[201] });
  });
});

describe('planTableChunks', () => {
  it('keeps every block within the limit and covers each cell exactly once', () => {
    for (const [rows, cols, max] of [[250, 250, 100], [7, 180, 100], [1, 1000, 10], [301, 3, 50], [99, 101, 2]]) {
      const covered = new Uint8Array(rows * cols);
      for (const chunk of planTableChunks(rows, cols, max, false)) {
        expect(chunk.sourceCount + chunk.destinationCount).toBeLessThanOrEqual(max);
        for (let r = 0; r < chunk.sourceCount; r++) {
          for (let c = 0; c < chunk.destinationCount; c++) covered[(chunk.sourceStart + r) * cols + chunk.destinationStart + c]++;
        }
      }
      expect(covered.every((n) => n === 1)).toBe(true);
    }
  });

  it('asks a square matrix that fits as one all×all request', () => {
    expect(planTableChunks(100, 100, 100, true)).toEqual([
      { sourceStart: 0, sourceCount: 100, destinationStart: 0, destinationCount: 100, shared: true },
    ]);
  });
});
