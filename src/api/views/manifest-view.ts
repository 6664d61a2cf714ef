import type { Stop } from '../../data-access/areas-repository';
import { etagOf, type Manifest } from '../../domain/driver/manifest';

/** Drivers see first names only: enough to greet someone at the stop, no more. */
export const firstName = (name: string | undefined) => (name ?? '').trim().split(/\s+/)[0] ?? '';

const place = (stop: Stop | undefined, id: string) => (stop ? { stopId: stop.id, code: stop.code, name: stop.name, village: stop.village, lat: stop.lat, lon: stop.lon } : { stopId: id });

/**
 * The run sheet: the remaining plan stops in order, consecutive entries at one stop merged into one
 * call with who boards and who leaves there. The call's `plannedAt` is its first entry's; each rider
 * keeps their own (a drop-off at 11:06 and a boarding planned for 11:09 at one stop are one call).
 */
export function manifestView(m: Manifest) {
  const calls: Array<ReturnType<typeof place> & { plannedAt: string; boarding: Rider[]; alighting: Rider[] }> = [];
  for (const entry of m.stops) {
    const booking = m.bookingsById.get(entry.bookingId);
    const rider: Rider = {
      bookingId: entry.bookingId,
      firstName: firstName(booking ? m.riderNames.get(booking.riderId) : undefined),
      seats: booking?.seats ?? 0,
      wheelchairs: booking?.wheelchairs ?? 0,
      note: booking?.note ?? null,
      plannedAt: entry.plannedAt,
    };
    const last = calls.at(-1);
    const call = last && last.stopId === entry.stopId ? last : { ...place(m.stopsById.get(entry.stopId), entry.stopId), plannedAt: entry.plannedAt, boarding: [], alighting: [] };
    if (call !== last) calls.push(call);
    (entry.kind === 'pickup' ? call.boarding : call.alighting).push(rider);
  }
  const { shift, vehicle } = m.shift;
  return {
    shiftId: shift.id,
    version: m.version,
    etag: etagOf(shift.id, m.version),
    vehicle: { id: vehicle.id, label: vehicle.label, seats: vehicle.seats, wheelchairPlaces: vehicle.wheelchairPlaces },
    shift: { startAt: shift.startAt.toISOString(), endAt: shift.endAt.toISOString() },
    startDepot: place(m.stopsById.get(shift.startDepotStopId), shift.startDepotStopId),
    endDepot: place(m.stopsById.get(shift.endDepotStopId), shift.endDepotStopId),
    lastStopId: m.plan?.lastStopId ?? null,
    committedStops: m.plan?.committedStops ?? 0,
    stops: calls,
  };
}

interface Rider {
  bookingId: string;
  firstName: string;
  seats: number;
  wheelchairs: number;
  note: string | null;
  /** When the plan has this rider board or leave the bus. */
  plannedAt: string;
}
