import type { Booking } from '../../data-access/bookings-repository';
import type { DomainContext } from '../context';
import { findBooking } from './assign-booking';
import type { Override } from './override-deps';

/**
 * A booking whose decision is overdue (a worker crashed, a queue lost its job): the dispatcher asks
 * the worker pool to decide it again, and waits for the answer as a booking request would. A booking
 * decided meanwhile is answered as it stands, so the action is safe to repeat.
 */
export async function decideAgain(ctx: DomainContext, override: Override, bookingId: string): Promise<Booking> {
  const booking = await findBooking(ctx, bookingId);
  if (booking.status !== 'pending') return booking;
  await ctx.repos.events.record({ kind: 'dispatch.decision_requested', actorId: override.actor.id, bookingId, reason: override.reason ?? null, at: ctx.now() });
  const decided = await Promise.race([
    ctx.decider.decide(booking),
    new Promise<undefined>((resolve) => setTimeout(resolve, ctx.settings.decisionWaitMs, undefined).unref()),
  ]);
  return decided ?? (await findBooking(ctx, bookingId));
}
