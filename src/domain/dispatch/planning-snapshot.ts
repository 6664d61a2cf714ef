import type { Instance, PlanInput, SolverRequest, SolverVehicle } from '../../../routing/solver';
import type { PlanStop } from '../../../db/schema';
import type { ServiceArea } from '../../data-access/areas-repository';
import type { Booking } from '../../data-access/bookings-repository';
import type { ShiftWithVehicle } from '../../data-access/fleet-repository';
import type { Repositories } from '../context';
import { rideWindows, serviceTimes } from './ride-constraints';
import type { StopMatrix } from './stop-matrix';

/** Everything one planning decision reads, turned into the solver's model. */
export interface PlanningSnapshot {
  area: ServiceArea;
  instance: Instance;
  /** Current plans; solver vehicle ids are shift ids. */
  plans: PlanInput[];
  versions: Map<string, number>;
  shifts: Map<string, ShiftWithVehicle>;
  bookings: Map<string, Booking>;
  matrix: StopMatrix;
  /** Solver seconds are counted from this instant. */
  originMs: number;
}

export const toSolverS = (snapshot: Pick<PlanningSnapshot, 'originMs'>, ms: number) => Math.round((ms - snapshot.originMs) / 1000);
export const fromSolverS = (snapshot: Pick<PlanningSnapshot, 'originMs'>, s: number) => new Date(snapshot.originMs + Math.round(s) * 1000);

export function directDurationS(matrix: StopMatrix, booking: Pick<Booking, 'pickupStopId' | 'dropoffStopId'>): number {
  const from = matrix.nodeOf.get(booking.pickupStopId)!;
  const to = matrix.nodeOf.get(booking.dropoffStopId)!;
  return matrix.durationS[from * matrix.stops.length + to];
}

/**
 * Loads the shifts of an area overlapping [fromMs, toMs), their plans and the bookings on them, plus
 * `candidates` (bookings to be placed), as one solver instance.
 */
export async function loadPlanningSnapshot(
  repos: Repositories,
  area: ServiceArea,
  matrix: StopMatrix,
  span: { fromMs: number; toMs: number },
  candidates: Booking[],
): Promise<PlanningSnapshot> {
  const shifts = await repos.fleet.shiftsOverlapping(area.id, new Date(span.fromMs), new Date(span.toMs));
  const planRows = await repos.fleet.plansForShifts(shifts.map((s) => s.shift.id));
  const plannedIds = [...new Set(planRows.flatMap((p) => p.stops.map((s) => s.bookingId)))];
  const onPlans = await repos.bookings.findByIds(plannedIds);
  const bookings = new Map([...onPlans, ...candidates].map((b) => [b.id, b]));
  const originMs = Math.min(span.fromMs, ...shifts.map((s) => s.shift.startAt.getTime()));
  const snapshot = { originMs };

  const requests: SolverRequest[] = [...bookings.values()].map((booking) => {
    const direct = directDurationS(matrix, booking);
    const windows = rideWindows(booking, direct, area.rules);
    const service = serviceTimes(booking.wheelchairs);
    return {
      id: booking.id,
      pickup: { node: matrix.nodeOf.get(booking.pickupStopId)!, serviceS: service.pickupS, earliestS: toSolverS(snapshot, windows.pickup.earliestMs), latestS: toSolverS(snapshot, windows.pickup.latestMs) },
      dropoff: { node: matrix.nodeOf.get(booking.dropoffStopId)!, serviceS: service.dropoffS, earliestS: toSolverS(snapshot, windows.dropoff.earliestMs), latestS: toSolverS(snapshot, windows.dropoff.latestMs) },
      load: [booking.seats, booking.wheelchairs],
      maxRideS: windows.maxRideS,
      mandatory: booking.status !== 'pending',
      pinnedVehicleId: booking.locked && booking.shiftId ? booking.shiftId : undefined,
    };
  });

  const vehicles: SolverVehicle[] = shifts.map(({ shift, vehicle }) => ({
    id: shift.id,
    capacity: [vehicle.seats, vehicle.wheelchairPlaces],
    start: { node: matrix.nodeOf.get(shift.startDepotStopId)!, earliestS: toSolverS(snapshot, shift.startAt.getTime()) },
    end: { node: matrix.nodeOf.get(shift.endDepotStopId)!, latestS: toSolverS(snapshot, shift.endAt.getTime()) },
    maxDurationS: Math.round((shift.endAt.getTime() - shift.startAt.getTime()) / 1000),
    onboard: [],
    committed: [],
  }));

  return {
    area,
    instance: { nodeCount: matrix.stops.length, durationS: matrix.durationS, distanceM: matrix.distanceM, requests, vehicles, objective: { minimise: 'duration', rideTimeWeight: 0.1 } },
    plans: planRows.map((p) => ({ vehicleId: p.shiftId, stops: p.stops.map(({ bookingId, kind }) => ({ requestId: bookingId, kind })) })),
    versions: new Map(planRows.map((p) => [p.shiftId, p.version])),
    shifts: new Map(shifts.map((s) => [s.shift.id, s])),
    bookings,
    matrix,
    originMs,
  };
}

/** The solver's schedule of one vehicle as stored plan stops. */
export function toPlanStops(snapshot: PlanningSnapshot, stops: Array<{ requestId: string; kind: 'pickup' | 'dropoff'; startS: number }>): PlanStop[] {
  return stops.map((stop) => {
    const booking = snapshot.bookings.get(stop.requestId)!;
    return {
      bookingId: stop.requestId,
      kind: stop.kind,
      stopId: stop.kind === 'pickup' ? booking.pickupStopId : booking.dropoffStopId,
      plannedAt: fromSolverS(snapshot, stop.startS).toISOString(),
    };
  });
}
