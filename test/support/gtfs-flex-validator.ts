import { readCsv } from '../../src/domain/gtfs/read-csv';
import { checkLocationsGeojson } from './gtfs-locations-check';
import { FILE_RULES, timeSeconds, typeError } from './gtfs-field-rules';

/**
 * Checks a GTFS feed with GTFS-Flex files against the reference's rules: the files a feed must have,
 * every file's columns (known, not repeated, required ones present) and values (required ones not
 * empty, each of its type), primary keys, the conditional rules of on-demand stop times and booking
 * rules, and every reference between files. Returns one line per problem; an empty list is a pass.
 */
type Row = Record<string, string> & { _line: string };

export function validateGtfsFlexFeed(files: Record<string, string>): string[] {
  const problems: string[] = [];
  const report = (file: string, line: string | number | undefined, message: string) => problems.push(`${file}${line === undefined ? '' : `:${line}`}: ${message}`);
  const tables = new Map<string, Row[]>();

  for (const name of Object.keys(files)) {
    if (name !== 'locations.geojson' && !FILE_RULES[name]) report(name, undefined, 'not a file of the GTFS reference');
  }
  for (const [name, rules] of Object.entries(FILE_RULES)) {
    if (files[name] === undefined) continue;
    const { records, errors } = readCsv(files[name]);
    for (const e of errors) report(name, e.line, e.message);
    const [header, ...body] = records;
    if (!header) {
      report(name, 1, 'no header line');
      continue;
    }
    const columns = header.fields;
    for (const [i, column] of columns.entries()) {
      if (!rules[column]) report(name, 1, `unknown column "${column}"`);
      if (columns.indexOf(column) !== i) report(name, 1, `column "${column}" repeated`);
    }
    for (const [field, rule] of Object.entries(rules)) if (rule.required && !columns.includes(field)) report(name, 1, `required column "${field}" missing`);
    const rows: Row[] = [];
    for (const record of body) {
      if (record.fields.length !== columns.length) report(name, record.line, `${record.fields.length} values for ${columns.length} columns`);
      const row = { _line: String(record.line) } as Row;
      columns.forEach((column, i) => (row[column] = record.fields[i] ?? ''));
      for (const [field, rule] of Object.entries(rules)) {
        const value = row[field] ?? '';
        if (value === '') {
          if (rule.required) report(name, record.line, `${field}: required, empty`);
          continue;
        }
        const error = typeError(rule.kind, value);
        if (error) report(name, record.line, `${field}: ${error}`);
      }
      rows.push(row);
    }
    tables.set(name, rows);
  }

  for (const name of ['agency.txt', 'routes.txt', 'trips.txt', 'stop_times.txt']) if (!tables.has(name)) report(name, undefined, 'required file missing');
  if (!tables.has('calendar.txt') && !tables.has('calendar_dates.txt')) report('calendar.txt', undefined, 'calendar.txt or calendar_dates.txt required');
  if (!tables.has('stops.txt') && files['locations.geojson'] === undefined) report('stops.txt', undefined, 'required unless locations.geojson defines zones');

  const rows = (name: string) => tables.get(name) ?? [];
  const unique = (name: string, key: (r: Row) => string, what: string) => {
    const seen = new Set<string>();
    for (const r of rows(name)) {
      if (seen.has(key(r))) report(name, r._line, `${what} "${key(r)}" not unique`);
      seen.add(key(r));
    }
    return seen;
  };
  const agencies = unique('agency.txt', (r) => r.agency_id ?? '', 'agency_id');
  const routes = unique('routes.txt', (r) => r.route_id, 'route_id');
  const trips = unique('trips.txt', (r) => r.trip_id, 'trip_id');
  const stops = unique('stops.txt', (r) => r.stop_id, 'stop_id');
  const groups = unique('location_groups.txt', (r) => r.location_group_id, 'location_group_id');
  const bookingRules = unique('booking_rules.txt', (r) => r.booking_rule_id, 'booking_rule_id');
  const services = new Set([...unique('calendar.txt', (r) => r.service_id, 'service_id'), ...rows('calendar_dates.txt').map((r) => r.service_id)]);
  unique('calendar_dates.txt', (r) => `${r.service_id} ${r.date}`, 'service_id and date');
  unique('stop_times.txt', (r) => `${r.trip_id} ${r.stop_sequence}`, 'trip_id and stop_sequence');
  const locations = checkLocationsGeojson(files['locations.geojson'], (message) => report('locations.geojson', undefined, message));
  for (const id of locations) if (stops.has(id) || groups.has(id)) report('locations.geojson', undefined, `id "${id}" also used by stops.txt or location_groups.txt`);
  for (const id of groups) if (stops.has(id)) report('location_groups.txt', undefined, `location_group_id "${id}" also a stop_id`);

  const refer = (name: string, r: Row, field: string, ids: Set<string>, target: string) => {
    if (r[field] && !ids.has(r[field])) report(name, r._line, `${field} "${r[field]}" not in ${target}`);
  };
  const agencyRows = rows('agency.txt');
  if (new Set(agencyRows.map((a) => a.agency_timezone)).size > 1) report('agency.txt', undefined, 'agencies with different agency_timezone');
  for (const a of agencyRows) if (agencyRows.length > 1 && !a.agency_id) report('agency.txt', a._line, 'agency_id: required with several agencies');
  for (const r of rows('routes.txt')) {
    if (!r.route_short_name && !r.route_long_name) report('routes.txt', r._line, 'route_short_name or route_long_name required');
    if (agencyRows.length > 1 && !r.agency_id) report('routes.txt', r._line, 'agency_id: required with several agencies');
    refer('routes.txt', r, 'agency_id', agencies, 'agency.txt');
  }
  for (const r of rows('trips.txt')) {
    refer('trips.txt', r, 'route_id', routes, 'routes.txt');
    refer('trips.txt', r, 'service_id', services, 'calendar.txt or calendar_dates.txt');
  }
  for (const r of rows('calendar.txt')) if (r.start_date > r.end_date) report('calendar.txt', r._line, 'end_date before start_date');
  for (const r of rows('location_group_stops.txt')) {
    refer('location_group_stops.txt', r, 'location_group_id', groups, 'location_groups.txt');
    refer('location_group_stops.txt', r, 'stop_id', stops, 'stops.txt');
  }
  for (const r of rows('stops.txt')) {
    const needsPlace = ['', '0', '1', '2'].includes(r.location_type ?? '');
    for (const field of ['stop_name', 'stop_lat', 'stop_lon']) if (needsPlace && !r[field]) report('stops.txt', r._line, `${field}: required for stops, stations and entrances`);
  }
  checkStopTimes(rows('stop_times.txt'), rows('routes.txt'), rows('trips.txt'), { trips, stops, groups, locations, bookingRules }, refer, report);
  checkBookingRules(rows('booking_rules.txt'), services, report);
  const feedInfo = rows('feed_info.txt');
  if (tables.has('feed_info.txt') && feedInfo.length !== 1) report('feed_info.txt', undefined, `exactly one row expected, got ${feedInfo.length}`);
  for (const r of feedInfo) if (r.feed_start_date && r.feed_end_date && r.feed_start_date > r.feed_end_date) report('feed_info.txt', r._line, 'feed_end_date before feed_start_date');
  return problems;
}

type Report = (file: string, line: string | undefined, message: string) => void;
type Refer = (name: string, r: Row, field: string, ids: Set<string>, target: string) => void;

function checkStopTimes(stopTimes: Row[], routes: Row[], trips: Row[], ids: Record<'trips' | 'stops' | 'groups' | 'locations' | 'bookingRules', Set<string>>, refer: Refer, report: Report) {
  const file = 'stop_times.txt';
  const byTrip = new Map<string, Row[]>();
  for (const r of stopTimes) {
    refer(file, r, 'trip_id', ids.trips, 'trips.txt');
    refer(file, r, 'stop_id', ids.stops, 'stops.txt');
    refer(file, r, 'location_group_id', ids.groups, 'location_groups.txt');
    refer(file, r, 'location_id', ids.locations, 'locations.geojson');
    refer(file, r, 'pickup_booking_rule_id', ids.bookingRules, 'booking_rules.txt');
    refer(file, r, 'drop_off_booking_rule_id', ids.bookingRules, 'booking_rules.txt');
    const places = ['stop_id', 'location_group_id', 'location_id'].filter((f) => r[f]);
    if (places.length !== 1) report(file, r._line, `exactly one of stop_id, location_group_id, location_id expected, got ${places.length}`);
    const start = r.start_pickup_drop_off_window;
    const end = r.end_pickup_drop_off_window;
    const windowed = Boolean(start || end);
    if ((r.location_group_id || r.location_id) && !(start && end)) report(file, r._line, 'start_ and end_pickup_drop_off_window required for a location or location group');
    if (windowed && !(start && end)) report(file, r._line, 'start_ and end_pickup_drop_off_window come together');
    if (start && end && timeSeconds(start) >= timeSeconds(end)) report(file, r._line, `window ${start}–${end} does not end after it starts`);
    if (windowed) {
      if (r.arrival_time || r.departure_time) report(file, r._line, 'arrival_time/departure_time forbidden beside a pick-up/drop-off window');
      if (['', '0', '3'].includes(r.pickup_type ?? '')) report(file, r._line, `pickup_type "${r.pickup_type ?? ''}" forbidden beside a window (regular or driver-arranged)`);
      if (['', '0'].includes(r.drop_off_type ?? '')) report(file, r._line, `drop_off_type "${r.drop_off_type ?? ''}" forbidden beside a window (regular)`);
      for (const f of ['continuous_pickup', 'continuous_drop_off']) if (r[f] && r[f] !== '1') report(file, r._line, `${f} other than 1 forbidden beside a window`);
    }
    byTrip.set(r.trip_id, [...(byTrip.get(r.trip_id) ?? []), r]);
  }
  for (const t of trips) if ((byTrip.get(t.trip_id)?.length ?? 0) < 2) report('trips.txt', t._line, `trip "${t.trip_id}" has fewer than two stop_times`);
  const windowedRoutes = new Set<string>();
  for (const [tripId, list] of byTrip) {
    const sorted = [...list].sort((a, b) => Number(a.stop_sequence) - Number(b.stop_sequence));
    const fixed = sorted.filter((r) => r.stop_id && !r.start_pickup_drop_off_window);
    for (const end of [sorted[0], sorted.at(-1)]) {
      if (end && fixed.includes(end) && !end.arrival_time) report(file, end._line, 'arrival_time required at the first and last stop of a trip');
    }
    if (list.some((r) => r.start_pickup_drop_off_window)) windowedRoutes.add(trips.find((t) => t.trip_id === tripId)?.route_id ?? '');
    // The reference forbids two rows of a trip offering the same pick-up (or drop-off) in the same zone at overlapping times.
    for (const [i, a] of sorted.entries()) {
      for (const b of sorted.slice(i + 1)) {
        const place = (r: Row) => r.location_id || r.location_group_id;
        const windowed = (r: Row) => Boolean(r.start_pickup_drop_off_window && r.end_pickup_drop_off_window);
        if (!place(a) || place(a) !== place(b) || !windowed(a) || !windowed(b)) continue;
        const overlap = timeSeconds(a.start_pickup_drop_off_window) < timeSeconds(b.end_pickup_drop_off_window) && timeSeconds(b.start_pickup_drop_off_window) < timeSeconds(a.end_pickup_drop_off_window);
        const same = (f: string) => a[f] !== '1' && a[f] === b[f];
        if (overlap && (same('pickup_type') || same('drop_off_type'))) report(file, b._line, `trip "${tripId}": overlaps stop_sequence ${a.stop_sequence} in place, time and pickup/drop-off type`);
      }
    }
  }
  for (const r of routes) {
    if (!windowedRoutes.has(r.route_id)) continue;
    for (const f of ['continuous_pickup', 'continuous_drop_off']) if (r[f] && r[f] !== '1') report('routes.txt', r._line, `${f} other than 1 forbidden on a route with pick-up/drop-off windows`);
  }
}

function checkBookingRules(rules: Row[], services: Set<string>, report: Report) {
  const file = 'booking_rules.txt';
  for (const r of rules) {
    const type = r.booking_type;
    const has = (f: string) => Boolean(r[f]);
    const rule = (ok: boolean, message: string) => ok || report(file, r._line, message);
    rule(type !== '1' || has('prior_notice_duration_min'), 'prior_notice_duration_min required for booking_type 1');
    rule(type === '1' || !has('prior_notice_duration_min'), 'prior_notice_duration_min forbidden unless booking_type 1');
    rule(type === '1' || !has('prior_notice_duration_max'), 'prior_notice_duration_max forbidden unless booking_type 1');
    rule(type !== '2' || has('prior_notice_last_day'), 'prior_notice_last_day required for booking_type 2');
    rule(type === '2' || !has('prior_notice_last_day'), 'prior_notice_last_day forbidden unless booking_type 2');
    rule(has('prior_notice_last_day') === has('prior_notice_last_time'), 'prior_notice_last_time goes with prior_notice_last_day');
    rule(type !== '0' || !has('prior_notice_start_day'), 'prior_notice_start_day forbidden for booking_type 0');
    rule(!(type === '1' && has('prior_notice_duration_max') && has('prior_notice_start_day')), 'prior_notice_start_day forbidden beside prior_notice_duration_max');
    rule(has('prior_notice_start_day') === has('prior_notice_start_time'), 'prior_notice_start_time goes with prior_notice_start_day');
    rule(type === '2' || !has('prior_notice_service_id'), 'prior_notice_service_id forbidden unless booking_type 2');
    rule(!has('prior_notice_service_id') || services.has(r.prior_notice_service_id), 'prior_notice_service_id not a service');
    if (has('prior_notice_duration_min') && has('prior_notice_duration_max')) {
      rule(Number(r.prior_notice_duration_min) <= Number(r.prior_notice_duration_max), 'prior_notice_duration_max below prior_notice_duration_min');
    }
  }
}
