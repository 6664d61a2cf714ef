import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoServiceArea } from '../../../db/seed/eifel-demo-data';
import { filterStopsInArea, parseGtfsStops } from '../../../src/domain/gtfs/parse-stops';

const fixture = readFileSync(new URL('../../fixtures/gtfs/stops.txt', import.meta.url), 'utf8');

describe('parseGtfsStops on the fixture feed', () => {
  it('is read as a BOM-prefixed CRLF file (guards against the fixture being normalised)', () => {
    expect(fixture.startsWith('\uFEFFstop_id,')).toBe(true);
    expect(fixture.split('\r\n')).toHaveLength(15);
    expect(fixture.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it('returns the stops and platforms, skipping the station and the entrance', () => {
    const { stops } = parseGtfsStops(fixture);
    expect(stops).toEqual([
      { code: 'de:07232:4000:1', name: 'Bitburg, ZOB', village: 'Bitburg', lat: 49.9721, lon: 6.5291, wheelchairAccessible: true },
      { code: 'de:07232:4000:2', name: 'Bitburg, ZOB', village: 'Bitburg', lat: 49.9719, lon: 6.5293, wheelchairAccessible: false },
      { code: 'de:07232:4010', name: 'Bitburg, Krankenhaus', village: 'Bitburg', lat: 49.9635, lon: 6.5195, wheelchairAccessible: true },
      { code: 'de:07232:4100', name: 'Prüm, Busbahnhof', village: 'Prüm', lat: 50.2065, lon: 6.422, wheelchairAccessible: true },
      { code: 'de:07232:4200', name: 'Irrel Kirche', village: 'Irrel Kirche', lat: 49.845, lon: 6.459, wheelchairAccessible: false },
      { code: 'de:07232:4300', name: 'Speicher, "Alter Markt"', village: 'Speicher', lat: 49.934, lon: 6.641, wheelchairAccessible: false },
      { code: 'de:07232:4600', name: 'Waxweiler, Kirche', village: 'Waxweiler', lat: 50.093, lon: 6.362, wheelchairAccessible: true },
      { code: 'de:07211:1000:1', name: 'Trier, Hauptbahnhof', village: 'Trier', lat: 49.7573, lon: 6.6513, wheelchairAccessible: true },
      { code: 'de:07232:4700', name: 'Bollendorf, Sauerstaden', village: 'Bollendorf', lat: 49.852, lon: 6.36, wheelchairAccessible: false },
    ]);
  });

  it('reports the rows with a bad latitude or longitude by line and column', () => {
    expect(parseGtfsStops(fixture).errors).toEqual([
      { line: 10, field: 'stop_lat', problem: 'out-of-range', message: 'latitude must be between -90 and 90' },
      { line: 11, field: 'stop_lon', problem: 'not-decimal', message: 'must be a decimal longitude' },
    ]);
  });

  it('keeps the Eifel stops inside the demo area and puts Trier Hbf outside', () => {
    const { inside, outside } = filterStopsInArea(parseGtfsStops(fixture).stops, demoServiceArea.polygon);
    expect(inside).toHaveLength(8);
    expect(outside.map((s) => s.code)).toEqual(['de:07211:1000:1']);
  });
});

describe('parseGtfsStops on small inputs', () => {
  it('finds columns by header name, ignores extra ones and accepts LF endings without a BOM', () => {
    const csv = 'wheelchair_boarding,stop_lon,zone_id,stop_lat,stop_name,stop_id\n1,6.27,A,50.09,"Arzfeld, Kirche",ARZ\n';
    expect(parseGtfsStops(csv)).toEqual({
      stops: [{ code: 'ARZ', name: 'Arzfeld, Kirche', village: 'Arzfeld', lat: 50.09, lon: 6.27, wheelchairAccessible: true }],
      errors: [],
    });
  });

  it('names each missing required column once, on the header line', () => {
    const csv = 'stop_id,stop_name\nX,Somewhere\nY,Elsewhere\n';
    expect(parseGtfsStops(csv)).toEqual({
      stops: [],
      errors: [
        { line: 1, field: 'stop_lat', problem: 'missing-column', message: 'required column stop_lat is missing' },
        { line: 1, field: 'stop_lon', problem: 'missing-column', message: 'required column stop_lon is missing' },
      ],
    });
  });

  it('reports every required column of an empty file', () => {
    expect(parseGtfsStops('').errors.map((e) => e.field)).toEqual(['stop_id', 'stop_name', 'stop_lat', 'stop_lon']);
  });

  it('counts physical lines across a quoted field that spans lines', () => {
    const csv = 'stop_id,stop_name,stop_desc,stop_lat,stop_lon\r\nA,"Kyllburg, Bahnhof","Kyllburg\r\n(Bahnhof)",50.039,6.595\r\nB,Badem,,x,6.619\r\n';
    const { stops, errors } = parseGtfsStops(csv);
    expect(stops.map((s) => s.village)).toEqual(['Kyllburg\r\n(Bahnhof)']);
    expect(errors).toEqual([{ line: 4, field: 'stop_lat', problem: 'not-decimal', message: 'must be a decimal latitude' }]);
  });

  it('reports a blank stop_id or stop_name and a repeated stop_id', () => {
    const csv = 'stop_id,stop_name,stop_lat,stop_lon\n,Badem,50,6.6\nA, ,50,6.6\nB,Badem,50,6.6\nB,Badem 2,50,6.6\n';
    expect(parseGtfsStops(csv).errors).toEqual([
      { line: 2, field: 'stop_id', problem: 'required', message: 'is required' },
      { line: 3, field: 'stop_name', problem: 'required', message: 'is required' },
      { line: 5, field: 'stop_id', problem: 'duplicate', message: 'duplicate stop_id B' },
    ]);
  });

  it('says a zip or other binary file is not a CSV file, once, on line 1', () => {
    expect(parseGtfsStops('PK\u0003\u0004\u0014\u0000\u0000\u0000stops.txt').errors).toEqual([
      { line: 1, field: '', problem: 'not-csv', message: 'the file is not a CSV text file (a GTFS zip must be unpacked: send its stops.txt)' },
    ]);
  });

  it('reports a quoted field left open at the end of the file', () => {
    const csv = 'stop_id,stop_name,stop_lat,stop_lon\nA,Badem,50,6.6\nB,"Badem,50,6.6\n';
    const { stops, errors } = parseGtfsStops(csv);
    expect(stops.map((s) => s.code)).toEqual(['A']);
    expect(errors).toEqual([{ line: 3, field: '', problem: 'unclosed-quote', message: 'quoted field is not closed before the end of the file' }]);
  });
});
