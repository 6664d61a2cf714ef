import type { DeskBus, DeskShift, Overview, PlanStop } from './overview-types';

/** How far ahead the map draws each bus's planned route. */
export const ROUTE_AHEAD_MS = 3 * 3600_000;

/** Distinct colours with at least 3:1 against the map's plain background, one per bus in turn. */
export const BUS_COLOURS = ['#1d4ed8', '#b45309', '#047857', '#7e22ce', '#be123c', '#0e7490', '#4d7c0f', '#9d174d'];

/** The moment the desk looks from: now on today, the day's start on another day. */
export const lookFrom = (o: Overview) => Math.max(Date.parse(o.at), Date.parse(o.day.from));

/** The shift running at `at`, else the next one, else the last one of the day. */
export function currentShift(bus: DeskBus, at: number): DeskShift | undefined {
  return bus.shifts.find((s) => Date.parse(s.startAt) <= at && at < Date.parse(s.endAt))
    ?? bus.shifts.find((s) => Date.parse(s.startAt) > at)
    ?? bus.shifts.at(-1);
}

/** The stops a bus is planned to serve from `at` for the next hours. */
export function stopsAhead(bus: DeskBus, at: number): PlanStop[] {
  const ahead = bus.shifts.flatMap((s) => s.stops).filter((s) => Date.parse(s.plannedAt) >= at);
  if (ahead.length === 0) return [];
  const until = Date.parse(ahead[0].plannedAt) + ROUTE_AHEAD_MS;
  return ahead.filter((s) => Date.parse(s.plannedAt) <= until);
}

/** Seats taken on the bus now: riders picked up and not yet dropped off. */
export function loadNow(o: Overview, bus: DeskBus): number {
  return o.bookings.carried.filter((b) => b.status === 'on_board' && b.offer?.vehicleId === bus.id).reduce((sum, b) => sum + b.seats, 0);
}

/** Minutes the bus is planned to be later than promised at its worst stop (0: on time). */
export function lateMinutes(o: Overview, bus: DeskBus): number {
  const late = o.bookings.late.filter((b) => b.offer?.vehicleId === bus.id).map((b) => b.late.bySeconds);
  return late.length ? Math.ceil(Math.max(...late) / 60) : 0;
}

/** Seats and wheelchair places taken after each stop of a plan, starting from the riders on board when it starts. */
export function loadsAlong(o: Overview, stops: PlanStop[]): Array<{ seats: number; wheelchairs: number }> {
  const byId = new Map(o.bookings.carried.map((b) => [b.id, b]));
  const pickedInPlan = new Set(stops.filter((s) => s.kind === 'pickup').map((s) => s.bookingId));
  let seats = 0;
  let wheelchairs = 0;
  // A drop-off without its pickup in the plan: that rider is on board already.
  for (const s of stops) {
    if (s.kind === 'dropoff' && !pickedInPlan.has(s.bookingId)) {
      seats += byId.get(s.bookingId)?.seats ?? 0;
      wheelchairs += byId.get(s.bookingId)?.wheelchairs ?? 0;
    }
  }
  return stops.map((s) => {
    const b = byId.get(s.bookingId);
    const sign = s.kind === 'pickup' ? 1 : -1;
    seats += sign * (b?.seats ?? 0);
    wheelchairs += sign * (b?.wheelchairs ?? 0);
    return { seats, wheelchairs };
  });
}
