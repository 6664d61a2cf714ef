import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/seed/seed-demo';
import type { Database } from '../../../db/client';
import { parseConfig } from '../../../src/config/env';
import { gtfsFlexPublisherFrom } from '../../../src/config/gtfs-flex-settings';
import { createRepositories } from '../../../src/domain/context';
import { buildFlexFeed, type FlexFeedArea, type FlexFeedFiles } from '../../../src/domain/gtfs/flex-export';
import { exportAreaFlexFeed } from '../../../src/domain/gtfs/flex-export-area';
import { readCsv } from '../../../src/domain/gtfs/read-csv';
import { freshDatabase } from '../../support/databases';
import { validateGtfsFlexFeed } from '../../support/gtfs-flex-validator';
import { TEST_NOW } from '../../support/test-app';

const publisher = gtfsFlexPublisherFrom(parseConfig({}));

/** A CSV file of the feed as objects, header names as keys. */
function table(files: FlexFeedFiles, name: string): Array<Record<string, string>> {
  const [header, ...rows] = readCsv(files[name]).records;
  return rows.map((r) => Object.fromEntries(header.fields.map((f, i) => [f, r.fields[i]])));
}

let database: Database;
let demoFeed: FlexFeedFiles;
let demoAreaId: string;
beforeAll(async () => {
  database = await freshDatabase('pglite');
  const repos = createRepositories(database.db);
  demoAreaId = (await seedDemo(repos, { now: TEST_NOW })).areaId;
  demoFeed = (await exportAreaFlexFeed(repos, demoAreaId, publisher, TEST_NOW))!;
});
afterAll(() => database.close());

describe('the seeded Eifel demo area as a GTFS-Flex feed', () => {
  it('passes every field rule, type and reference of the GTFS reference', () => {
    expect(Object.keys(demoFeed).sort()).toEqual(['agency.txt', 'booking_rules.txt', 'calendar.txt', 'feed_info.txt', 'locations.geojson', 'routes.txt', 'stop_times.txt', 'stops.txt', 'trips.txt']);
    expect(validateGtfsFlexFeed(demoFeed)).toEqual([]);
  });

  it('has one service per distinct set of weekly hours, over the 14-day booking horizon from the area\'s today', () => {
    expect(table(demoFeed, 'calendar.txt').map((c) => [c.monday, c.tuesday, c.wednesday, c.thursday, c.friday, c.saturday, c.sunday, c.start_date, c.end_date].join(''))).toEqual([
      '111110020261201' + '20261215', '000001020261201' + '20261215', '000000120261201' + '20261215',
    ]);
    const windows = table(demoFeed, 'stop_times.txt').map((s) => `${s.stop_sequence} ${s.start_pickup_drop_off_window}-${s.end_pickup_drop_off_window} ${s.pickup_type}/${s.drop_off_type}`);
    expect(windows).toEqual(['1 05:30:00-23:00:00 2/1', '2 05:30:00-23:00:00 1/2', '1 07:00:00-23:00:00 2/1', '2 07:00:00-23:00:00 1/2', '1 08:00:00-22:00:00 2/1', '2 08:00:00-22:00:00 1/2']);
  });

  it('books from the lead time to the horizon, with the area\'s hotline and info page', () => {
    const [rule] = table(demoFeed, 'booking_rules.txt');
    expect(rule).toMatchObject({ booking_type: '1', prior_notice_duration_min: '30', prior_notice_duration_max: String(14 * 1440), phone_number: '+49 6561 15-0', info_url: 'https://www.bitburg-pruem.de', booking_url: '' });
    expect(rule.message).toBe('Bitte mindestens 30 Minuten und höchstens 14 Tage vor der Fahrt buchen – telefonisch unter +49 6561 15-0. Ein- und Ausstieg an der nächsten Rufbus-Haltestelle (höchstens 800 m Fußweg).');
    const [agency] = table(demoFeed, 'agency.txt');
    expect(agency).toMatchObject({ agency_timezone: 'Europe/Berlin', agency_lang: 'de', agency_phone: '+49 6561 15-0' });
  });

  it('gives the area\'s boundary as the zone and its active stops as stops', () => {
    const zones = JSON.parse(demoFeed['locations.geojson']);
    expect(zones.features).toHaveLength(1);
    expect(zones.features[0].id).toBe(`zone:${demoAreaId}`);
    expect(zones.features[0].geometry.type).toBe('Polygon');
    expect(table(demoFeed, 'stops.txt').length).toBeGreaterThan(20);
    expect(new Set(table(demoFeed, 'stop_times.txt').map((s) => s.location_id))).toEqual(new Set([`zone:${demoAreaId}`]));
  });
});

describe('buildFlexFeed', () => {
  const area: FlexFeedArea = {
    id: '0b7a4f4e-5a8e-4c57-9d0e-3f1f3c1d2a10',
    name: 'Rufbus "Islek", Arzfeld',
    timeZone: 'Europe/Berlin',
    polygon: { type: 'Polygon', coordinates: [[[6.2, 50.0], [6.4, 50.0], [6.4, 50.2], [6.2, 50.2], [6.2, 50.0]]] },
    operatingHours: { '1': [{ from: '06:00', to: '20:00' }], '2': [{ from: '06:00', to: '20:00' }], '3': [{ from: '06:00', to: '20:00' }], '4': [{ from: '06:00', to: '20:00' }], '5': [{ from: '06:00', to: '20:00' }], '6': [{ from: '08:00', to: '12:00' }, { from: '16:00', to: '24:00' }], '7': [] },
    rules: { minLeadMin: 60, maxHorizonDays: 30 },
    hotline: null,
    infoUrl: null,
  };
  const feed = (overrides: Partial<Parameters<typeof buildFlexFeed>[0]> = {}) =>
    buildFlexFeed({ area, stops: [{ code: 'ARZ-1', name: 'Arzfeld,\nKirche', lat: 50.0866, lon: 6.2719, wheelchairAccessible: false }], publisher, firstDate: '2026-12-20', version: 'v1', ...overrides });

  it('turns dated exceptions into calendar_dates rows: a closure removes the day, other hours add a service of their own or an equal one', () => {
    const files = feed({ exceptions: [
      { date: '2026-12-24', spans: [{ from: '06:00', to: '14:00' }] },
      { date: '2026-12-25', spans: [] },
      { date: '2026-12-27', spans: [{ from: '16:00', to: '24:00' }, { from: '08:00', to: '12:00' }] },
      { date: '2026-12-28', spans: [{ from: '06:00', to: '20:00' }] },
      { date: '2027-03-01', spans: [] },
    ] });
    expect(validateGtfsFlexFeed(files)).toEqual([]);
    const id = area.id;
    expect(table(files, 'calendar_dates.txt').map((r) => `${r.service_id.replace(id, 'A')} ${r.date} ${r.exception_type}`)).toEqual([
      'A:mo-di-mi-do-fr 20261224 2', 'A:20261224 20261224 1', 'A:mo-di-mi-do-fr 20261225 2', 'A:sa 20261227 1',
    ]);
    expect(table(files, 'trips.txt').map((t) => t.trip_id.replace(id, 'A'))).toEqual(['A:mo-di-mi-do-fr:0600-2000', 'A:sa:0800-1200', 'A:sa:1600-2400', 'A:20261224:0600-1400']);
    expect(table(files, 'calendar.txt').map((c) => `${c.start_date}-${c.end_date}`)).toEqual(['20261220-20270119', '20261220-20270119']);
    expect(table(files, 'stop_times.txt').some((s) => s.end_pickup_drop_off_window === '24:00:00')).toBe(true);
  });

  it('writes no calendar_dates.txt without exceptions, and real-time booking without a lead time', () => {
    const files = feed({ area: { ...area, rules: { minLeadMin: 0, maxHorizonDays: 7 } } });
    expect(files['calendar_dates.txt']).toBeUndefined();
    expect(validateGtfsFlexFeed(files)).toEqual([]);
    expect(table(files, 'booking_rules.txt')[0]).toMatchObject({ booking_type: '0', prior_notice_duration_min: '', prior_notice_duration_max: '', phone_number: '' });
  });

  it('quotes commas and quotes and flattens line breaks, so free text cannot break a record', () => {
    const files = feed();
    expect(table(files, 'routes.txt')[0].route_long_name).toBe('Rufbus "Islek", Arzfeld');
    expect(table(files, 'stops.txt')[0]).toMatchObject({ stop_name: 'Arzfeld, Kirche', wheelchair_boarding: '2' });
  });
});

describe('the validator fails broken feeds', () => {
  const edit = (name: string, change: (text: string) => string) => ({ ...demoFeed, [name]: change(demoFeed[name]) });
  const cases: Array<[string, () => FlexFeedFiles, RegExp]> = [
    ['a required file missing', () => Object.fromEntries(Object.entries(demoFeed).filter(([n]) => n !== 'trips.txt')), /trips\.txt: required file missing/],
    ['no calendar at all', () => Object.fromEntries(Object.entries(demoFeed).filter(([n]) => n !== 'calendar.txt')), /calendar\.txt or calendar_dates\.txt required/],
    ['a required value empty', () => edit('agency.txt', (t) => t.replace('Eifel-Taxibus', '')), /agency\.txt:2: agency_name: required, empty/],
    ['a misspelt column', () => edit('stop_times.txt', (t) => t.replace('end_pickup_drop_off_window', 'end_pickup_dropoff_window')), /unknown column "end_pickup_dropoff_window"/],
    ['a time not HH:MM:SS', () => edit('stop_times.txt', (t) => t.replace('05:30:00', '5.30')), /start_pickup_drop_off_window: expected a time/],
    ['a window ending before it starts', () => edit('stop_times.txt', (t) => t.replace('05:30:00,23:00:00', '23:00:00,05:30:00')), /does not end after it starts/],
    ['a date not YYYYMMDD', () => edit('calendar.txt', (t) => t.replace('20261215', '2026-12-15')), /end_date: expected a date YYYYMMDD/],
    ['an enum value outside the reference', () => edit('routes.txt', (t) => t.replace(',3,', ',715,')), /route_type: expected one of/],
    ['a trip of an unknown service', () => edit('trips.txt', (t) => t.replace(':sa,', ':samstag,')), /service_id ".*:samstag" not in calendar/],
    ['a stop time of an unknown zone', () => edit('stop_times.txt', (t) => t.replace(`zone:${demoAreaId}`, 'zone:elsewhere')), /location_id "zone:elsewhere" not in locations\.geojson/],
    ['an unknown booking rule', () => edit('stop_times.txt', (t) => t.replace(`booking:${demoAreaId}`, 'booking:nope')), /pickup_booking_rule_id "booking:nope" not in booking_rules\.txt/],
    ['a route of an unknown agency', () => edit('routes.txt', (t) => t.replace(',taxibus,', ',other,')), /agency_id "other" not in agency\.txt/],
    ['a regular pick-up beside a window', () => edit('stop_times.txt', (t) => t.replace(',2,1,', ',0,1,')), /pickup_type "0" forbidden beside a window/],
    ['pick-up and drop-off offered twice in one zone at one time', () => edit('stop_times.txt', (t) => t.replaceAll(',2,1,', ',2,2,').replaceAll(',1,2,', ',2,2,')), /overlaps stop_sequence 1/],
    ['continuous stopping on a route with windows', () => edit('routes.txt', (t) => t.replace(/,1,1\n$/, ',0,1\n')), /continuous_pickup other than 1 forbidden/],
    ['prior notice missing for same-day booking', () => edit('booking_rules.txt', (t) => t.replace(',1,30,', ',1,,')), /prior_notice_duration_min required for booking_type 1/],
    ['a ring not closed', () => edit('locations.geojson', (t) => t.replace(/\[6\.42,49\.8\]\]\]/, '[6.43,49.8]]]')), /ring not closed/],
    ['a line instead of a zone', () => edit('locations.geojson', (t) => t.replace('"Polygon"', '"LineString"')), /expected Polygon or MultiPolygon/],
    ['a zone without id', () => edit('locations.geojson', (t) => t.replace(`"id":"zone:${demoAreaId}",`, '')), /features\[0\]\.id: required/],
    ['a self-crossing ring', () => edit('locations.geojson', (t) => t.replace('[6.52,49.82]', '[6.7,50.3]')), /crosses itself/],
    ['no JSON at all', () => edit('locations.geojson', () => '{"type": "FeatureCollection",'), /locations\.geojson: not JSON/],
  ];
  for (const [name, broken, expected] of cases) {
    it(`catches ${name}`, () => {
      const problems = validateGtfsFlexFeed(broken());
      expect(problems.join('\n')).toMatch(expected);
    });
  }
});
