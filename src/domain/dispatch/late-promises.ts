import type { Booking } from '../../data-access/bookings-repository';

export interface LatePromise {
  booking: Booking;
  kind: 'pickup' | 'dropoff';
  plannedAt: Date;
  /** The end of the promised pickup window, or the promised latest arrival. */
  promisedBy: Date;
}

/** Every planned stop later than its booking's promise, earliest first. */
export function latePromises(plans: Array<{ stops: Array<{ bookingId: string; kind: 'pickup' | 'dropoff'; plannedAt: string }> }>, bookings: Booking[]): LatePromise[] {
  const byId = new Map(bookings.map((b) => [b.id, b]));
  const late: LatePromise[] = [];
  for (const plan of plans) {
    for (const stop of plan.stops) {
      const booking = byId.get(stop.bookingId);
      const promisedBy = stop.kind === 'pickup' ? booking?.promisedPickupTo : booking?.promisedLatestArrival;
      const plannedAt = new Date(stop.plannedAt);
      if (booking && promisedBy && plannedAt > promisedBy) late.push({ booking, kind: stop.kind, plannedAt, promisedBy });
    }
  }
  return late.sort((a, b) => a.plannedAt.getTime() - b.plannedAt.getTime());
}
