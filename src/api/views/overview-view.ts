import type { DayOverview } from '../../domain/overrides/day-overview';
import { bookingView } from './booking-view';

/** The dispatch desk's picture: every bus with its position and today's plans, bookings to look at, KPIs. */
export function overviewView(o: DayOverview) {
  const stopsById = new Map(o.stops.map((s) => [s.id, s]));
  const planByShift = new Map(o.plans.map((p) => [p.shiftId, p]));
  const bookings = (list: DayOverview['bookings']['pending']) => list.map((b) => bookingView(b, stopsById));
  return {
    areaId: o.area.id,
    area: { name: o.area.name, timeZone: o.area.timeZone, polygon: o.area.polygon },
    at: o.now.toISOString(),
    day: { from: o.day.start.toISOString(), to: o.day.end.toISOString() },
    buses: o.vehicles.map((v) => ({
      id: v.id,
      label: v.label,
      seats: v.seats,
      wheelchairPlaces: v.wheelchairPlaces,
      depotStopId: v.depotStopId,
      inService: v.inService,
      outOfServiceReason: v.outOfServiceReason,
      position: v.positionLat !== null && v.positionLon !== null ? { lat: v.positionLat, lon: v.positionLon, at: v.positionAt?.toISOString() ?? null } : null,
      shifts: o.shifts.filter((s) => s.vehicleId === v.id).map((s) => {
        const plan = planByShift.get(s.id);
        return {
          shiftId: s.id,
          startAt: s.startAt.toISOString(),
          endAt: s.endAt.toISOString(),
          planVersion: plan?.version ?? 0,
          committedStops: plan?.committedStops ?? 0,
          lastStopId: plan?.lastStopId ?? null,
          stops: (plan?.stops ?? []).map((stop) => ({ ...stop, stopName: stopsById.get(stop.stopId)?.name ?? null })),
        };
      }),
    })),
    riders: o.riders,
    bookings: {
      carried: bookings(o.bookings.carried),
      pending: bookings(o.bookings.pending),
      offered: bookings(o.bookings.offered),
      rejected: bookings(o.bookings.rejected),
      needingAttention: bookings(o.bookings.needingAttention),
      late: o.bookings.late.map((l) => ({
        ...bookingView(l.booking, stopsById),
        late: { stop: l.kind, plannedAt: l.plannedAt.toISOString(), promisedBy: l.promisedBy.toISOString(), bySeconds: Math.round((l.plannedAt.getTime() - l.promisedBy.getTime()) / 1000) },
      })),
    },
    kpis: o.kpis,
  };
}
