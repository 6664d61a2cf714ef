import { afterAll, beforeAll, expect } from 'vitest';
import type { Driver } from '../../support/databases';
import { startTestApp, type TestApp } from '../../support/test-app';

/** A second county east of the Eifel demo (around Daun): a box that does not touch the demo's outline. */
export const DAUN_BOUNDARY = {
  type: 'Polygon' as const,
  coordinates: [[[6.76, 50.14], [6.94, 50.14], [6.94, 50.26], [6.76, 50.26], [6.76, 50.14]]],
};

export const DAUN_STOPS = [
  { code: 'DAU-BF', name: 'Daun, Bahnhof', village: 'Daun', lat: 50.201, lon: 6.832, wheelchairAccessible: true },
  { code: 'GEM-KI', name: 'Gemünden, Kirche', village: 'Gemünden', lat: 50.178, lon: 6.834, wheelchairAccessible: false },
  { code: 'SCH-MAAR', name: 'Schalkenmehren, Maar', village: 'Schalkenmehren', lat: 50.17, lon: 6.86, wheelchairAccessible: false },
  { code: 'MEH-DORF', name: 'Mehren, Dorfplatz', village: 'Mehren', lat: 50.183, lon: 6.878, wheelchairAccessible: true },
];

/** A stops.txt as a county's transit authority publishes it (one stop of it lies outside the area). */
export const DAUN_STOPS_TXT = [
  'stop_id,stop_name,stop_lat,stop_lon,wheelchair_boarding',
  'STE-KI,"Steinborn, Kirche",50.22,6.82,1',
  'TRIER-HBF,"Trier, Hauptbahnhof",49.757,6.652,1',
].join('\n');

export const COUNTY_RULES = {
  minLeadMin: 30, maxHorizonDays: 14, cancellationCutoffMin: 60, pickupWindowMin: 15, maxRideAlpha: 1.5, maxRideBetaMin: 10, maxActiveBookingsPerRider: 10,
};

const everyDay = [{ from: '05:00', to: '23:00' }];

export const DAUN_AREA = {
  name: 'Rufbus Vulkaneifel (Daun)',
  timeZone: 'Europe/Berlin',
  boundary: DAUN_BOUNDARY,
  operatingHours: { 1: everyDay, 2: everyDay, 3: everyDay, 4: everyDay, 5: everyDay, 6: everyDay, 7: everyDay },
  operatingExceptions: [{ date: '2026-12-08', spans: [], note: 'Betriebsversammlung' }],
  rules: COUNTY_RULES,
  hotline: '+49 6592 933-0',
  infoUrl: 'https://www.vulkaneifel.de/rufbus',
  reason: 'new county',
};

export interface County {
  areaId: string;
  stopIds: Record<string, string>;
  vehicleId: string;
  templateId: string;
}

/**
 * Sets up the Daun county through the operator API with `token` (an admin's), as the README walks
 * through it: area, stops (one by one and a stops.txt), a bus, a daily shift template.
 */
export async function setUpDaun(app: TestApp, token: string): Promise<County> {
  const ok = async (method: string, path: string, body: unknown, status = 201) => {
    const res = await app.request(method, path, { token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body;
  };
  const area = await ok('POST', '/v1/admin/areas', DAUN_AREA);
  const stopIds: Record<string, string> = {};
  for (const stop of DAUN_STOPS) stopIds[stop.code] = (await ok('POST', `/v1/admin/areas/${area.id}/stops`, stop)).id;
  const upload = await app.request('POST', `/v1/admin/areas/${area.id}/stops/gtfs?reason=VRT%20stops`, { token, rawBody: DAUN_STOPS_TXT, headers: { 'content-type': 'text/csv' } });
  expect(upload.status, JSON.stringify(upload.body)).toBe(200);
  expect(upload.body).toMatchObject({ inserted: 1, updated: 0, outside: [{ code: 'TRIER-HBF' }], errors: [] });
  const vehicle = await ok('POST', `/v1/admin/areas/${area.id}/vehicles`, { label: 'DAU-RB 1', seats: 8, wheelchairPlaces: 1, depotStopId: stopIds['DAU-BF'] });
  const template = await ok('POST', `/v1/admin/vehicles/${vehicle.id}/shift-templates`, { weekdays: [1, 2, 3, 4, 5, 6, 7], start: '05:00', end: '23:00' });
  return { areaId: area.id, stopIds, vehicleId: vehicle.id, templateId: template.id };
}

/** A ride in Daun by coordinates, a few metres off the stops, two hours after the test clock. */
export function daunRide(app: TestApp, over: Record<string, unknown> = {}) {
  return {
    pickup: { lat: 50.2012, lon: 6.8323 },
    dropoff: { lat: 50.1702, lon: 6.8598 },
    departAfter: new Date(app.clock.now.getTime() + 2 * 3600_000).toISOString(),
    seats: 1,
    ...over,
  };
}

/** A fresh test app with the Daun county set up by its admin, for one describe block (closed after it). */
export function daunCountyPerSuite(driver: Driver): { app: TestApp; county: County; admin: string } {
  const suite = {} as { app: TestApp; county: County; admin: string };
  beforeAll(async () => {
    suite.app = await startTestApp(driver);
    suite.admin = suite.app.token('admin');
    suite.county = await setUpDaun(suite.app, suite.admin);
  });
  afterAll(() => suite.app?.close());
  return suite;
}

/** A caller the desk books for. */
export const DESK_CALLER = { name: 'Erna Schmitz', phone: '06592 1234' };
