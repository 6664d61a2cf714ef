import { afterEach, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { seedDemo } from '../../../src/seed/seed-demo';
import { OsrmTravelTimes, StraightLineEstimate, type LonLat, type TravelTimes } from '../../../routing/travel-times';
import { createRepositories } from '../../../src/domain/context';
import { buildStopMatrix } from '../../../src/domain/dispatch/stop-matrix';
import { buildAndStoreStopMatrix, createStoredStopMatrices, fromLittleEndian, toLittleEndian } from '../../../src/domain/dispatch/stop-matrix-store';
import { describeEachDriver, freshDatabase } from '../../support/databases';
import { startOsrmReplayServer } from '../../support/osrm-replay-server';
import { TEST_NOW } from '../../support/test-app';

/** The straight-line estimate, counting its matrix calls. */
function countingEstimate(): TravelTimes & { calls: number } {
  const inner = new StraightLineEstimate();
  const counted = {
    kind: inner.kind,
    calls: 0,
    matrix(sources: LonLat[], destinations?: LonLat[]) { counted.calls += 1; return inner.matrix(sources, destinations); },
    route: inner.route.bind(inner),
    nearest: inner.nearest.bind(inner),
  };
  return counted;
}

it('stores Int32 little-endian and reads it back', () => {
  const values = Int32Array.from([0, 1, -1, 2_000_000_000, -2_000_000_000, 256]);
  const bytes = toLittleEndian(values);
  expect(Array.from(bytes.slice(4, 8))).toEqual([1, 0, 0, 0]);
  expect(Array.from(bytes.slice(8, 12))).toEqual([255, 255, 255, 255]);
  expect(fromLittleEndian(bytes)).toEqual(values);
});

describeEachDriver('stored stop matrices', (driver) => {
  let database: Database;
  afterEach(() => database.close());

  it('builds with progress, serves from memory, and rebuilds when the stop set changes', async () => {
    database = await freshDatabase(driver);
    const repos = createRepositories(database.db);
    const { areaId } = await seedDemo(repos, { now: TEST_NOW });
    const travel = countingEstimate();
    const progress: Array<[number, number]> = [];
    const built = await buildAndStoreStopMatrix(database.db, travel, areaId, (done, total) => progress.push([done, total]));
    const stops = await repos.areas.allStops(areaId);
    expect(progress[0]).toEqual([0, stops.length]);
    expect(progress.at(-1)).toEqual([stops.length, stops.length]);

    const direct = await buildStopMatrix(new StraightLineEstimate(), stops);
    expect(built.durationS).toEqual(direct.durationS);
    const callsAfterBuild = travel.calls;
    const source = createStoredStopMatrices(database.db, travel);
    const loaded = await source(areaId, stops);
    expect(loaded.durationS).toEqual(direct.durationS);
    expect(loaded.distanceM).toEqual(direct.distanceM);
    expect(loaded.estimated).toBe(true);
    expect(await source(areaId, stops)).toBe(loaded);
    expect(travel.calls).toBe(callsAfterBuild);

    await repos.areas.upsertStops(areaId, [{ code: 'NEW-1', name: 'Neu, Halt', village: 'Neu', lat: 50.0, lon: 6.5, wheelchairAccessible: false, active: true }]);
    const grown = await repos.areas.allStops(areaId);
    const rebuilt = await source(areaId, grown);
    expect(travel.calls).toBeGreaterThan(callsAfterBuild);
    expect(rebuilt.stops).toHaveLength(stops.length + 1);
    expect(rebuilt.nodeOf.has(grown.find((s) => s.code === 'NEW-1')!.id)).toBe(true);
  });

  it('serves the stored matrix while OSRM hangs, and after the first failed build tries with one probe', async () => {
    database = await freshDatabase(driver);
    const repos = createRepositories(database.db);
    const { areaId } = await seedDemo(repos, { now: TEST_NOW });
    const osrm = await startOsrmReplayServer({ synthesiseTables: true });
    const travel = new OsrmTravelTimes({ baseUrl: osrm.url, timeoutMs: 300, retries: 1, backoffMs: 10 });
    let now = 0;
    const source = createStoredStopMatrices(database.db, travel, { retryAfterMs: 2000, nowMs: () => now });
    const stops = await repos.areas.allStops(areaId);
    const before = await source(areaId, stops);
    await repos.areas.upsertStops(areaId, [{ code: 'NEW-1', name: 'Neu, Halt', village: 'Neu', lat: 50.0, lon: 6.5, wheelchairAccessible: false, active: true }]);
    const grown = await repos.areas.allStops(areaId);
    osrm.failNext(1000, 'hang');
    const asked = osrm.requests.length;

    const first = await source(areaId, grown);
    expect(first.missingStopIds?.size).toBe(1);
    expect(first.roadDataProblem).toMatch(/no answer within 300 ms/);
    expect(first.durationS[1]).toBe(before.durationS[1]);
    // The build's /table requests (one per block), each tried twice.
    const built = osrm.requests.length;
    expect(osrm.requests.slice(asked).every((r) => r.path.startsWith('/table/'))).toBe(true);
    expect(built - asked).toBeGreaterThanOrEqual(2);
    now = 1999;
    expect(await source(areaId, grown)).toBe(first);
    expect(osrm.requests.length).toBe(built);
    now = 2000;
    const second = await source(areaId, grown);
    expect(second.missingStopIds?.size).toBe(1);
    expect(osrm.requests.slice(built).map((r) => r.path.split('/')[1])).toEqual(['nearest']);
    await osrm.close();
  });

  it('looks at the stored row again only every few seconds while the stop set is unchanged', async () => {
    database = await freshDatabase(driver);
    const repos = createRepositories(database.db);
    const { areaId } = await seedDemo(repos, { now: TEST_NOW });
    const stops = await repos.areas.allStops(areaId);
    let now = 0;
    const source = createStoredStopMatrices(database.db, new StraightLineEstimate(), { recheckMs: 5000, nowMs: () => now });
    const first = await source(areaId, stops);
    // Another process rebuilds the stored matrix (e.g. matrix:build).
    await buildAndStoreStopMatrix(database.db, new StraightLineEstimate(), areaId);
    now = 4999;
    expect(await source(areaId, stops)).toBe(first);
    now = 5000;
    const second = await source(areaId, stops);
    expect(second).not.toBe(first);
    expect(second.durationS).toEqual(first.durationS);
  });
});

