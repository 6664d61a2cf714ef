import { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { QUEUE_NAMES } from '../../workers/queues';
import { StraightLineEstimate, type TravelTimes } from '../../routing/travel-times';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { DAUN_AREA } from './support/county';

const STOPS = 150;
/** 150 stops on a grid inside the Daun box: the matrix takes two requests of 100 and 50 rows. */
const GRID_TXT = ['stop_id,stop_name,stop_lat,stop_lon', ...Array.from({ length: STOPS }, (_, i) =>
  `G${i},"Raster ${i}",${(50.15 + Math.floor(i / 15) * 0.01).toFixed(3)},${(6.77 + (i % 15) * 0.01).toFixed(3)}`)].join('\n');

/** What the operator's page reads while the travel times of an area's new stops are built. */
describeEachDriver('matrix rebuild progress', (driver) => {
  let app: TestApp;
  let admin: string;
  let areaId: string;
  /** The second request of a 150-stop build waits on this once (the first build after the upload). */
  let release: () => void = () => {};
  let held = false;
  beforeAll(async () => {
    const estimate = new StraightLineEstimate();
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const travelTimes: TravelTimes = {
      kind: estimate.kind,
      matrix: async (sources, destinations) => {
        if (!held && sources.length === STOPS - 100 && destinations?.length === STOPS) {
          held = true;
          await gate;
        }
        return estimate.matrix(sources, destinations);
      },
      route: (points, options) => estimate.route(points, options),
      nearest: (point, count) => estimate.nearest(point, count),
    };
    // Re-plans (whose first step is the rebuild) as soon as asked, not a minute apart.
    app = await startTestApp(driver, { travelTimes, env: { REPLAN_MIN_INTERVAL_S: '0' } });
    admin = app.token('admin');
    const area = await app.request('POST', '/v1/admin/areas', { token: admin, body: { ...DAUN_AREA, name: `Raster ${driver}` } });
    areaId = area.body.id;
  });
  afterAll(async () => {
    release();
    await app?.close();
  });

  const matrix = async () => (await app.request('GET', `/v1/admin/areas/${areaId}/matrix`, { token: admin })).body;

  it('is stale, then building with its rows done of all, then stale again when a stop moves meanwhile, then current', async () => {
    expect(await matrix()).toMatchObject({ state: 'stale', current: false, stops: 0 });
    const upload = await app.request('POST', `/v1/admin/areas/${areaId}/stops/gtfs?reason=Raster`, { token: admin, rawBody: GRID_TXT, headers: { 'content-type': 'text/csv' } });
    expect(upload.body).toMatchObject({ inserted: STOPS });

    // The queued rebuild has its first 100 rows and waits for the other 50.
    await expect.poll(matrix, { timeout: 20_000 }).toMatchObject({ state: 'building', current: false, stops: STOPS, progress: { done: 100, total: STOPS } });
    // The queue dashboard shows the same as the re-optimisation job's progress, in per cent.
    const queue = new Queue(QUEUE_NAMES.reoptimise, { connection: { url: inject('redisUrl') }, prefix: app.service.prefix });
    try {
      await expect.poll(async () => (await queue.getActive()).filter((job) => job.data.areaId === areaId).map((job) => job.progress), { timeout: 10_000 }).toEqual([67]);
    } finally {
      await queue.close();
    }

    // A stop moved while it builds: that build is not over today's stops any more.
    const stop = (await app.repos.areas.ownStops(areaId)).find((s) => s.code === 'G7')!;
    const moved = await app.request('PATCH', `/v1/admin/stops/${stop.id}`, { token: admin, body: { lat: stop.lat + 0.002, lon: stop.lon, reason: 'Haltestelle verlegt' } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const meanwhile = await matrix();
    expect(meanwhile).toMatchObject({ state: 'stale', current: false });
    expect(meanwhile.progress).toBeUndefined();

    release();
    await expect.poll(matrix, { timeout: 30_000 }).toMatchObject({ state: 'current', current: true, builtOverStops: STOPS });
    expect((await matrix()).progress).toBeUndefined();
  });
});
