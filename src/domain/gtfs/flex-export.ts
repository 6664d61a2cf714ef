import type { AreaPolygon, BookingRules, OperatingHours } from '../../../db/schema/service-area-json';
import { flexBookingRule } from './flex-export-booking-rule';
import { flexCalendar, type ServiceException } from './flex-export-calendar';
import { toCsv } from './flex-export-csv';

export interface FlexFeedArea {
  id: string;
  name: string;
  timeZone: string;
  polygon: AreaPolygon;
  operatingHours: OperatingHours;
  rules: Pick<BookingRules, 'minLeadMin' | 'maxHorizonDays'>;
  hotline: string | null;
  infoUrl: string | null;
}

export interface FlexFeedStop {
  code: string;
  name: string;
  lat: number;
  lon: number;
  wheelchairAccessible: boolean;
}

/** Who runs and who publishes the service (settings), and how far riders walk to a stop. */
export interface FlexFeedPublisher {
  agencyName: string;
  agencyUrl: string;
  publisherName: string;
  publisherUrl: string;
  bookingUrl?: string;
  maxWalkM: number;
}

export interface FlexFeedInput {
  area: FlexFeedArea;
  stops: readonly FlexFeedStop[];
  publisher: FlexFeedPublisher;
  /** The area's local date (YYYY-MM-DD) the feed starts on, normally today. */
  firstDate: string;
  /** Written as feed_version. */
  version: string;
  exceptions?: readonly ServiceException[];
}

/** File name → content, every file at the root of the ZIP. */
export type FlexFeedFiles = Record<string, string>;

const AGENCY_ID = 'taxibus';
const time = (hhmm: string) => `${hhmm}:00`;

/**
 * A GTFS feed with the GTFS-Flex files (as merged into GTFS in 2024) describing one service area as
 * a journey planner needs it: the area as one zone in locations.geojson, and per service and span of
 * operating hours one trip that picks up anywhere in the zone and drops off anywhere in it. Travel
 * within one zone takes two stop_times rows of that zone, the first for pick-up only and the second
 * for drop-off only (pickup_type/drop_off_type 2, "phone the agency", with the booking rule), so no
 * two rows of a trip offer the same thing at the same time and place, which the reference forbids.
 *
 * The stops go to stops.txt for planners to show where the bus stops, but into no location group: a
 * group of them in the same trip would offer pick-ups inside the zone twice at the same times, and in
 * a trip of its own it would show the one bus as a second service. The booking message says that
 * riders board at the nearest stop, which is how the service takes a booking given by coordinates.
 *
 * agency_timezone is the area's time zone: operating hours are kept in the area's local time and
 * GTFS reads every time in stop_times.txt in agency_timezone. route_type is 3 (bus), the reference's
 * own value; GTFS-Flex has no on-demand flag of its own (the pick-up windows and booking rules say
 * it), and continuous pick-up and drop-off are 1 (none), as the reference requires beside windows.
 */
export function buildFlexFeed(input: FlexFeedInput): FlexFeedFiles {
  const { area, publisher } = input;
  const zoneId = `zone:${area.id}`;
  const bookingRuleId = `booking:${area.id}`;
  const calendar = flexCalendar({
    idPrefix: area.id, operatingHours: area.operatingHours, firstDate: input.firstDate, horizonDays: area.rules.maxHorizonDays, exceptions: input.exceptions,
  });
  const trips = calendar.services.flatMap((service) =>
    service.spans.map((span) => ({ service, span, tripId: `${service.serviceId}:${span.from.replace(':', '')}-${span.to.replace(':', '')}` })),
  );
  const weekdayNames = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  const files: FlexFeedFiles = {
    'agency.txt': toCsv(['agency_id', 'agency_name', 'agency_url', 'agency_timezone', 'agency_lang', 'agency_phone'], [
      { agency_id: AGENCY_ID, agency_name: publisher.agencyName, agency_url: publisher.agencyUrl, agency_timezone: area.timeZone, agency_lang: 'de', agency_phone: area.hotline ?? undefined },
    ]),
    'routes.txt': toCsv(['route_id', 'agency_id', 'route_short_name', 'route_long_name', 'route_type', 'route_url', 'continuous_pickup', 'continuous_drop_off'], [
      { route_id: area.id, agency_id: AGENCY_ID, route_short_name: 'Rufbus', route_long_name: area.name, route_type: 3, route_url: area.infoUrl && area.infoUrl !== publisher.agencyUrl ? area.infoUrl : undefined, continuous_pickup: 1, continuous_drop_off: 1 },
    ]),
    'trips.txt': toCsv(['route_id', 'service_id', 'trip_id'], trips.map((t) => ({ route_id: area.id, service_id: t.service.serviceId, trip_id: t.tripId }))),
    'stop_times.txt': toCsv(
      ['trip_id', 'location_id', 'stop_sequence', 'start_pickup_drop_off_window', 'end_pickup_drop_off_window', 'pickup_type', 'drop_off_type', 'pickup_booking_rule_id', 'drop_off_booking_rule_id'],
      trips.flatMap(({ tripId, span }) => {
        const window = { trip_id: tripId, location_id: zoneId, start_pickup_drop_off_window: time(span.from), end_pickup_drop_off_window: time(span.to) };
        return [
          { ...window, stop_sequence: 1, pickup_type: 2, drop_off_type: 1, pickup_booking_rule_id: bookingRuleId },
          { ...window, stop_sequence: 2, pickup_type: 1, drop_off_type: 2, drop_off_booking_rule_id: bookingRuleId },
        ];
      }),
    ),
    'calendar.txt': toCsv(['service_id', ...weekdayNames, 'start_date', 'end_date'], calendar.services.filter((s) => s.weekdays.length > 0).map((s) => ({
      service_id: s.serviceId,
      ...Object.fromEntries(weekdayNames.map((name, i) => [name, s.weekdays.includes(i + 1) ? 1 : 0])),
      start_date: calendar.startDate,
      end_date: calendar.endDate,
    }))),
    'booking_rules.txt': toCsv(
      ['booking_rule_id', 'booking_type', 'prior_notice_duration_min', 'prior_notice_duration_max', 'message', 'phone_number', 'info_url', 'booking_url'],
      [flexBookingRule({ id: bookingRuleId, rules: area.rules, hotline: area.hotline, infoUrl: area.infoUrl, bookingUrl: publisher.bookingUrl, maxWalkM: publisher.maxWalkM })],
    ),
    'locations.geojson': `${JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', id: zoneId, properties: { stop_name: area.name, stop_desc: 'Bediengebiet des Rufbusses' }, geometry: area.polygon }],
    })}\n`,
    'stops.txt': toCsv(['stop_id', 'stop_name', 'stop_lat', 'stop_lon', 'wheelchair_boarding'], input.stops.map((s) => ({
      stop_id: s.code, stop_name: s.name, stop_lat: s.lat.toFixed(6), stop_lon: s.lon.toFixed(6), wheelchair_boarding: s.wheelchairAccessible ? 1 : 2,
    }))),
    'feed_info.txt': toCsv(['feed_publisher_name', 'feed_publisher_url', 'feed_lang', 'feed_start_date', 'feed_end_date', 'feed_version'], [
      { feed_publisher_name: publisher.publisherName, feed_publisher_url: publisher.publisherUrl, feed_lang: 'de', feed_start_date: calendar.startDate, feed_end_date: calendar.endDate, feed_version: input.version },
    ]),
  };
  // calendar_dates.txt only adds to calendar.txt here, so it is written only when there is a date to name.
  if (calendar.dateExceptions.length > 0) {
    files['calendar_dates.txt'] = toCsv(['service_id', 'date', 'exception_type'], calendar.dateExceptions.map((e) => ({ service_id: e.serviceId, date: e.date, exception_type: e.exceptionType })));
  }
  return files;
}
