import { loadsAlong } from './map-facts';
import type { DeskBooking, Overview, PlanStop } from './overview-types';

/** One stop of a bus's day: consecutive plan stops at the same place, with who boards and who alights. */
export interface Visit {
  key: string;
  stopId: string;
  stopName: string;
  plannedAt: string;
  boarding: DeskBooking[];
  alighting: DeskBooking[];
  /** Seats and wheelchair places taken when the bus leaves. */
  load: { seats: number; wheelchairs: number };
  /** Riders picked up or dropped off here later than promised. */
  late: DeskBooking[];
  /** The bus is already on its way here or past it (not movable). */
  committed: boolean;
}

export function visitsOf(o: Overview, stops: PlanStop[], committedStops: number): Visit[] {
  const byId = new Map(o.bookings.carried.map((b) => [b.id, b]));
  const lateKeys = new Set(o.bookings.late.map((b) => `${b.id}:${b.late.stop}`));
  const loads = loadsAlong(o, stops);
  const visits: Visit[] = [];
  stops.forEach((s, index) => {
    const booking = byId.get(s.bookingId);
    let visit = visits.at(-1);
    if (!visit || visit.stopId !== s.stopId) {
      visit = { key: `${index}-${s.stopId}`, stopId: s.stopId, stopName: s.stopName ?? '', plannedAt: s.plannedAt, boarding: [], alighting: [], load: loads[index], late: [], committed: index < committedStops };
      visits.push(visit);
    }
    visit.load = loads[index];
    if (booking) {
      (s.kind === 'pickup' ? visit.boarding : visit.alighting).push(booking);
      if (lateKeys.has(`${s.bookingId}:${s.kind}`)) visit.late.push(booking);
    }
  });
  return visits;
}
