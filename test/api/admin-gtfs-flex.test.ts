import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGtfsFlexFeed } from '../support/gtfs-flex-validator';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('pglite');
});
afterAll(() => app.close());

/** The ZIP as bytes: the test app's request helper reads bodies as text, which would mangle them. */
async function download(path: string, token?: string) {
  const res = await fetch(app.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('GET /v1/admin/areas/:id/gtfs-flex.zip', () => {
  it('gives an admin the demo area\'s feed as a ZIP that passes the GTFS-Flex field rules', async () => {
    const { res, bytes } = await download(`/v1/admin/areas/${app.demo.areaId}/gtfs-flex.zip`, app.token('admin'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=gtfs-flex-${app.demo.areaId}.zip`);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
    expect(Object.keys(files).sort()).toEqual(['agency.txt', 'booking_rules.txt', 'calendar.txt', 'feed_info.txt', 'locations.geojson', 'routes.txt', 'stop_times.txt', 'stops.txt', 'trips.txt']);
    expect(validateGtfsFlexFeed(files)).toEqual([]);
    // As of the server's clock (a Tuesday, 1 December 2026) over the demo's 14-day horizon.
    expect(files['feed_info.txt'].split('\n')[1]).toBe('Eifel-Taxibus,https://www.bitburg-pruem.de,de,20261201,20261215,2026-12-01T05:00:00.000Z');
  });

  for (const role of ['rider', 'driver', 'dispatcher'] as const) {
    it(`refuses a ${role} with 403`, async () => {
      const res = await app.request('GET', `/v1/admin/areas/${app.demo.areaId}/gtfs-flex.zip`, { token: app.token(role) });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toMatch(/forbidden$/);
    });
  }

  it('asks for a token without one (401)', async () => {
    const res = await app.request('GET', `/v1/admin/areas/${app.demo.areaId}/gtfs-flex.zip`);
    expect(res.status).toBe(401);
  });

  it('answers 404 for an unknown area id and for one that is no id at all', async () => {
    for (const id of [randomUUID(), 'eifel']) {
      const res = await app.request('GET', `/v1/admin/areas/${id}/gtfs-flex.zip`, { token: app.token('admin') });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, detail: 'Service area was not found.' });
    }
  });
});
