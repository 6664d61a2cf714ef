import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { stopMatrices } from '../../../db/schema';
import { demoServiceArea } from '../../../db/seed/eifel-demo-data';
import { seedDemo } from '../../../src/seed/seed-demo';
import { formatCoordinate, OsrmTravelTimes, StraightLineEstimate, type LonLat, type TravelMatrix, type TravelTimes } from '../../../routing/travel-times';
import type { Stop } from '../../../src/data-access/areas-repository';
import { createRepositories } from '../../../src/domain/context';
import { assertTrustworthyRoadData, RoadDataRejectedError } from '../../../src/domain/dispatch/stop-matrix-check';
import { buildAndStoreStopMatrix, createStoredStopMatrices } from '../../../src/domain/dispatch/stop-matrix-store';
import { fixture, pointsOf } from '../../routing/travel-times/osrm-fixtures';
import { describeEachDriver, freshDatabase } from '../../support/databases';
import { startOsrmReplayServer } from '../../support/osrm-replay-server';
import { TEST_NOW } from '../../support/test-app';

const stop = (name: string, lat: number, lon: number): Stop => ({ id: name, name, lat, lon } as Stop);

describe('assertTrustworthyRoadData', () => {
  // About 1.1 km apart, and a third stop 50 m from the first.
  const stops = [stop('A', 50.0, 6.5), stop('B', 50.01, 6.5), stop('C', 50.00045, 6.5)];
  const times = (cells: number[]) => Int32Array.from(cells);
  const fine = times([0, 90, 5, 95, 0, 90, 4, 92, 0]);

  it('takes sound road data, snaps up to the limit included', () => {
    expect(() => assertTrustworthyRoadData(stops, fine, Float64Array.from([250, 0, 12]), 250)).not.toThrow();
  });

  it('refuses a stop snapped farther than the limit, naming it and how far', () => {
    expect(() => assertTrustworthyRoadData(stops, fine, Float64Array.from([0, 251, 0]), 250)).toThrow(/1 stop snapped farther than 250 m .*: B \(251 m\)/);
  });

  it('refuses 0 s between stops farther apart than the limit, not between two stops within it', () => {
    const zeroAC = times([0, 90, 0, 95, 0, 90, 0, 92, 0]);
    expect(() => assertTrustworthyRoadData(stops, zeroAC, new Float64Array(3), 250)).not.toThrow();
    const zeroAB = times([0, 0, 5, 95, 0, 90, 4, 92, 0]);
    const refused = (() => {
      try {
        assertTrustworthyRoadData(stops, zeroAB, new Float64Array(3), 250);
      } catch (error) {
        return error as RoadDataRejectedError;
      }
    })();
    expect(refused).toBeInstanceOf(RoadDataRejectedError);
    expect(refused!.message).toMatch(/1 pair of stops more than 250 m apart with 0 s between them: A → B/);
    expect(refused!.stopIds.sort()).toEqual(['A', 'B']);
  });

  it('refuses missing times between distinct stops', () => {
    expect(() => assertTrustworthyRoadData(stops, times([0, 90, 5, 95, 0, -1, 4, 92, 0]), new Float64Array(3), 250)).toThrow(/no road time: B → C/);
  });
});

describeEachDriver('road data from a server of another region', (driver) => {
  let database: Database;
  afterEach(() => database?.close());

  it('refuses the recorded answer of a Monaco-only server for Eifel stops; the stored matrix stays', async () => {
    database = await freshDatabase(driver);
    const repos = createRepositories(database.db);
    const { rules, polygon, operatingHours, timeZone } = demoServiceArea;
    const area = await repos.areas.create({ name: 'Vier Orte', timeZone, polygon, operatingHours, rules });
    const recorded = fixture('table-wrong-region');
    const names = ['Bitburg', 'Prüm', 'Irrel', 'Waxweiler'];
    await repos.areas.upsertStops(area.id, pointsOf(recorded).map((p, i) => ({
      code: `S${i}`, name: names[i], village: names[i], lat: p.lat, lon: p.lon, wheelchairAccessible: true, active: true,
    })));
    const stops = await repos.areas.allStops(area.id);

    const good = await startOsrmReplayServer({ synthesiseTables: true });
    const before = await buildAndStoreStopMatrix(database.db, new OsrmTravelTimes({ baseUrl: good.url }), area.id);
    await good.close();
    const [stored] = await database.db.select().from(stopMatrices).where(eq(stopMatrices.areaId, area.id));

    // The client asks sources × destinations; the recording answers that request just as well.
    const wrong = await startOsrmReplayServer();
    const coordinates = [...stops, ...stops].map((s) => formatCoordinate(s)).join(';');
    wrong.serve(`/table/v1/driving/${coordinates}?sources=0;1;2;3&destinations=4;5;6;7&annotations=duration,distance`, recorded);
    const build = buildAndStoreStopMatrix(database.db, new OsrmTravelTimes({ baseUrl: wrong.url }), area.id);
    await expect(build).rejects.toThrow(RoadDataRejectedError);
    await expect(build).rejects.toThrow(/4 stops snapped farther than 250 m from their coordinates: .*Bitburg \(\d{3} km\)/);
    await expect(build).rejects.toThrow(/pairs of stops more than 250 m apart with 0 s/);
    expect(wrong.requests).toHaveLength(1);
    await wrong.close();

    const [after] = await database.db.select().from(stopMatrices).where(eq(stopMatrices.areaId, area.id));
    expect(after.builtAt).toEqual(stored.builtAt);
    expect(after.durationS).toEqual(stored.durationS);
    expect(before.durationS.some((v, i) => i % 5 !== 0 && v === 0)).toBe(false);
  });

  it('keeps serving the stored matrix when a rebuild gives 0 s between distinct stops, the new stop marked missing', async () => {
    database = await freshDatabase(driver);
    const repos = createRepositories(database.db);
    const { areaId } = await seedDemo(repos, { now: TEST_NOW });
    const travel = constructedServer();
    const store = createStoredStopMatrices(database.db, travel, { retryAfterMs: 0 });
    const old = await store(areaId, await repos.areas.allStops(areaId));
    expect(old.missingStopIds).toBeUndefined();

    await repos.areas.upsertStops(areaId, [{ code: 'NEW-1', name: 'Neu, Halt', village: 'Neu', lat: 49.99, lon: 6.51, wheelchairAccessible: false, active: true }]);
    const grown = await repos.areas.allStops(areaId);
    const newId = grown.find((s) => s.code === 'NEW-1')!.id;
    travel.zeroTimes = true;
    const degraded = await store(areaId, grown);
    expect([...degraded.missingStopIds!]).toEqual([newId]);
    expect(degraded.roadDataProblem).toMatch(/with 0 s between them/);
    // Cells between old stops are the stored ones; the new stop's are straight-line stand-ins.
    const [a, b] = old.stops;
    const cell = (m: typeof old, from: string, to: string) => m.durationS[m.nodeOf.get(from)! * m.stops.length + m.nodeOf.get(to)!];
    expect(cell(degraded, a.id, b.id)).toBe(cell(old, a.id, b.id));
    expect(cell(degraded, a.id, newId)).toBeGreaterThan(0);

    travel.zeroTimes = false;
    const rebuilt = await store(areaId, grown);
    expect(rebuilt.missingStopIds).toBeUndefined();
    expect(rebuilt.stops).toHaveLength(grown.length);
  });
});

/** A road server answering straight-line times with every stop on a road, or (zeroTimes) 0 s everywhere. */
function constructedServer(): TravelTimes & { zeroTimes: boolean } {
  const inner = new StraightLineEstimate();
  const server = {
    kind: 'osrm' as const,
    zeroTimes: false,
    async matrix(sources: LonLat[], destinations?: LonLat[]): Promise<TravelMatrix> {
      const answer = await inner.matrix(sources, destinations);
      const durationS = server.zeroTimes ? new Int32Array(answer.durationS.length) : answer.durationS;
      return { ...answer, durationS, estimated: false, sourceSnapM: new Float64Array(answer.rows), destinationSnapM: new Float64Array(answer.cols) };
    },
    route: inner.route.bind(inner),
    nearest: inner.nearest.bind(inner),
  };
  return server;
}
