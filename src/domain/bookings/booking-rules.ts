import type { BookingRules, OperatingExceptions, OperatingHours } from '../../../db/schema/service-area-json';
import { hhmmToMinutes, localParts } from './local-time';

export type RuleViolationCode =
  | 'in-the-past'
  | 'lead-time'
  | 'horizon'
  | 'outside-operating-hours'
  | 'party-size'
  | 'capacity'
  | 'too-many-active-bookings'
  | 'same-stop';

export interface RuleViolation {
  code: RuleViolationCode;
  field: string;
  detail: string;
}

export interface BookingRuleInput {
  now: Date;
  time: Date;
  timeField: 'departAfter' | 'arriveBy';
  seats: number;
  wheelchairs: number;
  /** A rider booking online: the area's largest party holds for them (the desk books larger groups). */
  byRider: boolean;
  activeBookings: number;
  samePickupAndDropoff: boolean;
}

export interface AreaRules {
  timeZone: string;
  rules: BookingRules;
  operatingHours: OperatingHours;
  /** Dated closures and special hours, which replace the weekday's hours on their date. */
  operatingExceptions?: OperatingExceptions;
  /** Seats and wheelchair places of the largest vehicle of the area. */
  largestVehicle: { seats: number; wheelchairPlaces: number };
}

/**
 * The rule context of an area for a party of `seats`: the largest in-service bus, counting wheelchair
 * places only on buses that also have the seats (one bus must carry the whole party).
 */
export function areaRulesFor(
  area: Pick<AreaRules, 'timeZone' | 'rules' | 'operatingHours' | 'operatingExceptions'>,
  vehicles: Array<{ inService: boolean; seats: number; wheelchairPlaces: number }>,
  seats: number,
): AreaRules {
  const inService = vehicles.filter((v) => v.inService);
  return {
    timeZone: area.timeZone,
    rules: area.rules,
    operatingHours: area.operatingHours,
    operatingExceptions: area.operatingExceptions,
    largestVehicle: {
      seats: Math.max(0, ...inService.map((v) => v.seats)),
      wheelchairPlaces: Math.max(0, ...inService.filter((v) => v.seats >= seats).map((v) => v.wheelchairPlaces)),
    },
  };
}

/** The first booking rule the request breaks, or null. Pure: the caller brings the counts. */
export function findRuleViolation(input: BookingRuleInput, area: AreaRules): RuleViolation | null {
  const { rules } = area;
  const leadMin = (input.time.getTime() - input.now.getTime()) / 60_000;
  if (input.samePickupAndDropoff) {
    return { code: 'same-stop', field: 'dropoff', detail: 'Pick-up and drop-off are the same stop.' };
  }
  if (leadMin < 0) return { code: 'in-the-past', field: input.timeField, detail: 'The requested time has already passed.' };
  if (leadMin < rules.minLeadMin) {
    return { code: 'lead-time', field: input.timeField, detail: `Book at least ${rules.minLeadMin} minutes ahead.` };
  }
  if (leadMin > rules.maxHorizonDays * 1440) {
    return { code: 'horizon', field: input.timeField, detail: `Book at most ${rules.maxHorizonDays} days ahead.` };
  }
  if (!isWithinOperatingHours(input.time, area)) {
    return { code: 'outside-operating-hours', field: input.timeField, detail: 'The service does not run at that time.' };
  }
  if (input.byRider && rules.maxPartySize !== undefined && input.seats > rules.maxPartySize) {
    return { code: 'party-size', field: 'seats', detail: `Parties of more than ${rules.maxPartySize} book through the hotline.` };
  }
  const big = area.largestVehicle;
  if (input.seats > big.seats) {
    return { code: 'capacity', field: 'seats', detail: `At most ${big.seats} seats fit in one bus.` };
  }
  if (input.wheelchairs > big.wheelchairPlaces) {
    return { code: 'capacity', field: 'wheelchairs', detail: `At most ${big.wheelchairPlaces} wheelchair places in one bus.` };
  }
  if (input.activeBookings >= rules.maxActiveBookingsPerRider) {
    return {
      code: 'too-many-active-bookings',
      field: 'rider',
      detail: `A rider may hold at most ${rules.maxActiveBookingsPerRider} open bookings.`,
    };
  }
  return null;
}

export function isWithinOperatingHours(instant: Date, area: Pick<AreaRules, 'timeZone' | 'operatingHours' | 'operatingExceptions'>): boolean {
  const local = localParts(instant, area.timeZone);
  const exception = area.operatingExceptions?.find((e) => e.date === local.date);
  const spans = exception ? exception.spans : (area.operatingHours[String(local.isoWeekday) as keyof OperatingHours] ?? []);
  return spans.some((span) => local.minutes >= hhmmToMinutes(span.from) && local.minutes <= hhmmToMinutes(span.to));
}
