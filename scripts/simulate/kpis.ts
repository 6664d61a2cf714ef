import type { Leg } from './drivers';
import type { DayResult } from './run-day';

export interface Distribution {
  count: number;
  p50: number | null;
  p90: number | null;
  max: number | null;
  /** Counts per bin: [from, to) with the last bin open. */
  bins: Array<{ from: number; to: number | null; count: number }>;
}

export interface BusKpis {
  label: string;
  vehicleKm: number;
  emptyKm: number;
  passengerKm: number;
  vehicleHours: number;
  occupancyWhileMoving: number;
  ridesServed: number;
}

export interface DayKpis {
  requests: number;
  withdrawn: number;
  accepted: number;
  acceptance: number;
  rejectedByReason: Record<string, number>;
  cancelled: number;
  noShows: number;
  ridesServed: number;
  ridersServed: number;
  vehicleKm: number;
  emptyKm: number;
  passengerKm: number;
  vehicleHours: number;
  /** People on board, averaged over the time the buses moved. */
  occupancyWhileMoving: number;
  /** Served rides that shared the bus with another ride for part of the way. */
  pooledShare: number;
  /** Ride time ÷ direct time of the served rides. */
  detourFactor: Distribution;
  pickup: { onTime: number; early: number; late: number; minutesLate: Distribution };
  lateArrivals: number;
  kmPerServedRider: number;
  reoptimisations: number;
  perBus: BusKpis[];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function distribution(values: number[], edges: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]) : null);
  return {
    count: sorted.length, p50: at(0.5), p90: at(0.9), max: sorted.length ? round(sorted[sorted.length - 1]) : null,
    bins: edges.map((from, i) => ({ from, to: edges[i + 1] ?? null, count: sorted.filter((v) => v >= from && (i + 1 >= edges.length || v < edges[i + 1])).length })),
  };
}

/** Kilometres, people-kilometres and hours of a set of legs. */
export function legFigures(legs: Leg[]) {
  const km = legs.reduce((sum, l) => sum + l.distanceM, 0) / 1000;
  const movingS = legs.reduce((sum, l) => sum + (l.arriveMs - l.departMs) / 1000, 0);
  const peopleS = legs.reduce((sum, l) => sum + l.onBoard * ((l.arriveMs - l.departMs) / 1000), 0);
  const first = Math.min(...legs.map((l) => l.departMs));
  const last = Math.max(...legs.map((l) => l.arriveMs));
  return {
    vehicleKm: round(km, 1),
    emptyKm: round(legs.filter((l) => l.onBoard === 0).reduce((sum, l) => sum + l.distanceM, 0) / 1000, 1),
    passengerKm: round(legs.reduce((sum, l) => sum + l.onBoard * l.distanceM, 0) / 1000, 1),
    // From leaving the depot to the last arrival: the hours the bus and its driver were out.
    vehicleHours: legs.length ? round((last - first) / 3_600_000, 2) : 0,
    occupancyWhileMoving: movingS > 0 ? round(peopleS / movingS) : 0,
  };
}

/** Rides (booking id → on board from–to) that overlapped another ride on the same bus. */
export function pooledRides(rides: Array<{ id: string; vehicleId: string; fromMs: number; toMs: number }>): Set<string> {
  const pooled = new Set<string>();
  for (const a of rides) {
    for (const b of rides) {
      if (a.id !== b.id && a.vehicleId === b.vehicleId && a.fromMs < b.toMs && b.fromMs < a.toMs) pooled.add(a.id);
    }
  }
  return pooled;
}

/** The day's figures from what the drivers drove and the bookings as the database holds them. */
export function dayKpis(result: DayResult): DayKpis {
  const { outcomes, bookings, legs } = result;
  const asked = outcomes.filter((o) => o.decision !== 'withdrawn');
  const rejectedByReason: Record<string, number> = {};
  for (const o of asked.filter((x) => x.decision === 'rejected' || x.decision === 'refused' || x.decision === 'undecided')) {
    const key = o.decision === 'undecided' ? 'undecided' : o.reason ?? 'unknown';
    rejectedByReason[key] = (rejectedByReason[key] ?? 0) + 1;
  }
  const accepted = asked.filter((o) => o.decision === 'offered').length;
  const served = bookings.filter((b) => b.status === 'completed' && b.pickedUpAt && b.droppedOffAt);
  const detours = served.filter((b) => b.directDurationS).map((b) => (b.droppedOffAt!.getTime() - b.pickedUpAt!.getTime()) / 1000 / b.directDurationS!);
  const withWindow = served.filter((b) => b.promisedPickupFrom && b.promisedPickupTo);
  const lateMin = withWindow.map((b) => (b.pickedUpAt!.getTime() - b.promisedPickupTo!.getTime()) / 60_000).filter((m) => m > 0);
  const pooled = pooledRides(served.map((b) => ({ id: b.id, vehicleId: b.vehicleId!, fromMs: b.pickedUpAt!.getTime(), toMs: b.droppedOffAt!.getTime() })));
  const ridersServed = served.reduce((sum, b) => sum + b.seats, 0);
  const perBus = result.vehicles.map((v) => ({ label: v.label, ...legFigures(legs.filter((l) => l.vehicleId === v.id)), ridesServed: served.filter((b) => b.vehicleId === v.id).length }));
  // The fleet's hours are each bus's hours out, added up (not the span of the day).
  const figures = { ...legFigures(legs), vehicleHours: round(perBus.reduce((sum, b) => sum + b.vehicleHours, 0)) };
  return {
    requests: asked.length,
    withdrawn: outcomes.length - asked.length,
    accepted,
    acceptance: asked.length ? round(accepted / asked.length, 3) : 0,
    rejectedByReason,
    cancelled: bookings.filter((b) => b.status === 'cancelled').length,
    noShows: bookings.filter((b) => b.status === 'no_show').length,
    ridesServed: served.length,
    ridersServed,
    ...figures,
    pooledShare: served.length ? round(pooled.size / served.length, 3) : 0,
    detourFactor: distribution(detours, [1, 1.1, 1.25, 1.5, 2]),
    pickup: {
      onTime: withWindow.filter((b) => b.pickedUpAt! >= b.promisedPickupFrom! && b.pickedUpAt! <= b.promisedPickupTo!).length,
      early: withWindow.filter((b) => b.pickedUpAt! < b.promisedPickupFrom!).length,
      late: lateMin.length,
      minutesLate: distribution(lateMin, [0, 5, 10, 20]),
    },
    lateArrivals: served.filter((b) => b.promisedLatestArrival && b.droppedOffAt! > b.promisedLatestArrival).length,
    kmPerServedRider: ridersServed ? round(figures.vehicleKm / ridersServed, 1) : 0,
    reoptimisations: result.reoptimisations,
    perBus,
  };
}

/** The figures as lines for the terminal. */
export function kpiLines(k: DayKpis): string[] {
  const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
  const reasons = Object.entries(k.rejectedByReason).map(([r, n]) => `${r} ${n}`).join(', ') || 'none';
  return [
    `requests ${k.requests} (+${k.withdrawn} returns not asked for), accepted ${k.accepted} (${pct(k.acceptance)}), rejected: ${reasons}`,
    `cancelled ${k.cancelled}, no-shows ${k.noShows}, rides served ${k.ridesServed} (${k.ridersServed} riders)`,
    `vehicle-km ${k.vehicleKm} (empty ${k.emptyKm}), passenger-km ${k.passengerKm}, vehicle hours ${k.vehicleHours}, km per served rider ${k.kmPerServedRider}`,
    `occupancy while moving ${k.occupancyWhileMoving}, pooled ${pct(k.pooledShare)}, detour factor p50 ${k.detourFactor.p50} p90 ${k.detourFactor.p90} max ${k.detourFactor.max}`,
    `pickups on time ${k.pickup.onTime}, early ${k.pickup.early}, late ${k.pickup.late} (p90 ${k.pickup.minutesLate.p90 ?? 0} min late), late arrivals ${k.lateArrivals}, re-optimisations ${k.reoptimisations}`,
    ...k.perBus.map((b) => `  ${b.label}: ${b.vehicleKm} km (empty ${b.emptyKm}), ${b.passengerKm} pkm, ${b.vehicleHours} h, occupancy ${b.occupancyWhileMoving}, ${b.ridesServed} rides`),
  ];
}
