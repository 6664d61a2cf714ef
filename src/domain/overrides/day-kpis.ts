import type { Booking } from '../../data-access/bookings-repository';
import type { VehiclePlan } from '../../data-access/fleet-repository';
import type { StopMatrix } from '../dispatch/stop-matrix';

export interface DayKpis {
  served: number;
  rejected: number;
  /** Share of served rides that shared the bus with another rider at some point (0..1, null when none served). */
  pooledShare: number | null;
  /** Share of served rides picked up inside the promised window (0..1, null when none served). */
  punctuality: number | null;
  /** Kilometres between the stops the buses left so far today, by the stop matrix. */
  drivenKm: number;
  /** Kilometres of the remaining plan legs, from where each bus is to its end depot. */
  plannedKm: number;
}

const overlaps = (a: Booking, b: Booking) =>
  a.pickedUpAt! < (b.droppedOffAt ?? new Date(8.64e15)) && b.pickedUpAt! < (a.droppedOffAt ?? new Date(8.64e15));

/** Served = completed today; `bookings` are the day's bookings of the area. */
export function dayKpis(input: {
  bookings: Booking[];
  plans: Array<VehiclePlan & { startDepotStopId: string; endDepotStopId: string }>;
  /** Per shift, the stops the bus left today in order (from `driver.departed`). */
  departures: Map<string, string[]>;
  matrix: StopMatrix;
}): DayKpis {
  const served = input.bookings.filter((b) => b.status === 'completed' && b.pickedUpAt && b.droppedOffAt);
  const rode = input.bookings.filter((b) => b.pickedUpAt && b.shiftId);
  const pooled = served.filter((b) => rode.some((o) => o.id !== b.id && o.shiftId === b.shiftId && overlaps(b, o)));
  const punctual = served.filter((b) => b.promisedPickupFrom && b.promisedPickupTo && b.pickedUpAt! >= b.promisedPickupFrom && b.pickedUpAt! <= b.promisedPickupTo);
  const km = (stopIds: string[]) => legsM(input.matrix, stopIds) / 1000;
  return {
    served: served.length,
    rejected: input.bookings.filter((b) => b.status === 'rejected').length,
    pooledShare: served.length ? pooled.length / served.length : null,
    punctuality: served.length ? punctual.length / served.length : null,
    drivenKm: round1([...input.departures.values()].reduce((sum, stops) => sum + km(stops), 0)),
    plannedKm: round1(input.plans.reduce((sum, p) => sum + km([p.lastStopId ?? p.startDepotStopId, ...p.stops.map((s) => s.stopId), p.endDepotStopId]), 0)),
  };
}

function legsM(matrix: StopMatrix, stopIds: string[]): number {
  let total = 0;
  for (let k = 1; k < stopIds.length; k++) {
    const from = matrix.nodeOf.get(stopIds[k - 1]);
    const to = matrix.nodeOf.get(stopIds[k]);
    if (from !== undefined && to !== undefined) total += matrix.distanceM[from * matrix.stops.length + to];
  }
  return total;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
