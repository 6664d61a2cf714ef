import { checkRoute, createPlanState, type Instance, type PlanInput, type PlanState, type Route } from '../../../routing/solver';
import { CARRIED_STATUSES, type Booking } from '../../data-access/bookings-repository';
import { domainErrors } from '../domain-error';
import type { DbOrTx } from '../../../db/client';
import type { Shift, VehicleRow } from '../../data-access/fleet-repository';
import { createRepositories, type DomainContext, type Repositories } from '../context';
import { loadPlanningSnapshot, readAtOnce, toPlanStops, unstartedShiftVehicle, type PlanningSnapshot } from '../dispatch/planning-snapshot';
import { areaOf, matrixOf, prevailing, refusingStandInTimes, SPAN_MARGIN_MS, writePlans, type Override, type OverrideDeps, type PlanWrite } from './override-deps';

export interface OutOfServiceReport {
  vehicleId: string;
  /** Riders moved to other buses, with their new planned pickup (inside their promised window). */
  reassigned: Array<{ bookingId: string; vehicleId: string; shiftId: string; plannedPickupAt: string }>;
  /** Riders no other bus can take within their promise: vehicle cleared, event `booking.unplaceable`. */
  unplaceable: Array<{ bookingId: string; reason: string; detail: string }>;
  /** Riders on board stay; the broken bus's plan keeps only their drop-offs. */
  onBoard: string[];
}

/**
 * Takes a bus out of service until a dispatcher puts it back (putBackIntoService) and re-dispatches
 * the riders it has not picked up yet — on every shift it still has, today's and later days' — into
 * the other buses' plans by cheapest feasible insertion, keeping their promised windows (they are
 * constraints in the snapshot). Everything is written in one transaction.
 */
export async function takeOutOfService(ctx: DomainContext, deps: OverrideDeps, override: Override, vehicleId: string): Promise<OutOfServiceReport> {
  const found = await ctx.repos.fleet.findVehicle(vehicleId);
  if (!found) throw domainErrors.notFound('Vehicle');
  // A breakdown does not lose to the planner: batch decisions wait for it, and a ride or plan that a
  // driver, a rider or another dispatcher changed meanwhile makes it look again, not give up.
  return prevailing(deps, found.areaId, async () => {
    const vehicle = (await ctx.repos.fleet.findVehicle(vehicleId))!;
    if (!vehicle.inService) throw domainErrors.conflict('vehicle-out-of-service', 'This bus is already out of service.', { outOfServiceReason: vehicle.outOfServiceReason });
    const now = ctx.now();
    const lastEnd = await ctx.repos.fleet.latestShiftEnd(vehicle.id);
    const brokenShifts = lastEnd && lastEnd > now ? await ctx.repos.fleet.shiftsOfVehicle(vehicle.id, now, lastEnd) : [];
    return redispatchOffShifts(ctx, deps, override, vehicle, brokenShifts, async (tx, repos, report) => {
      await repos.fleet.updateVehicle(vehicle.id, { inService: false, outOfServiceReason: override.reason ?? null }, tx);
      await repos.events.record({ actorId: override.actor.id, reason: override.reason ?? null, kind: 'dispatch.out_of_service', vehicleId: vehicle.id, at: now, data: { ...report } }, tx);
    });
  });
}

/**
 * Moves the riders of a bus's `brokenShifts` it has not picked up yet to the other buses' plans
 * (cheapest feasible insertion within their promised windows); riders no bus can take are cleared
 * and listed; riders on board keep their drop-offs. `finish` writes the cause (bus out of service,
 * shift cancelled, template changed) in the same transaction. Shared by the desk's out-of-service and
 * the operator's shift cancellation and template change.
 *
 * `reshaped` are new shapes (hours, depots) of some broken shifts that have not started: they plan on
 * under them — a plan that still fits stays as it is (re-timed), else its riders are placed again
 * like the others, on any bus including this shift as it now is.
 */
export async function redispatchOffShifts(
  ctx: DomainContext, deps: OverrideDeps, override: Override, vehicle: VehicleRow, brokenShifts: Shift[],
  finish: (tx: DbOrTx, repos: Repositories, report: OutOfServiceReport) => Promise<void>,
  reshaped: Shift[] = [],
): Promise<OutOfServiceReport> {
  const area = await areaOf(ctx, vehicle.areaId);
  const now = ctx.now();
  const matrix = await matrixOf(ctx, deps, area);
  // The bus's plans, their riders and the area's plans as of one instant: read one after the other, a
  // rider who cancelled or boarded in between was moved as waiting but was no ride of the snapshot
  // any more, and the solver refused the placement (answered as 400 solver-input).
  const { shiftPlans, riders, snapshot } = await readAtOnce(ctx.db, async (repos) => {
    const plans = await repos.fleet.plansForShifts(brokenShifts.map((s) => s.id));
    // A ride the plan still names but no bus carries any more (cancelled) is left behind with the plan.
    const carried = (await repos.bookings.findByIds([...new Set(plans.flatMap((p) => p.stops.map((s) => s.bookingId)))]))
      .filter((b) => CARRIED_STATUSES.has(b.status));
    const latestMs = Math.max(now.getTime(), ...carried.map((b) => (b.promisedLatestArrival ?? b.requestedTime).getTime()));
    const read = await loadPlanningSnapshot(repos, area, matrix, { fromMs: now.getTime(), toMs: latestMs + SPAN_MARGIN_MS }, [], now.getTime());
    return { shiftPlans: plans, riders: carried, snapshot: refusingStandInTimes(read) };
  });
  // A bus taken out of service meanwhile by someone else has no shifts among the area's in-service ones.
  if (riders.some((b) => !snapshot.bookings.has(b.id))) throw domainErrors.bookingChanged();

  const brokenIds = new Set(brokenShifts.map((s) => s.id));
  const reshapedVehicles = reshaped.filter((s) => snapshot.shifts.has(s.id)).map((s) => unstartedShiftVehicle(snapshot, s, vehicle));
  const reshapedInstance = { ...snapshot.instance, vehicles: [...snapshot.instance.vehicles.filter((v) => !brokenIds.has(v.id)), ...reshapedVehicles] };
  const kept = plansThatStillFit(reshapedInstance, snapshot.plans, reshapedVehicles.map((v) => v.id));
  const lostIds = new Set([...brokenIds].filter((id) => !kept.has(id)));
  const brokenPlans = shiftPlans.filter((p) => lostIds.has(p.shiftId));
  const lostRiders = new Set(brokenPlans.flatMap((p) => p.stops.map((s) => s.bookingId)));
  const onBoard = riders.filter((b) => b.status === 'on_board' && lostRiders.has(b.id));
  const displaced = riders.filter((b) => b.status !== 'on_board' && lostRiders.has(b.id)).sort((a, b) => pickupFrom(a) - pickupFrom(b));

  const instance = {
    ...reshapedInstance,
    // A lock to a broken shift cannot hold any more.
    requests: reshapedInstance.requests.map((r) => (r.pinnedVehicleId && lostIds.has(r.pinnedVehicleId) ? { ...r, pinnedVehicleId: undefined } : r)),
  };
  const state = createPlanState(instance, snapshot.plans.filter((p) => !lostIds.has(p.vehicleId)));
  const routes = new Map<string, Route>(kept);
  const report: OutOfServiceReport = { vehicleId: vehicle.id, reassigned: [], unplaceable: [], onBoard: onBoard.map((b) => b.id) };
  placeEach(state, snapshot, displaced.map((b) => b.id), routes, report);

  // A broken plan is emptied first (giving up its rides), then written again if it takes rides under its new shape.
  const emptied = new Map(brokenPlans.map((p) => [p.shiftId, p.version + 1]));
  const writes: PlanWrite[] = [
    ...brokenPlans.map((p) => ({ shiftId: p.shiftId, vehicleId: p.vehicleId, stops: p.stops.filter((s) => onBoard.some((b) => b.id === s.bookingId)), expectedVersion: p.version })),
    ...[...routes].map(([shiftId, route]) => ({
      shiftId, vehicleId: snapshot.shifts.get(shiftId)!.vehicle.id, stops: toPlanStops(snapshot, route.stops), expectedVersion: emptied.get(shiftId) ?? snapshot.versions.get(shiftId) ?? 0,
    })),
  ];
  await writePlans(ctx, deps, writes, async (tx, repos) => {
    const log = { actorId: override.actor.id, reason: override.reason ?? null };
    for (const moved of report.reassigned) {
      const was = displacedOf(displaced, moved.bookingId);
      const changed = await repos.bookings.transition(moved.bookingId, [was.status], { vehicleId: moved.vehicleId, shiftId: moved.shiftId, locked: false }, {
        ...log, kind: 'dispatch.reassigned', data: { fromVehicleId: vehicle.id, plannedPickupAt: moved.plannedPickupAt },
      }, tx, was.shiftId);
      if (!changed) throw domainErrors.bookingChanged({ bookingId: moved.bookingId });
    }
    for (const lost of report.unplaceable) {
      const was = displacedOf(displaced, lost.bookingId);
      const changed = await repos.bookings.transition(lost.bookingId, [was.status], { vehicleId: null, shiftId: null, locked: false }, {
        ...log, kind: 'booking.unplaceable', data: { fromVehicleId: vehicle.id, solverReason: lost.reason, detail: lost.detail },
      }, tx, was.shiftId);
      if (!changed) throw domainErrors.bookingChanged({ bookingId: lost.bookingId });
    }
    await finish(tx, repos, report);
  });
  ctx.areaCache?.invalidate(vehicle.areaId);
  return report;
}

/**
 * Places each booking by cheapest feasible insertion into `state`, in the order given: the routes it
 * changes go to `routes`, each booking to `report.reassigned` or, when no bus can take it, `report.unplaceable`.
 */
export function placeEach(state: PlanState, snapshot: PlanningSnapshot, bookingIds: string[], routes: Map<string, Route>, report: Pick<OutOfServiceReport, 'reassigned' | 'unplaceable'>): void {
  for (const bookingId of bookingIds) {
    const answer = state.apply(bookingId);
    if (!answer.feasible) {
      report.unplaceable.push({ bookingId, reason: answer.reason, detail: answer.detail });
      continue;
    }
    routes.set(answer.vehicleId, answer.route);
    const shift = snapshot.shifts.get(answer.vehicleId)!;
    report.reassigned.push({ bookingId, vehicleId: shift.vehicle.id, shiftId: shift.shift.id, plannedPickupAt: new Date(snapshot.originMs + answer.pickupStartS * 1000).toISOString() });
  }
}

/** The plans of `shiftIds` that still pass the independent check in `instance` (their shifts' new shape), with their new timing. */
function plansThatStillFit(instance: Instance, plans: PlanInput[], shiftIds: string[]): Map<string, Route> {
  const fitting = new Map<string, Route>();
  for (const plan of plans.filter((p) => shiftIds.includes(p.vehicleId) && p.stops.length > 0)) {
    const verdict = checkRoute(instance, plan.vehicleId, plan.stops);
    if (verdict.feasible) fitting.set(plan.vehicleId, verdict.route);
  }
  return fitting;
}

const pickupFrom = (b: Booking) => (b.promisedPickupFrom ?? b.requestedTime).getTime();
/** A displaced booking as read: it moves only if still in that status on that shift. */
const displacedOf = (bookings: Booking[], id: string) => bookings.find((b) => b.id === id)!;

/**
 * Puts a bus back on the road: its remaining shifts take riders again from the next decision on (the
 * riders moved off it stay where they are). Logged with actor and reason.
 */
export async function putBackIntoService(ctx: DomainContext, override: Override, vehicleId: string): Promise<{ vehicleId: string; inService: true }> {
  const vehicle = await ctx.repos.fleet.findVehicle(vehicleId);
  if (!vehicle) throw domainErrors.notFound('Vehicle');
  if (vehicle.inService) throw domainErrors.conflict('vehicle-in-service', 'This bus is in service already.');
  await ctx.db.transaction(async (tx) => {
    const repos = createRepositories(tx);
    await repos.fleet.updateVehicle(vehicle.id, { inService: true, outOfServiceReason: null }, tx);
    await repos.events.record({
      actorId: override.actor.id, reason: override.reason ?? null, kind: 'dispatch.in_service', vehicleId: vehicle.id, at: ctx.now(),
      data: { outOfServiceReason: vehicle.outOfServiceReason },
    }, tx);
  });
  ctx.areaCache?.invalidate(vehicle.areaId);
  return { vehicleId: vehicle.id, inService: true };
}
