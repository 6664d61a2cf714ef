import type { Stop } from '../../data-access/areas-repository';
import { CARRIED_STATUSES, type Booking } from '../../data-access/bookings-repository';
import type { VehiclePlan } from '../../data-access/fleet-repository';

function stopView(stop: Stop | undefined, id: string) {
  if (!stop) return { stopId: id };
  return { stopId: stop.id, code: stop.code, name: stop.name, village: stop.village, lat: stop.lat, lon: stop.lon };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The booking as the API shows it, with the dispatch decision spelled out. */
export function bookingView(booking: Booking, stopsById: Map<string, Stop>) {
  return {
    id: booking.id,
    status: booking.status,
    riderId: booking.riderId,
    bookedById: booking.bookedById,
    pickup: stopView(stopsById.get(booking.pickupStopId), booking.pickupStopId),
    dropoff: stopView(stopsById.get(booking.dropoffStopId), booking.dropoffStopId),
    ...(booking.timeMode === 'depart_after' ? { departAfter: iso(booking.requestedTime) } : { arriveBy: iso(booking.requestedTime) }),
    seats: booking.seats,
    wheelchairs: booking.wheelchairs,
    note: booking.note,
    offer: booking.promisedPickupFrom
      ? {
          pickupWindow: { from: iso(booking.promisedPickupFrom), to: iso(booking.promisedPickupTo) },
          latestArrival: iso(booking.promisedLatestArrival),
          maxRideMinutes: booking.maxRideS ? Math.round(booking.maxRideS / 60) : null,
          vehicleId: booking.vehicleId,
          /** True when the times rest on straight-line estimates rather than road data. */
          estimated: booking.estimated,
        }
      : null,
    rejection:
      booking.status === 'rejected'
        ? { reason: booking.rejectionReason, alternatives: booking.alternatives ?? [] }
        : null,
    locked: booking.locked,
    createdAt: iso(booking.createdAt),
    updatedAt: iso(booking.updatedAt),
  };
}

export async function bookingViews(bookings: Booking[], loadStops: (ids: string[]) => Promise<Stop[]>) {
  const stops = await loadStops(bookings.flatMap((b) => [b.pickupStopId, b.dropoffStopId]));
  const byId = new Map(stops.map((s) => [s.id, s]));
  return bookings.map((b) => bookingView(b, byId));
}

/**
 * When the bus is planned to be at the rider's stops, from its current plan (re-timed when the bus
 * runs late), and whether that breaks the promise; null when no bus carries the booking (only
 * bookings in CARRIED_STATUSES are on a plan).
 */
export function etaView(booking: Booking, plan: VehiclePlan | undefined) {
  if (!CARRIED_STATUSES.has(booking.status) || !plan || plan.shiftId !== booking.shiftId) return null;
  const at = (kind: 'pickup' | 'dropoff') => plan.stops.find((s) => s.bookingId === booking.id && s.kind === kind)?.plannedAt ?? null;
  const pickupAt = booking.status === 'on_board' ? null : at('pickup');
  const dropoffAt = at('dropoff');
  if (dropoffAt === null) return null;
  const later = (planned: string | null, promised: Date | null) => planned !== null && promised !== null && Date.parse(planned) > promised.getTime();
  return {
    pickupAt,
    dropoffAt,
    /** The bus is planned later than the promised pickup window or latest arrival. */
    late: later(pickupAt, booking.promisedPickupTo) || later(dropoffAt, booking.promisedLatestArrival),
    estimated: booking.estimated,
    planVersion: plan.version,
  };
}

/** The bus is shown to the rider from this long before the planned pickup. */
export const BUS_SHOWN_BEFORE_PICKUP_MS = 30 * 60_000;

/**
 * Where the rider's bus last reported itself, only while it is on its way to them: the ride is
 * assigned and its pickup (as planned now, else as promised) is at most 30 minutes away. Null
 * otherwise, or when the bus has not reported a position.
 */
export function busPositionView(
  booking: Booking,
  pickupAt: string | null | undefined,
  now: Date,
  vehicle: { positionLat: number | null; positionLon: number | null; positionAt: Date | null } | undefined,
) {
  if (booking.status !== 'assigned' || !vehicle || vehicle.positionLat === null || vehicle.positionLon === null || !vehicle.positionAt) return null;
  const pickupMs = pickupAt ? Date.parse(pickupAt) : booking.promisedPickupFrom?.getTime();
  if (pickupMs === undefined || pickupMs - now.getTime() > BUS_SHOWN_BEFORE_PICKUP_MS) return null;
  return { lat: vehicle.positionLat, lon: vehicle.positionLon, reportedAt: vehicle.positionAt.toISOString() };
}
