import { eq } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Db } from '../../../db/client';
import { stopMatrices } from '../../../db/schema';
import { RoutingError, StraightLineEstimate, type TravelTimes } from '../../../routing/travel-times';
import type { Stop } from '../../data-access/areas-repository';
import type { StopMatrix } from './stop-matrix';
import { buildAndStoreStopMatrix, fromLittleEndian, stopFingerprint, toStopMatrix } from './stop-matrix-build';
import { RoadDataRejectedError } from './stop-matrix-check';

export { buildAndStoreStopMatrix, DEFAULT_MAX_SNAP_M, fromLittleEndian, stopFingerprint, toLittleEndian } from './stop-matrix-build';

export interface StoredStopMatricesOptions {
  /** While the stop set is unchanged, the stored row is looked at again at most this often. */
  recheckMs?: number;
  nowMs?: () => number;
  /** OSRM_MAX_SNAP_M for rebuilds. */
  maxSnapM?: number;
  /** After a failed rebuild, the degraded matrix is served this long before the next try. */
  retryAfterMs?: number;
  /** Stand-in times for stops without road data (the configured straight-line estimate). */
  estimate?: TravelTimes;
  /** Most areas whose matrices are kept in memory (the least recently used go first; default 256). */
  maxAreas?: number;
}

/**
 * The stop matrix of an area as workers and the API use it: read from `stop_matrices` once per (area,
 * built_at) and kept in memory; rebuilt and stored when the area's stops (ids and coordinates: a
 * moved stop too) differ from those it was built over, or when a road graph is configured and the stored matrix is only an estimate. While the stop
 * set is the one kept, the stored row is looked at again at most every `recheckMs` (a rebuild by
 * another process, e.g. `matrix:build` after switching to OSRM, shows within that).
 *
 * A rebuild that fails (OSRM away, or road data that fails its checks) does not fail the caller: the
 * stored matrix answers, with straight-line stand-ins for stops it lacks, named in `missingStopIds`.
 * Reads can show that; writes that promise times check it (assertRoadDataFor). The next rebuild is
 * tried once `retryAfterMs` has passed.
 */
export function createStoredStopMatrices(db: Db, travelTimes: TravelTimes, options: StoredStopMatricesOptions = {}) {
  const recheckMs = options.recheckMs ?? 5_000;
  const retryAfterMs = options.retryAfterMs ?? 2_000;
  const nowMs = options.nowMs ?? Date.now;
  const estimate = options.estimate ?? new StraightLineEstimate();
  // A matrix of 500 stops takes 4 MB: a Land-wide deployment keeps the areas it plans now, not all.
  const maxAreas = options.maxAreas ?? 256;
  const cache = new LRUCache<string, { builtAt: number; matrix: StopMatrix; checkedAtMs: number }>({ max: maxAreas });
  const failures = new LRUCache<string, { atMs: number; matrix: StopMatrix }>({ max: maxAreas });
  const building = new Map<string, Promise<StopMatrix>>();

  async function rebuild(areaId: string, stops: Stop[], onProgress?: (done: number, total: number) => void): Promise<StopMatrix> {
    const failed = failures.get(areaId);
    const sameFailure = failed && sameStops(failed.matrix.stops, stops);
    if (sameFailure && nowMs() - failed.atMs < retryAfterMs) return failed.matrix;
    try {
      // After a failure one cheap probe comes first: a hanging server then costs its 2 s, not the
      // full build's timeouts and retries, to every batch of the area (they wait on its lock).
      if (sameFailure && travelTimes.probe && stops.length > 0) await travelTimes.probe(stops[0]);
      const built = await buildAndStoreStopMatrix(db, travelTimes, areaId, onProgress, { maxSnapM: options.maxSnapM });
      failures.delete(areaId);
      cache.set(areaId, { builtAt: built.builtAt.getTime(), matrix: built, checkedAtMs: nowMs() });
      return built;
    } catch (error) {
      if (!(error instanceof RoutingError || error instanceof RoadDataRejectedError)) throw error;
      const matrix = await storedWithStandIns(db, areaId, stops, estimate, error.message);
      failures.set(areaId, { atMs: nowMs(), matrix });
      return matrix;
    }
  }

  async function load(areaId: string, stops: Stop[], onProgress?: (done: number, total: number) => void): Promise<StopMatrix> {
    const kept = cache.get(areaId);
    if (kept && nowMs() - kept.checkedAtMs < recheckMs && sameStops(kept.matrix.stops, stops)) return kept.matrix;
    const [meta] = await db.select({ builtAt: stopMatrices.builtAt, fingerprint: stopMatrices.stopFingerprint, source: stopMatrices.source })
      .from(stopMatrices).where(eq(stopMatrices.areaId, areaId));
    const stale = !meta || meta.fingerprint !== stopFingerprint(stops) || (meta.source !== travelTimes.kind && travelTimes.kind === 'osrm');
    if (stale) return rebuild(areaId, stops, onProgress);
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

  /** `onProgress` hears of a rebuild this call starts (one already under way is waited for silently). */
  return function stopMatrix(areaId: string, stops: Stop[], onProgress?: (done: number, total: number) => void): Promise<StopMatrix> {
    // One load per area at a time, so a burst does not build the same matrix several times.
    let entry = building.get(areaId);
    if (!entry) {
      entry = load(areaId, stops, onProgress).finally(() => building.delete(areaId));
      building.set(areaId, entry);
    }
    return entry;
  };
}

/**
 * The stored matrix over today's stops: stored cells where both stops are in it, straight-line
 * stand-ins elsewhere (all of them when nothing is stored yet), those stops listed as missing.
 */
async function storedWithStandIns(db: Db, areaId: string, stops: Stop[], estimate: TravelTimes, problem: string): Promise<StopMatrix> {
  const [row] = await db.select().from(stopMatrices).where(eq(stopMatrices.areaId, areaId));
  // A stop whose stored coordinates differ from today's (moved since) has no trustworthy stored times.
  const current = new Map(stops.map((s) => [s.id, s]));
  const unmoved = (id: string, i: number) => {
    const was = row?.stopPoints?.[i];
    return was !== undefined && current.get(id)?.lat === was[0] && current.get(id)?.lon === was[1];
  };
  const storedIndex = new Map((row?.stopIds ?? []).flatMap((id, i) => (unmoved(id, i) ? [[id, i] as const] : [])));
  const storedDuration = row ? fromLittleEndian(row.durationS) : new Int32Array(0);
  const storedDistance = row ? fromLittleEndian(row.distanceM) : new Int32Array(0);
  const guess = await estimate.matrix(stops.map((s) => ({ lon: s.lon, lat: s.lat })));
  const n = stops.length;
  const m = row?.stopIds.length ?? 0;
  const durationS = Int32Array.from(guess.durationS);
  const distanceM = Int32Array.from(guess.distanceM);
  const at = stops.map((s) => storedIndex.get(s.id));
  for (let i = 0; i < n; i++) {
    const si = at[i];
    if (si === undefined) continue;
    for (let j = 0; j < n; j++) {
      const sj = at[j];
      if (sj === undefined) continue;
      durationS[i * n + j] = storedDuration[si * m + sj];
      distanceM[i * n + j] = storedDistance[si * m + sj];
    }
  }
  const missing = stops.filter((_, i) => at[i] === undefined).map((s) => s.id);
  return { ...toStopMatrix(stops, durationS, distanceM, row?.estimated ?? true), missingStopIds: new Set(missing), roadDataProblem: problem };
}

/** The same stops at the same places (a moved stop makes another matrix). */
function sameStops(kept: Stop[], stops: Stop[]): boolean {
  if (kept.length !== stops.length) return false;
  const at = new Map(kept.map((s) => [s.id, s]));
  return stops.every((s) => at.get(s.id)?.lat === s.lat && at.get(s.id)?.lon === s.lon);
}
