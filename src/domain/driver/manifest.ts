import type { PlanStop } from '../../../db/schema';
import type { Stop } from '../../data-access/areas-repository';
import { CARRIED_STATUSES, type Booking } from '../../data-access/bookings-repository';
import type { VehiclePlan } from '../../data-access/fleet-repository';
import { areaReadsOf, type DomainContext } from '../context';
import type { DriverShift } from './driver-shift';

/** Everything a driver's run sheet shows, read in one go. */
export interface Manifest {
  shift: DriverShift;
  version: number;
  plan: VehiclePlan | undefined;
  stops: PlanStop[];
  stopsById: Map<string, Stop>;
  bookingsById: Map<string, Booking>;
  riderNames: Map<string, string>;
}

export const etagOf = (shiftId: string, version: number) => `"${shiftId}:${version}"`;

export async function loadManifest(ctx: Pick<DomainContext, 'areaCache' | 'repos'>, shift: DriverShift): Promise<Manifest> {
  const { repos } = ctx;
  const [plan] = await repos.fleet.plansForShifts([shift.shift.id]);
  const stops = plan?.stops ?? [];
  const [stopRows, bookings] = await Promise.all([
    areaReadsOf(ctx).stopsByIds([...stops.map((s) => s.stopId), shift.shift.startDepotStopId, shift.shift.endDepotStopId]),
    repos.bookings.findByIds([...new Set(stops.map((s) => s.bookingId))]),
  ]);
  const riders = await repos.users.findByIds(bookings.map((b) => b.riderId));
  // A stop of a booking no bus carries any more (cancelled while its plan edit failed) is not shown;
  // the next re-optimisation takes it off the plan.
  const carried = new Set(bookings.filter((b) => CARRIED_STATUSES.has(b.status)).map((b) => b.id));
  return {
    shift,
    version: plan?.version ?? 0,
    plan,
    stops: stops.filter((stop) => carried.has(stop.bookingId)),
    stopsById: new Map(stopRows.map((s) => [s.id, s])),
    bookingsById: new Map(bookings.map((b) => [b.id, b])),
    riderNames: new Map(riders.map((r) => [r.id, r.name])),
  };
}
