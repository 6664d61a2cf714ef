import type { LocalEvent } from './event-store';
import type { Manifest, ManifestCall, ManifestRider, Place } from './manifest';

/** One rider at the current stop and what the driver can report of them. */
export interface RiderAction {
  rider: ManifestRider;
  boards: boolean;
}

export interface TabletState {
  /** at: the bus stands at `place` (riders to serve, then leave); driving: on the way to `place`. */
  phase: 'at' | 'driving' | 'done';
  place?: Place;
  /** The call at `place` with the riders still to serve there (undefined when none are left). */
  call?: ManifestCall;
  /** The stops after the current one. */
  rest: ManifestCall[];
}

const isOpen = (e: LocalEvent) => e.state !== 'dropped';

/**
 * What the screen shows: the manifest with the tablet's own events applied — those not yet sent
 * (held or queued in a dead zone) and those sent whose plan change the manifest does not show yet.
 */
export function tabletState(manifest: Manifest, events: readonly LocalEvent[]): TabletState {
  const mine = events.filter((e) => e.shiftId === manifest.shiftId && isOpen(e));
  const boarded = new Set(mine.filter((e) => e.type === 'picked_up' || e.type === 'no_show').map((e) => e.bookingId));
  const left = new Set(mine.filter((e) => e.type === 'dropped_off' || e.type === 'no_show').map((e) => e.bookingId));
  const calls = manifest.stops
    .map((call) => ({ ...call, boarding: call.boarding.filter((r) => !boarded.has(r.bookingId)), alighting: call.alighting.filter((r) => !left.has(r.bookingId)) }))
    .filter((call) => call.boarding.length + call.alighting.length > 0);
  const lastStop = mine.filter((e) => e.type === 'arrived' || e.type === 'departed').at(-1);
  if (lastStop?.type === 'arrived') {
    // The riders to serve here: the first visit of this stop on the plan (usually the first of all,
    // but a plan changed meanwhile may have put another stop before it).
    const here = calls.find((call) => call.stopId === lastStop.stopId);
    const place = here ?? { stopId: lastStop.stopId!, name: lastStop.stopName };
    return { phase: 'at', place, call: here, rest: calls.filter((call) => call !== here) };
  }
  if (calls.length === 0) return { phase: 'done', rest: [] };
  return { phase: 'driving', place: calls[0], call: calls[0], rest: calls.slice(1) };
}

/** The riders of a call in the order of their times (drop-offs first at equal times: seats free up). */
export function ridersInOrder(call: ManifestCall): RiderAction[] {
  return [...call.alighting.map((rider) => ({ rider, boards: false })), ...call.boarding.map((rider) => ({ rider, boards: true }))]
    .sort((a, b) => Date.parse(a.rider.plannedAt) - Date.parse(b.rider.plannedAt));
}
