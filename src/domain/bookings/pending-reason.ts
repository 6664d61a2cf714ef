import type { DomainContext } from '../context';
import { ROAD_DATA_REASON, WAITING_EVENT } from '../dispatch/road-data-wait';

export interface PendingReason {
  reason: 'deciding' | typeof ROAD_DATA_REASON;
  detail: string;
  /** When a booking waiting for road data is rejected if they have not come back by then. */
  decideBy?: string;
}

/** Why a booking is still pending, for the 202 answer: waiting for road data, or simply not decided yet. */
export async function whyPending(ctx: DomainContext, bookingId: string): Promise<PendingReason> {
  const events = await ctx.repos.events.forBooking(bookingId);
  const waiting = [...events].reverse().find((e) => e.kind === WAITING_EVENT);
  if (!waiting) return { reason: 'deciding', detail: 'The booking has not been decided yet; ask its statusUrl again.' };
  const until = (waiting.data as { until?: string } | null)?.until;
  return {
    reason: ROAD_DATA_REASON,
    detail: 'Road travel times for its stops are unavailable right now; it is decided as soon as they are back'
      + (until ? `, or rejected if they are not back by ${until}.` : '.'),
    ...(until ? { decideBy: until } : {}),
  };
}
