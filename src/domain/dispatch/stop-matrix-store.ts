import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { stopMatrices } from '../../../db/schema';
import type { TravelTimes } from '../../../routing/travel-times';
import type { Stop } from '../../data-access/areas-repository';
import { createRepositories } from '../context';
import { UNREACHABLE_S, type StopMatrix } from './stop-matrix';

/** Rows asked of the travel-time service per request; also the step of the progress callback. */
const ROWS_PER_CALL = 100;

/**
 * Builds the stop-to-stop matrix of an area (all its stops, active or not, as bookings may name
 * either) and stores it in `stop_matrices`, replacing the previous one. `onProgress(done, total)`
 * counts matrix rows.
 */
export async function buildAndStoreStopMatrix(
  db: Db,
  travelTimes: TravelTimes,
  areaId: string,
  onProgress?: (done: number, total: number) => void,
): Promise<StopMatrix & { builtAt: Date }> {
  const stops = await createRepositories(db).areas.allStops(areaId);
  const points = stops.map((s) => ({ lon: s.lon, lat: s.lat }));
  const n = stops.length;
  const durationS = new Int32Array(n * n);
  const distanceM = new Int32Array(n * n);
  let estimated = false;
  onProgress?.(0, n);
  for (let from = 0; from < n; from += ROWS_PER_CALL) {
    const block = await travelTimes.matrix(points.slice(from, from + ROWS_PER_CALL), points);
    durationS.set(block.durationS, from * n);
    distanceM.set(block.distanceM, from * n);
    estimated ||= block.estimated;
    onProgress?.(Math.min(n, from + ROWS_PER_CALL), n);
  }
  const row = {
    areaId,
    stopIds: stops.map((s) => s.id),
    durationS: toLittleEndian(durationS),
    distanceM: toLittleEndian(distanceM),
    estimated,
    source: travelTimes.kind,
    builtAt: new Date(),
  };
  await db.insert(stopMatrices).values(row).onConflictDoUpdate({ target: stopMatrices.areaId, set: row });
  return { ...toStopMatrix(stops, durationS, distanceM, estimated), builtAt: row.builtAt };
}

/**
 * The stop matrix of an area as workers use it: read from `stop_matrices` once per (area, built_at)
 * and kept in memory; rebuilt and stored when the area's stop set differs from the stored one, or
 * when a road graph is configured and the stored matrix is only an estimate. While the stop set is
 * the one kept, the stored row is looked at again at most every `recheckMs` (a rebuild by another
 * process, e.g. `matrix:build` after switching to OSRM, shows within that), not on every batch.
 */
export function createStoredStopMatrices(db: Db, travelTimes: TravelTimes, options: { recheckMs?: number; nowMs?: () => number } = {}) {
  const recheckMs = options.recheckMs ?? 5_000;
  const nowMs = options.nowMs ?? Date.now;
  const cache = new Map<string, { builtAt: number; matrix: StopMatrix; checkedAtMs: number }>();
  const building = new Map<string, Promise<StopMatrix>>();

  async function load(areaId: string, stops: Stop[]): Promise<StopMatrix> {
    const kept = cache.get(areaId);
    if (kept && nowMs() - kept.checkedAtMs < recheckMs && sameStopSet(kept.matrix.stops.map((s) => s.id), stops)) return kept.matrix;
    const [meta] = await db.select({ builtAt: stopMatrices.builtAt, stopIds: stopMatrices.stopIds, source: stopMatrices.source })
      .from(stopMatrices).where(eq(stopMatrices.areaId, areaId));
    const stale = !meta || !sameStopSet(meta.stopIds, stops) || (meta.source !== travelTimes.kind && travelTimes.kind === 'osrm');
    if (stale) {
      const built = await buildAndStoreStopMatrix(db, travelTimes, areaId);
      cache.set(areaId, { builtAt: built.builtAt.getTime(), matrix: built, checkedAtMs: nowMs() });
      return built;
    }
    if (kept && kept.builtAt === meta.builtAt.getTime()) {
      kept.checkedAtMs = nowMs();
      return kept.matrix;
    }
    const [row] = await db.select().from(stopMatrices).where(eq(stopMatrices.areaId, areaId));
    const byId = new Map(stops.map((s) => [s.id, s]));
    const matrix = toStopMatrix(row.stopIds.map((id) => byId.get(id)!), fromLittleEndian(row.durationS), fromLittleEndian(row.distanceM), row.estimated);
    cache.set(areaId, { builtAt: row.builtAt.getTime(), matrix, checkedAtMs: nowMs() });
    return matrix;
  }

  return function stopMatrix(areaId: string, stops: Stop[]): Promise<StopMatrix> {
    // One load per area at a time, so a burst does not build the same matrix several times.
    let entry = building.get(areaId);
    if (!entry) {
      entry = load(areaId, stops).finally(() => building.delete(areaId));
      building.set(areaId, entry);
    }
    return entry;
  };
}

function sameStopSet(storedIds: string[], stops: Stop[]): boolean {
  if (storedIds.length !== stops.length) return false;
  const ids = new Set(storedIds);
  return stops.every((s) => ids.has(s.id));
}

function toStopMatrix(stops: Stop[], durationS: Int32Array, distanceM: Int32Array, estimated: boolean): StopMatrix {
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
