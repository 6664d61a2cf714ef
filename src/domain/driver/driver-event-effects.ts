import type { PlanStop } from '../../../db/schema';
import type { Booking, BookingStatus, NewBooking } from '../../data-access/bookings-repository';
import type { PlanPatch, VehiclePlan } from '../../data-access/fleet-repository';
import { DomainError } from '../domain-error';
import type { DriverEvent } from './driver-event-schema';
import type { DriverShift } from './driver-shift';
import { isEntry, withoutEntries } from './plan-edits';

/** What one driver event changes; the caller writes it in one transaction. */
export interface DriverEventEffect {
  plan?: PlanPatch;
  booking?: { id: string; from: BookingStatus[]; patch: Partial<NewBooking>; kind: string };
  /** The stop the bus is at or just left, for the lateness check. */
  atStopId?: string;
  /** The plan's stops once the event is applied. */
  remaining: PlanStop[];
}

const NOT_BOARDED: BookingStatus[] = ['offered', 'confirmed', 'assigned'];

const notOnPlan = (field: string, detail: string) =>
  new DomainError('unprocessable', 'not-on-plan', detail, { fields: [{ field, message: detail }] });

/**
 * Works out a stop or booking event against the plan the driver saw. `shiftBookings` are the
 * bookings this shift carries or carried: the stops a bus may arrive at or leave.
 */
export function driverEventEffect(
  event: Exclude<DriverEvent, { type: 'position' }>,
  plan: VehiclePlan | undefined,
  shift: DriverShift,
  shiftBookings: Booking[],
  at: Date,
): DriverEventEffect {
  const stops = plan?.stops ?? [];
  const committed = plan?.committedStops ?? 0;
  switch (event.type) {
    case 'arrived':
    case 'departed': {
      const known = new Set([shift.shift.startDepotStopId, shift.shift.endDepotStopId, ...stops.map((s) => s.stopId), ...shiftBookings.flatMap((b) => [b.pickupStopId, b.dropoffStopId])]);
      if (!known.has(event.stopId)) throw notOnPlan('stopId', 'This stop is neither on your plan nor a depot of your shift.');
      if (event.type === 'arrived') return { atStopId: event.stopId, remaining: stops };
      // The bus now heads for the first remaining stop: the planner must leave it first.
      return { plan: { committedStops: stops.length > 0 ? 1 : 0, lastStopId: event.stopId, lastDepartedAt: at }, atStopId: event.stopId, remaining: stops };
    }
    case 'picked_up': {
      const booking = bookingOnPlan(stops, shiftBookings, event.bookingId, 'pickup', 'is not waiting to be picked up on your plan');
      const next = withoutEntries(stops, committed, isEntry(booking.id, 'pickup'));
      return {
        plan: { ...next, ...standingAt(booking.pickupStopId) },
        booking: { id: booking.id, from: NOT_BOARDED, patch: { status: 'on_board', pickedUpAt: at }, kind: 'booking.picked_up' },
        atStopId: booking.pickupStopId,
        remaining: next.stops,
      };
    }
    case 'dropped_off': {
      const booking = bookingOnPlan(stops, shiftBookings, event.bookingId, 'dropoff', 'is not to be dropped off on your plan');
      if (booking.status !== 'on_board') throw notOnPlan('bookingId', `This rider is not on board (the booking is ${booking.status}); report the pickup first.`);
      const next = withoutEntries(stops, committed, isEntry(booking.id, 'dropoff'));
      return {
        plan: { ...next, ...standingAt(booking.dropoffStopId) },
        booking: { id: booking.id, from: ['on_board'], patch: { status: 'completed', droppedOffAt: at }, kind: 'booking.dropped_off' },
        atStopId: booking.dropoffStopId,
        remaining: next.stops,
      };
    }
    case 'no_show': {
      const booking = bookingOnPlan(stops, shiftBookings, event.bookingId, 'pickup', 'is not waiting to be picked up on your plan');
      const next = withoutEntries(stops, committed, isEntry(booking.id));
      return {
        plan: { ...next, ...standingAt(booking.pickupStopId) },
        booking: { id: booking.id, from: NOT_BOARDED, patch: { status: 'no_show' }, kind: 'booking.no_show' },
        atStopId: booking.pickupStopId,
        remaining: next.stops,
      };
    }
  }
}

/**
 * A bus that serves a stop stands there until it reports leaving: planning starts from that stop, now.
 * Left at the stop it departed before, a bus whose served stops have left the plan would be planned
 * from there instead (minutes away), and its plan read as late, re-timed and its riders told so.
 */
const standingAt = (stopId: string) => ({ lastStopId: stopId, lastDepartedAt: null });

function bookingOnPlan(stops: PlanStop[], shiftBookings: Booking[], bookingId: string, kind: PlanStop['kind'], what: string): Booking {
  const booking = shiftBookings.find((b) => b.id === bookingId);
  if (!booking || !stops.some(isEntry(bookingId, kind))) throw notOnPlan('bookingId', `Booking ${bookingId} ${what}.`);
  return booking;
}
