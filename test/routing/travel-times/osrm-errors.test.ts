import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OsrmTravelTimes, RoutingError, type OsrmTravelTimesOptions } from '../../../routing/travel-times';
import { startOsrmReplayServer, type OsrmReplayServer, type RecordedResponse } from '../../support/osrm-replay-server';
import { fixture, pointsOf } from './osrm-fixtures';

let server: OsrmReplayServer;
beforeEach(async () => {
  server = await startOsrmReplayServer();
});
afterEach(() => server.close());

const client = (options: Partial<OsrmTravelTimesOptions> = {}) =>
  new OsrmTravelTimes({ baseUrl: server.url, backoffMs: 10, ...options });

const FIVE = pointsOf(fixture('table-5x5-duration-distance'));
const FIVE_TABLE = '/table/v1/driving/7.42,43.73;7.425,43.735;7.415,43.74;7.427,43.745;7.41,43.731?annotations=duration,distance';
const TWO_ROUTE = '/route/v1/driving/7.42,43.73;7.427,43.745?overview=full&geometries=geojson&steps=false';
const TWO = [{ lon: 7.42, lat: 43.73 }, { lon: 7.427, lat: 43.745 }];

async function failure(promise: Promise<unknown>): Promise<RoutingError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RoutingError);
  return error as RoutingError;
}

describe('OSRM error answers become typed RoutingErrors', () => {
  // Each recorded 400 body, answered to a request of this client: the mapping depends on the body.
  it.each([
    ['error-invalid-query-coord', 'InvalidQuery'],
    ['error-invalid-options', 'InvalidOptions'],
    ['error-invalid-url', 'InvalidUrl'],
    ['error-invalid-service', 'InvalidService'],
    ['error-too-big-table', 'TooBig'],
    ['error-invalid-value-lat', 'InvalidValue'],
  ])('%s → %s, asked once', async (name, code) => {
    server.serve(FIVE_TABLE, fixture(name));

    const error = await failure(client().matrix(FIVE));

    expect(error).toMatchObject({ code });
    expect(error.message).toContain(code);
    expect(server.requests).toHaveLength(1); // 400s are never retried
  });

  it('NoSegment on a route names the coordinate off the road network', async () => {
    const recorded = fixture('error-nosegment');
    const points = pointsOf(recorded); // 8.50,43.00 lies in the sea, 90 km from Monaco
    server.serve('/route/v1/driving/7.42,43.73;8.5,43?overview=full&geometries=geojson&steps=false', recorded);

    const error = await failure(client().route(points));

    expect(error).toMatchObject({ code: 'NoSegment', index: 1, role: 'points', coordinate: { lon: 8.5, lat: 43 } });
    expect(error.message).toMatch(/points\[1\].*8\.5.*43/);
  });

  it('NoSegment on a table names the source', async () => {
    const recorded = fixture('error-nosegment-table');
    server.serve('/table/v1/driving/7.42,43.73;8.5,43?annotations=duration,distance', recorded);

    const error = await failure(client().matrix(pointsOf(recorded)));

    expect(error).toMatchObject({ code: 'NoSegment', index: 1, role: 'sources', coordinate: { lon: 8.5, lat: 43 } });
  });

  it('NoRoute and NoTable keep their codes', async () => {
    // Constructed bodies in OSRM's shape: the recordings hold no NoRoute or NoTable answer.
    const answer = (code: string, message: string): RecordedResponse => ({
      request: { method: 'GET', path: '' }, status: 400, contentType: 'application/json; charset=UTF-8', body: { code, message },
    });
    server.serve(TWO_ROUTE, answer('NoRoute', 'Impossible route between points'));
    server.serve(FIVE_TABLE, answer('NoTable', 'No table found'));

    expect(await failure(client().route(TWO))).toMatchObject({ code: 'NoRoute' });
    expect(await failure(client().matrix(FIVE))).toMatchObject({ code: 'NoTable' });
  });

  it('rejects an invalid coordinate before asking, naming it', async () => {
    const error = await failure(client().route([{ lon: 7.42, lat: 43.73 }, { lon: 7.43, lat: 143.74 }]));

    expect(error).toMatchObject({ code: 'InvalidValue', index: 1, coordinate: { lon: 7.43, lat: 143.74 } });
    expect(server.requests).toHaveLength(0);
  });

  it('an answer of the wrong shape is a BadResponse', async () => {
    const broken = structuredClone(fixture('route-2pt-geojson'));
    (broken.body as { routes: { duration: unknown }[] }).routes[0].duration = 'fast';
    server.serve(TWO_ROUTE, broken);

    expect(await failure(client().route(TWO))).toMatchObject({ code: 'BadResponse' });
  });
});

describe('retries, backoff and timeouts', () => {
  it('retries a 503 and then succeeds', async () => {
    server.serve(TWO_ROUTE, fixture('route-2pt-geojson'));
    server.failNext(2, 503);

    const route = await client({ retries: 2 }).route(TWO);

    expect(route.durationS).toBe(351);
    expect(server.requests.map((r) => r.path)).toEqual([TWO_ROUTE, TWO_ROUTE, TWO_ROUTE]);
  });

  it('gives up after the retries with an UpstreamError, backing off exponentially', async () => {
    server.failNext(3, 503);
    const started = performance.now();

    const error = await failure(client({ retries: 2, backoffMs: 40 }).route(TWO));

    expect(error).toMatchObject({ code: 'UpstreamError' });
    expect(server.requests).toHaveLength(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(40 + 80 - 5);
  });

  it('does not retry a 400', async () => {
    server.serve(TWO_ROUTE, fixture('error-nosegment'));
    await failure(client({ retries: 5 }).route(TWO));
    expect(server.requests).toHaveLength(1);
  });

  it('turns a hanging server into a Timeout after the retries', async () => {
    server.failNext(2, 'hang');

    const error = await failure(client({ timeoutMs: 100, retries: 1 }).route(TWO));

    expect(error).toMatchObject({ code: 'Timeout' });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a timeout and then succeeds', async () => {
    server.serve(TWO_ROUTE, fixture('route-2pt-geojson'));
    server.failNext(1, 'hang');

    const route = await client({ timeoutMs: 100, retries: 1 }).route(TWO);

    expect(route.distanceM).toBe(3462);
  });

  it('reports a server that refuses connections as Unreachable', async () => {
    const gone = await startOsrmReplayServer();
    await gone.close();

    const error = await failure(new OsrmTravelTimes({ baseUrl: gone.url, retries: 1, backoffMs: 1 }).nearest({ lon: 7.42, lat: 43.73 }));

    expect(error).toMatchObject({ code: 'Unreachable' });
  });
});
