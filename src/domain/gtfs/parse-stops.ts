import { booleanPointInPolygon, point } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { z } from 'zod';
import { readCsv } from './read-csv';

/** A boarding point from a GTFS `stops.txt`, shaped like the service's own stops. */
export interface ParsedStop {
  /** The feed's `stop_id`. */
  code: string;
  name: string;
  /** `stop_desc`, else the part of `stop_name` before its first comma (`Irrel, Kirche` → `Irrel`). */
  village: string;
  lat: number;
  lon: number;
  /** `wheelchair_boarding` is `1`; `0`, `2` and empty all count as not accessible. */
  wheelchairAccessible: boolean;
}

/** What is wrong with a line, for clients that say it in their own words. */
export type GtfsStopProblem = 'not-csv' | 'missing-column' | 'unclosed-quote' | 'required' | 'not-decimal' | 'out-of-range' | 'duplicate';

export interface GtfsStopError {
  /** 1-based line of `stops.txt` (the header is line 1). */
  line: number;
  /** The column at fault, e.g. `stop_lat`; empty where the fault is not in one column. */
  field: string;
  problem: GtfsStopProblem;
  message: string;
}

export interface ParsedGtfsStops {
  stops: ParsedStop[];
  errors: GtfsStopError[];
}

export const REQUIRED_STOP_COLUMNS = ['stop_id', 'stop_name', 'stop_lat', 'stop_lon'] as const;

function coordinate(min: number, max: number, what: string) {
  return z
    .string()
    .trim()
    .regex(/^[-+]?(\d+\.?\d*|\.\d+)$/, `must be a decimal ${what}`)
    .transform(Number)
    .pipe(z.number().min(min, `${what} must be between ${min} and ${max}`).max(max, `${what} must be between ${min} and ${max}`));
}

const stopRowSchema = z.object({
  stop_id: z.string().trim().min(1, 'is required'),
  stop_name: z.string().trim().min(1, 'is required'),
  stop_desc: z.string().trim(),
  stop_lat: coordinate(-90, 90, 'latitude'),
  stop_lon: coordinate(-180, 180, 'longitude'),
  wheelchair_boarding: z.string().trim(),
});

/** Stations (1), entrances (2), generic nodes (3) and boarding areas (4) are not places to board. */
function isStopOrPlatform(locationType: string): boolean {
  const value = locationType.trim();
  return value === '' || value === '0';
}

function problemOf(issue: z.core.$ZodIssue): GtfsStopProblem {
  if (issue.code === 'invalid_format') return 'not-decimal';
  if (issue.code === 'too_small' && issue.origin === 'string') return 'required';
  return 'out-of-range';
}

/** A zip (a whole GTFS feed, a spreadsheet) read as text: text files have no NUL bytes. */
function looksBinary(text: string): boolean {
  return text.slice(0, 4096).includes('\u0000');
}

function villageOf(stopName: string, stopDesc: string): string {
  if (stopDesc !== '') return stopDesc;
  const beforeComma = stopName.split(',')[0].trim();
  return beforeComma === '' ? stopName : beforeComma;
}

/**
 * Reads the stops and platforms of a GTFS `stops.txt`. Columns are found by header name, so their
 * order and any extra columns do not matter. A row with a bad value is reported (line and column) and
 * left out; the other rows still come back, so an importer can show every problem at once.
 */
export function parseGtfsStops(csvText: string): ParsedGtfsStops {
  if (looksBinary(csvText)) return { stops: [], errors: [{ line: 1, field: '', problem: 'not-csv', message: 'the file is not a CSV text file (a GTFS zip must be unpacked: send its stops.txt)' }] };
  const { records, errors: csvErrors } = readCsv(csvText);
  const errors: GtfsStopError[] = csvErrors.map((e) => ({ line: e.line, field: '', problem: 'unclosed-quote', message: e.message }));
  const [header, ...rows] = records;
  const columns = (header?.fields ?? []).map((name) => name.trim());

  const missing = REQUIRED_STOP_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    const line = header?.line ?? 1;
    for (const name of missing) errors.push({ line, field: name, problem: 'missing-column', message: `required column ${name} is missing` });
    return { stops: [], errors };
  }

  const stops: ParsedStop[] = [];
  const seenIds = new Set<string>();
  for (const { line, fields } of rows) {
    const cell = (name: string) => {
      const index = columns.indexOf(name);
      return index >= 0 ? (fields[index] ?? '') : '';
    };
    if (!isStopOrPlatform(cell('location_type'))) continue;

    const result = stopRowSchema.safeParse({
      stop_id: cell('stop_id'),
      stop_name: cell('stop_name'),
      stop_desc: cell('stop_desc'),
      stop_lat: cell('stop_lat'),
      stop_lon: cell('stop_lon'),
      wheelchair_boarding: cell('wheelchair_boarding'),
    });
    if (!result.success) {
      for (const issue of result.error.issues) {
        errors.push({ line, field: String(issue.path[0] ?? ''), problem: problemOf(issue), message: issue.message });
      }
      continue;
    }
    const row = result.data;
    if (seenIds.has(row.stop_id)) {
      errors.push({ line, field: 'stop_id', problem: 'duplicate', message: `duplicate stop_id ${row.stop_id}` });
      continue;
    }
    seenIds.add(row.stop_id);
    stops.push({
      code: row.stop_id,
      name: row.stop_name,
      village: villageOf(row.stop_name, row.stop_desc),
      lat: row.stop_lat,
      lon: row.stop_lon,
      wheelchairAccessible: row.wheelchair_boarding === '1',
    });
  }
  return { stops, errors };
}

/** Splits stops by whether they lie in the polygon (a point on its boundary counts as inside). */
export function filterStopsInArea<T extends { lat: number; lon: number }>(
  stops: readonly T[],
  polygon: Polygon | MultiPolygon,
): { inside: T[]; outside: T[] } {
  const inside: T[] = [];
  const outside: T[] = [];
  for (const stop of stops) {
    (booleanPointInPolygon(point([stop.lon, stop.lat]), polygon) ? inside : outside).push(stop);
  }
  return { inside, outside };
}
