import type { Booking } from '../../data-access/bookings-repository';
import type { User } from '../../data-access/users-repository';
import { domainErrors } from '../domain-error';
import type { DomainContext } from '../context';
import { areaScopeOf } from '../desk/area-scope';

const STAFF = new Set(['dispatcher', 'admin']);

/**
 * A booking the actor may see; riders only their own, dispatchers scoped to areas only those areas',
 * and the others look exactly like missing ones.
 */
export async function findVisibleBooking(ctx: DomainContext, actor: User, id: string): Promise<Booking> {
  const booking = await ctx.repos.bookings.findById(id);
  if (!booking || (!STAFF.has(actor.role) && booking.riderId !== actor.id)) throw domainErrors.notFound('Booking');
  const scope = await areaScopeOf(ctx.repos, actor);
  if (scope && !scope.includes(booking.areaId)) throw domainErrors.notFound('Booking');
  return booking;
}

export function cancellationCutoff(booking: Booking, cutoffMin: number): Date {
  const pickupFrom = booking.promisedPickupFrom ?? booking.requestedTime;
  return new Date(pickupFrom.getTime() - cutoffMin * 60_000);
}

/** The rider may cancel until the cutoff; a dispatcher any time, giving a reason after the cutoff. */
export async function cancelBooking(ctx: DomainContext, actor: User, id: string, reason?: string): Promise<Booking> {
  const booking = await findVisibleBooking(ctx, actor, id);
  const cancellable: Booking['status'][] = ['pending', 'offered', 'confirmed', 'assigned'];
  if (!cancellable.includes(booking.status)) {
    throw domainErrors.conflict('booking-not-cancellable', `A booking that is ${booking.status} can no longer be cancelled.`, { currentStatus: booking.status });
  }
  const area = (await ctx.repos.areas.findById(booking.areaId))!;
  const cutoff = cancellationCutoff(booking, area.rules.cancellationCutoffMin);
  const afterCutoff = ctx.now() > cutoff;
  if (afterCutoff && !STAFF.has(actor.role)) {
    throw domainErrors.conflict('cancellation-cutoff-passed', `Cancellation closed at ${cutoff.toISOString()}; please call the dispatch office.`, {
      cutoffAt: cutoff.toISOString(),
    });
  }
  if (afterCutoff && !reason) {
    throw domainErrors.invalid([{ field: 'reason', message: 'a reason is required to cancel after the cutoff' }]);
  }
  const cancelled = await ctx.repos.bookings.transition(id, cancellable, { status: 'cancelled' }, {
    kind: 'booking.cancelled',
    actorId: actor.id,
    reason: reason ?? null,
    data: { afterCutoff },
  });
  if (!cancelled) throw domainErrors.bookingChanged();
  if (booking.shiftId) await ctx.decider.release(id);
  return cancelled;
}

/** The rider (or the dispatcher on the phone) accepts the offer; the promise becomes binding. */
export async function confirmBooking(ctx: DomainContext, actor: User, id: string): Promise<Booking> {
  const booking = await findVisibleBooking(ctx, actor, id);
  if (booking.status === 'confirmed') return booking;
  if (booking.status !== 'offered') {
    throw domainErrors.conflict('booking-not-offered', `Only an offered booking can be confirmed; this one is ${booking.status}.`, {
      currentStatus: booking.status,
    });
  }
  const confirmed = await ctx.repos.bookings.transition(id, ['offered'], { status: 'confirmed' }, { kind: 'booking.confirmed', actorId: actor.id });
  if (!confirmed) throw domainErrors.bookingChanged();
  return confirmed;
}
