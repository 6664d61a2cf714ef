import type { Booking, BookingStatus } from '../types';
import { updateDraft, emptyDraft } from './booking-draft';
import { loadStops } from './catalogue';
import { navigate } from '../router';

/** Statuses of a ride still ahead; the others are over (done, refused, cancelled, missed). */
export const ACTIVE: ReadonlySet<BookingStatus> = new Set(['pending', 'offered', 'confirmed', 'assigned', 'on_board']);

/** When the ride happens: the promised pickup, else the time asked for. */
export function rideTime(booking: Booking): string {
  return booking.offer?.pickupWindow.from ?? booking.departAfter ?? booking.arriveBy ?? '';
}

export function splitRides(rides: Booking[]): { upcoming: Booking[]; past: Booking[] } {
  const upcoming = rides.filter((r) => ACTIVE.has(r.status)).sort((a, b) => rideTime(a).localeCompare(rideTime(b)));
  const past = rides.filter((r) => !ACTIVE.has(r.status)).sort((a, b) => rideTime(b).localeCompare(rideTime(a)));
  return { upcoming, past };
}

/** The same ride again: stops, people, wheelchair and note filled in; only the time is asked. */
export async function rebook(booking: Booking): Promise<void> {
  const stops = await loadStops();
  const from = stops.find((s) => s.id === booking.pickup.stopId);
  const to = stops.find((s) => s.id === booking.dropoff.stopId);
  if (!from || !to) return navigate('/buchen');
  updateDraft({ ...emptyDraft(), from: { stop: from }, to: { stop: to }, seats: String(booking.seats), wheelchair: booking.wheelchairs > 0, note: booking.note ?? '' });
  navigate('/buchen/zeit');
}
