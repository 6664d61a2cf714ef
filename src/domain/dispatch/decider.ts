/**
 * The seam between booking and dispatching. The booking service hands a pending booking over and
 * waits for the outcome; the implementation behind it (in-process insertion now, the worker pool
 * later) writes the decision — offer or rejection — to the database itself.
 */
export interface BookingDecider {
  /** Resolves when the decision for this booking is written. */
  decide(bookingId: string): Promise<void>;
  /** Takes a cancelled or unassigned booking out of its plan. */
  release(bookingId: string): Promise<void>;
}
