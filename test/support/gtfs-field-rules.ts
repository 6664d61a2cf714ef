/**
 * The field rules of the GTFS reference (revision of July 2025, GTFS-Flex merged) for the files an
 * on-demand feed uses: each field's type and whether it is Required. Conditional rules live in the
 * validator beside references between files.
 */
export type FieldKind =
  | 'id' | 'text' | 'url' | 'email' | 'phone' | 'timezone' | 'language' | 'date' | 'time' | 'color'
  | 'integer' | 'non-negative integer' | 'non-negative float' | 'latitude' | 'longitude' | { enum: readonly number[] };

export interface FieldRule {
  kind: FieldKind;
  required?: true;
}

const id: FieldRule = { kind: 'id' };
const text: FieldRule = { kind: 'text' };
const url: FieldRule = { kind: 'url' };
const time: FieldRule = { kind: 'time' };
const req = (rule: FieldRule): FieldRule => ({ ...rule, required: true });
const oneOf = (...values: number[]): FieldRule => ({ kind: { enum: values } });
const continuous = oneOf(0, 1, 2, 3);
const weekday = req(oneOf(0, 1));

export const FILE_RULES: Record<string, Record<string, FieldRule>> = {
  'agency.txt': {
    agency_id: id, agency_name: req(text), agency_url: req(url), agency_timezone: req({ kind: 'timezone' }), agency_lang: { kind: 'language' },
    agency_phone: { kind: 'phone' }, agency_fare_url: url, agency_email: { kind: 'email' }, cemv_support: oneOf(0, 1, 2),
  },
  'stops.txt': {
    stop_id: req(id), stop_code: text, stop_name: text, tts_stop_name: text, stop_desc: text, stop_lat: { kind: 'latitude' }, stop_lon: { kind: 'longitude' },
    zone_id: id, stop_url: url, location_type: oneOf(0, 1, 2, 3, 4), parent_station: id, stop_timezone: { kind: 'timezone' },
    wheelchair_boarding: oneOf(0, 1, 2), level_id: id, platform_code: text, stop_access: oneOf(0, 1),
  },
  'routes.txt': {
    route_id: req(id), agency_id: id, route_short_name: text, route_long_name: text, route_desc: text,
    route_type: req(oneOf(0, 1, 2, 3, 4, 5, 6, 7, 11, 12)), route_url: url, route_color: { kind: 'color' }, route_text_color: { kind: 'color' },
    route_sort_order: { kind: 'non-negative integer' }, continuous_pickup: continuous, continuous_drop_off: continuous, network_id: id, cemv_support: oneOf(0, 1, 2),
  },
  'trips.txt': {
    route_id: req(id), service_id: req(id), trip_id: req(id), trip_headsign: text, trip_short_name: text, direction_id: oneOf(0, 1), block_id: id,
    shape_id: id, wheelchair_accessible: oneOf(0, 1, 2), bikes_allowed: oneOf(0, 1, 2), cars_allowed: oneOf(0, 1, 2),
  },
  'stop_times.txt': {
    trip_id: req(id), arrival_time: time, departure_time: time, stop_id: id, location_group_id: id, location_id: id,
    stop_sequence: req({ kind: 'non-negative integer' }), stop_headsign: text, start_pickup_drop_off_window: time, end_pickup_drop_off_window: time,
    pickup_type: oneOf(0, 1, 2, 3), drop_off_type: oneOf(0, 1, 2, 3), continuous_pickup: continuous, continuous_drop_off: continuous,
    shape_dist_traveled: { kind: 'non-negative float' }, timepoint: oneOf(0, 1), pickup_booking_rule_id: id, drop_off_booking_rule_id: id,
  },
  'calendar.txt': {
    service_id: req(id), monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday, saturday: weekday, sunday: weekday,
    start_date: req({ kind: 'date' }), end_date: req({ kind: 'date' }),
  },
  'calendar_dates.txt': { service_id: req(id), date: req({ kind: 'date' }), exception_type: req(oneOf(1, 2)) },
  'location_groups.txt': { location_group_id: req(id), location_group_name: text },
  'location_group_stops.txt': { location_group_id: req(id), stop_id: req(id) },
  'booking_rules.txt': {
    booking_rule_id: req(id), booking_type: req(oneOf(0, 1, 2)), prior_notice_duration_min: { kind: 'integer' }, prior_notice_duration_max: { kind: 'integer' },
    prior_notice_last_day: { kind: 'integer' }, prior_notice_last_time: time, prior_notice_start_day: { kind: 'integer' }, prior_notice_start_time: time,
    prior_notice_service_id: id, message: text, pickup_message: text, drop_off_message: text, phone_number: { kind: 'phone' }, info_url: url, booking_url: url,
  },
  'feed_info.txt': {
    feed_publisher_name: req(text), feed_publisher_url: req(url), feed_lang: req({ kind: 'language' }), default_lang: { kind: 'language' },
    feed_start_date: { kind: 'date' }, feed_end_date: { kind: 'date' }, feed_version: text, feed_contact_email: { kind: 'email' }, feed_contact_url: url,
  },
};

function isTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return !/\s/.test(value);
  } catch {
    return false;
  }
}

function isDate(value: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Why `value` (not empty) is not of `kind`, or undefined when it is. */
export function typeError(kind: FieldKind, value: string): string | undefined {
  const ok = (test: boolean, what: string) => (test ? undefined : `expected ${what}, got "${value}"`);
  if (typeof kind === 'object') return ok(/^\d+$/.test(value) && kind.enum.includes(Number(value)), `one of ${kind.enum.join(', ')}`);
  switch (kind) {
    case 'id': return ok(value.trim() === value && value.length > 0, 'an ID without surrounding spaces');
    case 'text': return ok(value.trim().length > 0, 'text');
    case 'url': return ok(/^https?:\/\//i.test(value) && URL.canParse(value), 'a full http(s) URL');
    case 'email': return ok(/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value), 'an e-mail address');
    case 'phone': return ok(/^[+\dA-Za-z][\dA-Za-z ()/.-]*$/.test(value), 'a phone number');
    case 'timezone': return ok(isTimezone(value), 'an IANA time zone');
    case 'language': return ok(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value), 'a BCP 47 language code');
    case 'date': return ok(isDate(value), 'a date YYYYMMDD');
    case 'time': return ok(/^\d{1,3}:[0-5]\d:[0-5]\d$/.test(value), 'a time HH:MM:SS (hours may pass 24)');
    case 'color': return ok(/^[0-9A-Fa-f]{6}$/.test(value), 'a colour RRGGBB');
    case 'integer': return ok(/^-?\d+$/.test(value), 'an integer');
    case 'non-negative integer': return ok(/^\d+$/.test(value), 'a non-negative integer');
    case 'non-negative float': return ok(/^\d+(\.\d+)?$/.test(value), 'a non-negative number');
    case 'latitude': return ok(/^-?\d+(\.\d+)?$/.test(value) && Math.abs(Number(value)) <= 90, 'a latitude in [-90, 90]');
    case 'longitude': return ok(/^-?\d+(\.\d+)?$/.test(value) && Math.abs(Number(value)) <= 180, 'a longitude in [-180, 180]');
  }
}

/** Seconds since the service day's start, for comparing GTFS times. */
export const timeSeconds = (value: string) => value.split(':').map(Number).reduce((total, part) => total * 60 + part, 0);
