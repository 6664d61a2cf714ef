import type { Booking } from '../../data-access/bookings-repository';

/**
 * The seam between booking and dispatching. The booking service hands a pending booking over and
 * waits for the outcome; the worker pool behind it (the queue decider) writes the decision — offer
 * or rejection — to the database itself.
 */
export interface BookingDecider {
  /**
   * Resolves when the decision for this new (pending) booking is written, with the booking as it then
   * stands; undefined when the decider stopped waiting first (the booking may still be pending).
   */
  decide(booking: Pick<Booking, 'id' | 'areaId'>): Promise<Booking | undefined>;
  /** Takes a cancelled or unassigned booking out of its plan. */
  release(bookingId: string): Promise<void>;
}
