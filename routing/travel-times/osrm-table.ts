import { readOsrmAnswer, type LocateCoordinate } from './osrm-answer';
import type { HttpAnswer } from './osrm-http';
import { tableResponseSchema, type TableResponse } from './osrm-schemas';
import { coordinateList, indexList } from './osrm-url';
import { RoutingError } from './routing-error';
import { planTableChunks, type TableChunk } from './table-chunks';
import type { LonLat, TravelMatrix } from './travel-times';

export interface TableRequest {
  sources: readonly LonLat[];
  /** Undefined: the sources themselves (a square matrix). */
  destinations?: readonly LonLat[];
  maxTableSize: number;
  concurrency: number;
  get(coordinates: string, params: [string, string][]): Promise<HttpAnswer>;
}

/**
 * Fetches a full matrix as blocks of at most `maxTableSize` coordinates each and stitches them
 * into one row-major matrix. Null cells (no road connection) become -1 and are counted.
 */
export async function fetchTable(request: TableRequest): Promise<TravelMatrix> {
  const destinations = request.destinations ?? request.sources;
  const rows = request.sources.length;
  const cols = destinations.length;
  const matrix: TravelMatrix = {
    rows, cols, durationS: new Int32Array(rows * cols), distanceM: new Int32Array(rows * cols), estimated: false, unreachableCells: 0,
    sourceSnapM: new Float64Array(rows), destinationSnapM: new Float64Array(cols),
  };
  const chunks = planTableChunks(rows, cols, request.maxTableSize, request.destinations === undefined);
  await forEachLimited(chunks, request.concurrency, async (chunk) => {
    const sources = request.sources.slice(chunk.sourceStart, chunk.sourceStart + chunk.sourceCount);
    const targets = destinations.slice(chunk.destinationStart, chunk.destinationStart + chunk.destinationCount);
    const coordinates = chunk.shared ? sources : [...sources, ...targets];
    const params: [string, string][] = chunk.shared ? [] : [
      ['sources', indexList(0, sources.length)],
      ['destinations', indexList(sources.length, targets.length)],
    ];
    params.push(['annotations', 'duration,distance']);
    const answer = await request.get(coordinateList(coordinates), params);
    const table = readOsrmAnswer(answer, tableResponseSchema, locateInChunk(chunk, request));
    copyBlock(matrix, chunk, table);
  });
  return matrix;
}

function locateInChunk(chunk: TableChunk, request: TableRequest): LocateCoordinate {
  return (requestIndex) => {
    if (requestIndex < chunk.sourceCount) {
      const index = chunk.sourceStart + requestIndex;
      return { coordinate: request.sources[index], index, role: 'sources' };
    }
    if (chunk.shared || requestIndex >= chunk.sourceCount + chunk.destinationCount) return undefined;
    const index = chunk.destinationStart + requestIndex - chunk.sourceCount;
    const destinations = request.destinations ?? request.sources;
    return { coordinate: destinations[index], index, role: request.destinations ? 'destinations' : 'sources' };
  };
}

function copyBlock(matrix: TravelMatrix, chunk: TableChunk, table: TableResponse): void {
  const { durations, distances } = table;
  if (!distances) {
    throw new RoutingError('BadResponse', 'OSRM table answer lacks the distances asked for (server older than v5.18?)');
  }
  assertBlockShape(durations, chunk, 'durations');
  assertBlockShape(distances, chunk, 'distances');
  for (let r = 0; r < chunk.sourceCount; r++) {
    const offset = (chunk.sourceStart + r) * matrix.cols + chunk.destinationStart;
    for (let c = 0; c < chunk.destinationCount; c++) {
      const duration = durations[r][c];
      const distance = distances[r][c];
      if (duration === null || distance === null) matrix.unreachableCells++;
      matrix.durationS[offset + c] = duration === null || distance === null ? -1 : Math.round(duration);
      matrix.distanceM[offset + c] = duration === null || distance === null ? -1 : Math.round(distance);
    }
  }
  // Servers that leave out the waypoints tell nothing about snapping; their cells still count.
  table.sources?.forEach((w, r) => void (matrix.sourceSnapM![chunk.sourceStart + r] = w.distance));
  table.destinations?.forEach((w, c) => void (matrix.destinationSnapM![chunk.destinationStart + c] = w.distance));
}

function assertBlockShape(cells: (number | null)[][], chunk: TableChunk, what: string): void {
  const ok = cells.length === chunk.sourceCount && cells.every((row) => row.length === chunk.destinationCount);
  if (!ok) {
    throw new RoutingError('BadResponse', `OSRM table ${what} are not ${chunk.sourceCount}×${chunk.destinationCount}`);
  }
}

/** Runs `work` over `items` with at most `limit` in flight; the first failure rejects. */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      try {
        await work(items[next++]);
      } catch (error) {
        failed = true; // the others stop taking new blocks; the answer is lost anyway
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}
