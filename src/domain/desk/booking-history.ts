import type { EventRow } from '../../data-access/events-repository';
import type { User } from '../../data-access/users-repository';
import { areaReadsOf, type DomainContext } from '../context';
import { domainErrors } from '../domain-error';

export interface HistoryEntry {
  event: EventRow;
  /** Who did it; undefined for the service itself (its decisions and re-plans carry no actor). */
  actor?: User;
  /** The bus the event names, by its label. */
  vehicleLabel?: string;
}

/** Everything that happened to a booking, oldest first, from the event log, with who did each thing. */
export async function bookingHistory(ctx: DomainContext, bookingId: string): Promise<HistoryEntry[]> {
  const booking = await ctx.repos.bookings.findById(bookingId);
  if (!booking) throw domainErrors.notFound('Booking');
  const events = await ctx.repos.events.forBooking(bookingId);
  const actors = await ctx.repos.users.findByIds(events.flatMap((e) => (e.actorId ? [e.actorId] : [])));
  const byId = new Map(actors.map((a) => [a.id, a]));
  const labels = new Map((await areaReadsOf(ctx).vehicles(booking.areaId)).map((v) => [v.id, v.label]));
  return events.map((event) => ({
    event,
    actor: event.actorId ? byId.get(event.actorId) : undefined,
    vehicleLabel: event.vehicleId ? labels.get(event.vehicleId) : undefined,
  }));
}
