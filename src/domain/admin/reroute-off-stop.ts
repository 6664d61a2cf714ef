import { checkRoute, createPlanState, type Route } from '../../../routing/solver';
import type { DbOrTx } from '../../../db/client';
import type { Stop } from '../../data-access/areas-repository';
import type { Booking } from '../../data-access/bookings-repository';
import { domainErrors } from '../domain-error';
import type { DomainContext, Repositories } from '../context';
import { snapToStop } from '../bookings/snap-to-stop';
import { toPlanStops, withCandidates } from '../dispatch/planning-snapshot';
import { placeEach, type OutOfServiceReport } from '../overrides/out-of-service';
import { areaOf, snapshotAround, SPAN_MARGIN_MS, writePlans, type OverrideDeps, type PlanWrite } from '../overrides/override-deps';
import type { AdminChange } from './admin-change';

export interface StopClosureReport {
  /** Rides moved to the nearest open stop within walking distance (`walkM` from the closed one). */
  moved: Array<{ bookingId: string; toStopId: string; walkM: number }>;
  /** Of the moved rides, those placed on a bus within their promised windows. */
  reassigned: OutOfServiceReport['reassigned'];
  /** Of the moved rides, those no bus can take there: vehicle cleared, event `booking.unplaceable`. */
  unplaceable: OutOfServiceReport['unplaceable'];
  /** Rides with no open stop within walking distance (or whose two ends would meet): cancelled, the reason in the booking's history. */
  cancelled: Array<{ bookingId: string; detail: string }>;
  /** Riders on board whose drop-off is the stop: the bus already carries them, they are set down there still. */
  onBoard: string[];
}

type BookingPatch = Parameters<Repositories['bookings']['transition']>[2];

interface Move { was: Booking; now: Booking; toStopId: string; walkM: number }

/** Where each ride at the closing stop goes: the nearest open stop (accessible for wheelchair riders), or nowhere. */
function movesOffStop(stop: Stop, riders: Booking[], open: Stop[], polygon: Parameters<typeof snapToStop>[1], maxWalkM: number) {
  const moves: Move[] = [];
  const cancelled: StopClosureReport['cancelled'] = [];
  for (const was of riders) {
    const snap = snapToStop(stop, polygon, open, { maxWalkM, needsAccessible: was.wheelchairs > 0 });
    if (!snap.ok) {
      cancelled.push({ bookingId: was.id, detail: `The stop was closed. ${snap.detail}` });
      continue;
    }
    const now = { ...was, pickupStopId: was.pickupStopId === stop.id ? snap.stop.id : was.pickupStopId, dropoffStopId: was.dropoffStopId === stop.id ? snap.stop.id : was.dropoffStopId };
    if (now.pickupStopId === now.dropoffStopId) cancelled.push({ bookingId: was.id, detail: 'The stop was closed; the nearest open stop is the other end of the ride.' });
    else moves.push({ was, now, toStopId: snap.stop.id, walkM: snap.walkM });
  }
  return { moves, cancelled };
}

/**
 * Closes a stop that booked rides still use: each ride that has not begun there moves to the nearest
 * open stop within the walking distance bookings snap by, and is placed again by cheapest feasible
 * insertion within its promised windows (on its bus or another; listed as unplaceable when none can);
 * a ride with no open stop near is cancelled with the reason in its history. Plans, bookings, their
 * events and `finish` (the stop's deactivation) are written in one transaction.
 */
export async function rerouteOffStop(
  ctx: DomainContext, deps: OverrideDeps, change: AdminChange, stop: Stop, riders: Booking[],
  finish: (tx: DbOrTx, repos: Repositories, report: StopClosureReport) => Promise<void>,
): Promise<StopClosureReport> {
  const area = await areaOf(ctx, stop.areaId);
  const now = ctx.now();
  const onBoard = riders.filter((b) => b.status === 'on_board');
  const open = (await ctx.repos.areas.activeStops(area.id)).filter((s) => s.id !== stop.id);
  const { moves, cancelled } = movesOffStop(stop, riders.filter((b) => b.status !== 'on_board'), open, area.polygon, ctx.settings.snapMaxWalkM);
  const leaving = new Set([...moves.map((m) => m.was.id), ...cancelled.map((c) => c.bookingId)]);
  const latestMs = Math.max(now.getTime(), ...riders.map((b) => (b.promisedLatestArrival ?? b.requestedTime).getTime()));
  const read = await snapshotAround(ctx, deps, area, { fromMs: now.getTime(), toMs: latestMs + SPAN_MARGIN_MS });
  const snapshot = withCandidates({ ...read, instance: { ...read.instance, requests: read.instance.requests.filter((r) => !leaving.has(r.id)) } }, moves.map((m) => m.now));
  const plans = read.plans.map((p) => ({ ...p, stops: p.stops.filter((s) => !leaving.has(s.requestId)) }));
  const given = read.plans.filter((p) => p.stops.some((s) => leaving.has(s.requestId))).map((p) => p.vehicleId);

  // The plans that give up rides, re-timed without them; each is written first, then again if it takes one.
  const routes = new Map<string, Route>();
  for (const shiftId of given) {
    const verdict = checkRoute(snapshot.instance, shiftId, plans.find((p) => p.vehicleId === shiftId)!.stops);
    if (verdict.feasible) routes.set(shiftId, verdict.route);
  }
  const state = createPlanState(snapshot.instance, plans);
  const report: StopClosureReport = { moved: moves.map((m) => ({ bookingId: m.was.id, toStopId: m.toStopId, walkM: m.walkM })), reassigned: [], unplaceable: [], cancelled, onBoard: onBoard.map((b) => b.id) };
  placeEach(state, snapshot, moves.map((m) => m.was.id), routes, report);

  const stored = new Map((await ctx.repos.fleet.plansForShifts(given)).map((p) => [p.shiftId, p]));
  const versionOf = (shiftId: string) => snapshot.versions.get(shiftId) ?? 0;
  const writes: PlanWrite[] = [
    ...given.map((shiftId) => ({ shiftId, vehicleId: stored.get(shiftId)!.vehicleId, stops: stored.get(shiftId)!.stops.filter((s) => !leaving.has(s.bookingId)), expectedVersion: versionOf(shiftId) })),
    ...[...routes].map(([shiftId, route]) => ({
      shiftId, vehicleId: snapshot.shifts.get(shiftId)!.vehicle.id, stops: toPlanStops(snapshot, route.stops), expectedVersion: versionOf(shiftId) + (given.includes(shiftId) ? 1 : 0),
    })),
  ];
  await writePlans(ctx, deps, writes, async (tx, repos) => {
    const log = { actorId: change.actor.id, reason: change.reason ?? null };
    const transition = async (was: Booking, onShift: string | null, patch: BookingPatch, kind: string, data: Record<string, unknown>) => {
      if (!(await repos.bookings.transition(was.id, [was.status], patch, { ...log, kind, data }, tx, onShift))) throw domainErrors.bookingChanged({ bookingId: was.id });
    };
    for (const { was, now: moved, toStopId, walkM } of moves) {
      const placed = report.reassigned.find((r) => r.bookingId === was.id);
      await transition(was, was.shiftId, { pickupStopId: moved.pickupStopId, dropoffStopId: moved.dropoffStopId, vehicleId: placed?.vehicleId ?? null, shiftId: placed?.shiftId ?? null, locked: false },
        'booking.stop_moved', { closedStopId: stop.id, toStopId, walkM, plannedPickupAt: placed?.plannedPickupAt ?? null });
    }
    for (const lost of report.unplaceable) {
      await transition(riders.find((b) => b.id === lost.bookingId)!, null, {}, 'booking.unplaceable', { solverReason: lost.reason, detail: lost.detail, closedStopId: stop.id });
    }
    for (const gone of cancelled) {
      const was = riders.find((b) => b.id === gone.bookingId)!;
      await transition(was, was.shiftId, { status: 'cancelled' }, 'booking.cancelled', { closedStopId: stop.id, detail: gone.detail });
    }
    await finish(tx, repos, report);
  });
  ctx.areaCache?.invalidate(area.id);
  return report;
}
