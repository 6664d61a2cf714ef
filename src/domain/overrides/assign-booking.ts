import { checkRoute, insertRequest, type Violation } from '../../../routing/solver';
import type { Booking } from '../../data-access/bookings-repository';
import { DomainError, domainErrors } from '../domain-error';
import type { DomainContext } from '../context';
import { toPlanStops, type PlanningSnapshot } from '../dispatch/planning-snapshot';
import { areaOf, bookingChanged, requireReasonWhenForced, snapshotAround, SPAN_MARGIN_MS, writePlans, type Override, type OverrideDeps, type PlanWrite } from './override-deps';
import { cheapestPlacement, forcedPlanStops, toRefs } from './plan-geometry';

const ASSIGNABLE: Booking['status'][] = ['offered', 'confirmed', 'assigned'];

export async function findBooking(ctx: DomainContext, id: string): Promise<Booking> {
  const booking = await ctx.repos.bookings.findById(id);
  if (!booking) throw domainErrors.notFound('Booking');
  return booking;
}

/** The solver's violations as an `unprocessable` error that lists each one as a field error. */
export function infeasible(code: 'assignment-infeasible' | 'sequence-infeasible', detail: string, field: string, violations: Violation[]): DomainError {
  const errors = violations.map((v) => ({ field, message: `${v.rule}${v.requestId ? ` (booking ${v.requestId})` : ''}: ${v.detail}` }));
  return domainErrors.unprocessable(code, detail, errors, { violations, hint: 'send force: true with a reason to apply it anyway' });
}

/**
 * Puts a booking on a chosen bus at the cheapest feasible position of that bus's shift at the
 * booking's time, checked by checkRoute; `force` applies the cheapest position even when it breaks
 * constraints, and the log keeps the violations and the reason.
 */
export async function assignBooking(ctx: DomainContext, deps: OverrideDeps, override: Override, bookingId: string, vehicleId: string, lock: boolean | undefined): Promise<Booking> {
  requireReasonWhenForced(override);
  const booking = await findBooking(ctx, bookingId);
  if (!ASSIGNABLE.includes(booking.status)) throw domainErrors.conflict('booking-not-assignable', `A booking that is ${booking.status} cannot be assigned.`, { currentStatus: booking.status });
  const vehicle = await ctx.repos.fleet.findVehicle(vehicleId);
  const fieldError = (message: string) => domainErrors.unprocessable('vehicle-not-usable', message, [{ field: 'vehicleId', message }]);
  if (!vehicle || vehicle.areaId !== booking.areaId) throw fieldError('no bus of this booking\u2019s service area has this id');
  if (!vehicle.inService) throw fieldError('this bus is out of service');
  // Locked without a bus is a ride the dispatcher holds (unassignBooking): theirs to assign.
  if (booking.locked && booking.shiftId && booking.vehicleId !== vehicleId && !override.force) {
    throw domainErrors.conflict('booking-locked', 'The booking is locked to its bus; unlock it first or send force: true with a reason.');
  }
  const atMs = (booking.promisedPickupFrom ?? booking.requestedTime).getTime();
  const [shift] = await ctx.repos.fleet.shiftsOfVehicle(vehicle.id, new Date(atMs), new Date(atMs + 1));
  if (!shift) throw fieldError('this bus has no shift at the booking\u2019s time');

  const snapshot = await snapshotAround(ctx, deps, await areaOf(ctx, booking.areaId), { fromMs: atMs - SPAN_MARGIN_MS, toMs: atMs + SPAN_MARGIN_MS }, [booking]);
  // A bus already on its way to this pickup (its driver reported leaving for it) keeps the ride.
  const onItsWay = snapshot.instance.vehicles.find((v) => v.id === booking.shiftId)?.committed.some((c) => c.requestId === booking.id);
  if (onItsWay && booking.shiftId !== shift.id) {
    throw domainErrors.conflict('booking-committed', 'Its bus is already on its way to this pickup; the ride cannot move to another bus now.');
  }
  const instance = { ...snapshot.instance, requests: snapshot.instance.requests.map((r) => (r.id === booking.id ? { ...r, pinnedVehicleId: shift.id } : r)) };
  const plans = snapshot.plans.map((p) => ({ ...p, stops: p.stops.filter((s) => s.requestId !== booking.id) }));
  const current = plans.find((p) => p.vehicleId === shift.id)?.stops ?? [];
  const inserted = insertRequest(instance, plans, booking.id);
  const sequence = inserted.feasible ? inserted.route.stops.map(({ requestId, kind }) => ({ requestId, kind })) : cheapestPlacement(instance, shift.id, current, booking.id);
  const checked = checkRoute(instance, shift.id, sequence);
  if (!checked.feasible && !override.force) throw infeasible('assignment-infeasible', `Booking ${booking.id} does not fit ${vehicle.label}'s plan.`, 'vehicleId', checked.violations);

  // The old plan gives the ride up before the new one takes it (writePlans).
  const writes: PlanWrite[] = booking.shiftId && booking.shiftId !== shift.id ? [await planWithout(ctx, snapshot, booking)] : [];
  writes.push({
    shiftId: shift.id,
    vehicleId: vehicle.id,
    stops: checked.feasible ? toPlanStops(snapshot, checked.route.stops) : forcedPlanStops({ ...snapshot, instance }, shift.id, sequence),
    expectedVersion: snapshot.versions.get(shift.id) ?? 0,
  });
  const locked = lock ?? (booking.shiftId ? booking.locked : false);
  return writePlans(ctx, deps, writes, async (tx, repos) => {
    // Only from the shift it was read on: a racing assignment that moved it first wins.
    const assigned = await repos.bookings.transition(booking.id, ASSIGNABLE, { vehicleId: vehicle.id, shiftId: shift.id, locked }, {
      kind: 'dispatch.assigned',
      actorId: override.actor.id,
      reason: override.reason ?? null,
      data: { fromShiftId: booking.shiftId, toShiftId: shift.id, forced: !checked.feasible, violations: checked.feasible ? [] : checked.violations, locked },
    }, tx, booking.shiftId);
    return assigned ?? bookingChanged();
  });
}

/** The booking's old plan without it, re-timed when the rest still checks out. */
async function planWithout(ctx: DomainContext, snapshot: PlanningSnapshot, booking: Booking): Promise<PlanWrite> {
  const [plan] = await ctx.repos.fleet.plansForShifts([booking.shiftId!]);
  const known = snapshot.shifts.has(booking.shiftId!);
  // The snapshot holds every ride the plan carries: a stop of any other is left over and goes too.
  const remaining = (plan?.stops ?? []).filter((s) => s.bookingId !== booking.id && (!known || snapshot.bookings.has(s.bookingId)));
  const checked = known ? checkRoute(snapshot.instance, booking.shiftId!, toRefs(remaining)) : undefined;
  return {
    shiftId: booking.shiftId!,
    vehicleId: plan?.vehicleId ?? booking.vehicleId!,
    stops: checked?.feasible ? toPlanStops(snapshot, checked.route.stops) : remaining,
    expectedVersion: plan?.version ?? 0,
  };
}

/** Takes a booking off its bus: it stays promised and needs a dispatcher's attention. */
export async function unassignBooking(ctx: DomainContext, deps: OverrideDeps, override: Override, bookingId: string): Promise<Booking> {
  const booking = await findBooking(ctx, bookingId);
  if (!ASSIGNABLE.includes(booking.status) || !booking.shiftId) throw domainErrors.conflict('booking-not-assigned', `This booking (${booking.status}) is not assigned to a bus that has not picked it up.`);
  const atMs = (booking.promisedPickupFrom ?? booking.requestedTime).getTime();
  const snapshot = await snapshotAround(ctx, deps, await areaOf(ctx, booking.areaId), { fromMs: atMs - SPAN_MARGIN_MS, toMs: atMs + SPAN_MARGIN_MS });
  return writePlans(ctx, deps, [await planWithout(ctx, snapshot, booking)], async (tx, repos) => {
    // Locked with no bus: the dispatcher holds it, and re-optimisation does not carry it again
    // (it does carry rides stranded by a breakdown); assigning or unlocking it lets go.
    const changed = await repos.bookings.transition(booking.id, ASSIGNABLE, { vehicleId: null, shiftId: null, locked: true }, {
      kind: 'dispatch.unassigned', actorId: override.actor.id, reason: override.reason ?? null, data: { fromShiftId: booking.shiftId },
    }, tx, booking.shiftId);
    return changed ?? bookingChanged();
  });
}

/** A locked booking stays on its bus: the planner pins it there (planning snapshot) and assignment elsewhere needs force. */
export async function setBookingLock(ctx: DomainContext, override: Override, bookingId: string, locked: boolean): Promise<Booking> {
  const booking = await findBooking(ctx, bookingId);
  if (locked && (!booking.shiftId || !ASSIGNABLE.includes(booking.status))) throw domainErrors.conflict('booking-not-assigned', 'Only a booking assigned to a bus can be locked to it.');
  const changed = await ctx.repos.bookings.transition(booking.id, [booking.status], { locked }, {
    kind: locked ? 'dispatch.locked' : 'dispatch.unlocked', actorId: override.actor.id, reason: override.reason ?? null, data: { shiftId: booking.shiftId },
  });
  return changed ?? bookingChanged();
}
