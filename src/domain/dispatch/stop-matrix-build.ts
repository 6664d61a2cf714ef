import { createHash } from 'node:crypto';
import type { Db } from '../../../db/client';
import { stopMatrices } from '../../../db/schema';
import type { TravelTimes } from '../../../routing/travel-times';
import type { Stop } from '../../data-access/areas-repository';
import { createRepositories } from '../context';
import { UNREACHABLE_S, type StopMatrix } from './stop-matrix';
import { assertTrustworthyRoadData } from './stop-matrix-check';

/** Rows asked of the travel-time service per request; also the step of the progress callback. */
const ROWS_PER_CALL = 100;

/** How far OSRM may move a stop to reach a road before the road data is refused (OSRM_MAX_SNAP_M). */
export const DEFAULT_MAX_SNAP_M = 250;

export interface BuildOptions {
  /** OSRM_MAX_SNAP_M: see assertTrustworthyRoadData. */
  maxSnapM?: number;
}

/**
 * Builds the stop-to-stop matrix of an area (all its stops, active or not, as bookings may name
 * either), checks it (assertTrustworthyRoadData) and stores it in `stop_matrices`, replacing the
 * previous one. A routing failure or a failed check throws and leaves the stored matrix as it was.
 * `onProgress(done, total)` counts matrix rows.
 */
export async function buildAndStoreStopMatrix(
  db: Db,
  travelTimes: TravelTimes,
  areaId: string,
  onProgress?: (done: number, total: number) => void,
  options: BuildOptions = {},
): Promise<StopMatrix & { builtAt: Date }> {
  const repos = createRepositories(db);
  const stops = await repos.areas.allStops(areaId);
  const points = stops.map((s) => ({ lon: s.lon, lat: s.lat }));
  const n = stops.length;
  const fingerprint = stopFingerprint(stops);
  // Recorded for the operator's page (GET /v1/admin/areas/:id/matrix), whichever process builds.
  const startedAt = await repos.matrixBuilds.started(areaId, fingerprint, n);
  try {
    const built = await buildOver(travelTimes, points, async (done) => {
      onProgress?.(done, n);
      if (done > 0 && done < n) await repos.matrixBuilds.progressed(areaId, startedAt, done);
    });
    assertTrustworthyRoadData(stops, built.durationS, built.snapM, options.maxSnapM ?? DEFAULT_MAX_SNAP_M);
    const row = {
      areaId,
      stopIds: stops.map((s) => s.id),
      stopFingerprint: fingerprint,
      stopPoints: stops.map((s): [number, number] => [s.lat, s.lon]),
      durationS: toLittleEndian(built.durationS),
      distanceM: toLittleEndian(built.distanceM),
      estimated: built.estimated,
      source: travelTimes.kind,
      builtAt: new Date(),
    };
    await db.insert(stopMatrices).values(row).onConflictDoUpdate({ target: stopMatrices.areaId, set: row });
    return { ...toStopMatrix(stops, built.durationS, built.distanceM, built.estimated), builtAt: row.builtAt };
  } finally {
    await repos.matrixBuilds.ended(areaId, startedAt);
  }
}

/** The travel times between all points, ROWS_PER_CALL rows a request; `progressed(rows done)` after each. */
async function buildOver(travelTimes: TravelTimes, points: Array<{ lon: number; lat: number }>, progressed: (done: number) => Promise<void>) {
  const n = points.length;
  const durationS = new Int32Array(n * n);
  const distanceM = new Int32Array(n * n);
  // Each stop's largest snap distance, as a source or as a destination.
  const snapM = new Float64Array(n);
  let estimated = false;
  await progressed(0);
  for (let from = 0; from < n; from += ROWS_PER_CALL) {
    const block = await travelTimes.matrix(points.slice(from, from + ROWS_PER_CALL), points);
    durationS.set(block.durationS, from * n);
    distanceM.set(block.distanceM, from * n);
    block.sourceSnapM?.forEach((m, r) => void (snapM[from + r] = Math.max(snapM[from + r], m)));
    block.destinationSnapM?.forEach((m, c) => void (snapM[c] = Math.max(snapM[c], m)));
    estimated ||= block.estimated;
    await progressed(Math.min(n, from + ROWS_PER_CALL));
  }
  return { durationS, distanceM, snapM, estimated };
}
/**
 * What a matrix was built over: the stops' ids and coordinates, in any order. A stop added, removed
 * or moved gives another fingerprint, so the stored times are known stale.
 */
export function stopFingerprint(stops: ReadonlyArray<Pick<Stop, 'id' | 'lat' | 'lon'>>): string {
  const lines = stops.map((s) => `${s.id} ${s.lat} ${s.lon}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export function toStopMatrix(stops: Stop[], durationS: Int32Array, distanceM: Int32Array, estimated: boolean): StopMatrix {
  const noRoad = (v: number) => (v < 0 ? UNREACHABLE_S : v);
  return {
    nodeOf: new Map(stops.map((s, i) => [s.id, i])),
    stops,
    durationS: durationS.map(noRoad),
    distanceM: distanceM.map(noRoad),
    estimated,
  };
}

export function toLittleEndian(values: Int32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setInt32(i * 4, v, true));
  return bytes;
}

export function fromLittleEndian(bytes: Uint8Array): Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Int32Array(bytes.byteLength / 4);
  for (let i = 0; i < values.length; i += 1) values[i] = view.getInt32(i * 4, true);
  return values;
}
