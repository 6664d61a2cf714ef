import type { Translate } from '../i18n';
import type { DeskBooking, Overview } from './overview-live';

/** Every booking of the overview by id (a booking may be in more than one list). */
export function bookingsById(o: Overview): Map<string, DeskBooking> {
  const all = new Map<string, DeskBooking>();
  for (const list of Object.values(o.bookings)) for (const b of list) all.set(b.id, b);
  return all;
}

export const riderName = (o: Overview, riderId: string) => o.riders.find((r) => r.id === riderId)?.name ?? null;

/** "Gertrud Schmitz, Irrel Kirche → Bitburg Krankenhaus" — how a ride is named on the desk. */
export function bookingLabel(o: Overview, bookingId: string, t: Translate): string {
  const b = bookingsById(o).get(bookingId);
  if (!b) return t('desk.unknownBooking');
  return t('desk.bookingLabel', { rider: riderName(o, b.riderId) ?? t('desk.unknownRider'), from: b.pickup.name ?? '', to: b.dropoff.name ?? '' });
}

export const busLabel = (o: Overview, vehicleId: string) => o.buses.find((b) => b.id === vehicleId)?.label ?? vehicleId;
