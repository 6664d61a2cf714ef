import { afterEach, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { RoutingError, StraightLineEstimate, type TravelTimes } from '../../../routing/travel-times';
import { createRepositories } from '../../../src/domain/context';
import { buildAndStoreStopMatrix, createStoredStopMatrices, stopFingerprint } from '../../../src/domain/dispatch/stop-matrix-store';
import { seedDemo } from '../../../src/seed/seed-demo';
import { describeEachDriver, freshDatabase } from '../../support/databases';
import { TEST_NOW } from '../../support/test-app';

/** A road-time service that is away: every matrix request fails. */
const away: TravelTimes = {
  kind: 'osrm',
  matrix: () => Promise.reject(new RoutingError('UpstreamError', 'OSRM does not answer')),
  route: () => Promise.reject(new RoutingError('UpstreamError', 'OSRM does not answer')),
  nearest: () => Promise.reject(new RoutingError('UpstreamError', 'OSRM does not answer')),
};

describeEachDriver('a stop moved to new coordinates', (driver) => {
  let database: Database;
  afterEach(() => database.close());

  it('makes the stored matrix stale although the stop ids are the same, and has no stored times until rebuilt', async () => {
    database = await freshDatabase(driver);
    const repos = createRepositories(database.db);
    const { areaId } = await seedDemo(repos, { now: TEST_NOW });
    await buildAndStoreStopMatrix(database.db, new StraightLineEstimate(), areaId);
    const stops = await repos.areas.allStops(areaId);
    const [moved] = stops;
    // Re-imported at a place 3 km away, as a GTFS stops.txt with a corrected coordinate does.
    await repos.areas.upsertStops(areaId, [{ code: moved.code, name: moved.name, village: moved.village, lat: moved.lat + 0.027, lon: moved.lon, wheelchairAccessible: moved.wheelchairAccessible, active: true }]);
    const now = await repos.areas.allStops(areaId);
    expect(now.map((s) => s.id)).toEqual(stops.map((s) => s.id));
    expect(stopFingerprint(now)).not.toBe(stopFingerprint(stops));

    // With the road data away, the stored times of the other stops serve; the moved one is missing.
    const degraded = await createStoredStopMatrices(database.db, away, { retryAfterMs: 0 })(areaId, now);
    expect([...degraded.missingStopIds ?? []]).toEqual([moved.id]);
    expect(degraded.roadDataProblem).toMatch(/OSRM does not answer/);

    // Once a rebuild succeeds, the times are those of the new place.
    const rebuilt = await createStoredStopMatrices(database.db, new StraightLineEstimate())(areaId, now);
    expect(rebuilt.missingStopIds).toBeUndefined();
    const fresh = await new StraightLineEstimate().matrix(now.map((s) => ({ lon: s.lon, lat: s.lat })));
    expect(Array.from(rebuilt.durationS)).toEqual(Array.from(fresh.durationS));
    expect(await repos.admin.matrixOf(areaId)).toMatchObject({ fingerprint: stopFingerprint(now) });
  }, 60_000);
});
