import type { Booking } from '../../data-access/bookings-repository';
import type { BookingRules } from '../../../db/schema/service-area-json';

/** Boarding and alighting take longer with a wheelchair (ramp, securing). */
export function serviceTimes(wheelchairs: number): { pickupS: number; dropoffS: number } {
  return { pickupS: 60 + 120 * wheelchairs, dropoffS: 30 + 90 * wheelchairs };
}

export function maxRideS(directS: number, rules: BookingRules): number {
  return Math.round(rules.maxRideAlpha * directS + rules.maxRideBetaMin * 60);
}

export interface RideWindows {
  pickup: { earliestMs: number; latestMs: number };
  dropoff: { earliestMs: number; latestMs: number };
  maxRideS: number;
}

/**
 * The windows the dispatcher may use. A promised booking keeps its promise; a new one may be picked up
 * within two window widths after its departAfter time, or arrive within two widths before its arriveBy
 * time, and the offer then narrows that to one window width around the planned pickup.
 */
export function rideWindows(booking: Booking, directS: number, rules: BookingRules): RideWindows {
  const rideS = booking.maxRideS ?? maxRideS(directS, rules);
  const widthMs = rules.pickupWindowMin * 60_000;
  if (booking.promisedPickupFrom && booking.promisedPickupTo && booking.promisedLatestArrival) {
    return {
      pickup: { earliestMs: booking.promisedPickupFrom.getTime(), latestMs: booking.promisedPickupTo.getTime() },
      dropoff: { earliestMs: booking.promisedPickupFrom.getTime(), latestMs: booking.promisedLatestArrival.getTime() },
      maxRideS: rideS,
    };
  }
  const t = booking.requestedTime.getTime();
  if (booking.timeMode === 'depart_after') {
    return {
      pickup: { earliestMs: t, latestMs: t + 2 * widthMs },
      dropoff: { earliestMs: t, latestMs: t + 2 * widthMs + rideS * 1000 },
      maxRideS: rideS,
    };
  }
  return {
    pickup: { earliestMs: t - 2 * widthMs - rideS * 1000, latestMs: t - directS * 1000 },
    dropoff: { earliestMs: t - 2 * widthMs, latestMs: t },
    maxRideS: rideS,
  };
}

/** One window width around the planned pickup, inside the allowed pickup window. */
export function promisedPickupWindow(plannedMs: number, allowed: { earliestMs: number; latestMs: number }, widthMs: number) {
  const span = allowed.latestMs - allowed.earliestMs;
  if (span <= widthMs) return { fromMs: allowed.earliestMs, toMs: allowed.latestMs };
  const fromMs = Math.min(Math.max(plannedMs - widthMs / 2, allowed.earliestMs), allowed.latestMs - widthMs);
  return { fromMs, toMs: fromMs + widthMs };
}
