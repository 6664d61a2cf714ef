import type { TripCount } from '../../data-access/riders-repository';
import type { User } from '../../data-access/users-repository';
import type { DomainContext } from '../context';
import { normalisePhone } from '../users/phone-number';

const MAX_RIDERS = 10;
const USUAL_TRIPS_PER_RIDER = 3;

/** A trip a rider takes often: the pair of stops, the usual local time and how many bookings it rests on. */
export interface UsualTrip {
  pickupStopId: string;
  dropoffStopId: string;
  timeMode: TripCount['timeMode'];
  localTime: string;
  count: number;
}

export interface FoundRider {
  rider: User;
  usualTrips: UsualTrip[];
}

/**
 * The start of a phone number as a dispatcher types it, in E.164 as numbers are stored: "06561 98"
 * → "+49656198", "0049 6561" → "+496561", "+49 6561" → "+496561". A whole number goes through
 * normalisePhone, like every stored number did. Undefined when the text is no phone number.
 */
export function phonePrefixOf(typed: string): string | undefined {
  if (!/^\+?[0-9 ()/-]+$/.test(typed)) return undefined;
  const digits = typed.replace(/\D/g, '');
  if (digits.length < 3) return undefined;
  const whole = normalisePhone(typed);
  if (whole) return whole;
  if (typed.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith('0')) return `+49${digits.slice(1)}`;
  return `+${digits}`;
}

/**
 * The most frequent pickup → drop-off pairs of one rider, each at its most frequent time of day.
 * `counts` come most frequent first, so the first time seen for a pair is its usual one.
 */
export function usualTripsOf(counts: TripCount[], limit = USUAL_TRIPS_PER_RIDER): UsualTrip[] {
  const byPair = new Map<string, UsualTrip>();
  for (const c of counts) {
    const key = `${c.pickupStopId}>${c.dropoffStopId}`;
    const trip = byPair.get(key);
    if (trip) trip.count += c.count;
    else byPair.set(key, { pickupStopId: c.pickupStopId, dropoffStopId: c.dropoffStopId, timeMode: c.timeMode, localTime: c.localTime, count: c.count });
  }
  return [...byPair.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}

/** Riders a dispatcher may mean by what they typed (phone as said on the phone, or a name's start), with their usual trips. */
export async function findRiders(ctx: DomainContext, typed: string): Promise<FoundRider[]> {
  const text = typed.trim();
  const phonePrefix = phonePrefixOf(text);
  const namePrefix = phonePrefix === undefined && text.length >= 2 ? text : undefined;
  const riders = await ctx.repos.riders.search({ phonePrefix, namePrefix, limit: MAX_RIDERS });
  const counts = await ctx.repos.riders.tripCounts(riders.map((r) => r.id));
  return riders.map((rider) => ({ rider, usualTrips: usualTripsOf(counts.filter((c) => c.riderId === rider.id)) }));
}
