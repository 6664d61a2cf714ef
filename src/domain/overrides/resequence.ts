import { checkRoute } from '../../../routing/solver';
import { domainErrors } from '../domain-error';
import type { DomainContext } from '../context';
import { toPlanStops } from '../dispatch/planning-snapshot';
import { infeasible } from './assign-booking';
import { areaOf, requireReasonWhenForced, snapshotAround, writePlans, type Override, type OverrideDeps } from './override-deps';
import { forcedPlanStops, toRefs } from './plan-geometry';

const key = (s: { bookingId: string; kind: string }) => `${s.bookingId}:${s.kind}`;

/** The bus's shift running now, else its next one; or the one named, if it has not ended yet. */
export async function currentShiftOf(ctx: DomainContext, vehicleId: string, shiftId?: string) {
  const now = ctx.now();
  if (shiftId) return (await ctx.repos.fleet.shiftsOfVehicle(vehicleId, now, new Date(now.getTime() + SHIFT_LOOKAHEAD_MS))).find((s) => s.id === shiftId);
  const [shift] = await ctx.repos.fleet.shiftsOfVehicle(vehicleId, now, new Date(now.getTime() + 24 * 3600_000));
  return shift;
}

/** How far ahead a named shift may lie (beyond any booking horizon). */
const SHIFT_LOOKAHEAD_MS = 400 * 24 * 3600_000;

/**
 * A dispatcher's new order for the remaining stops of a bus's current shift (or of the not yet
 * ended shift `shiftId`): the same stops, checked with checkRoute like any plan; `force` applies a
 * failing order and logs the violations.
 */
export async function resequenceVehicle(ctx: DomainContext, deps: OverrideDeps, override: Override, vehicleId: string, stops: Array<{ bookingId: string; kind: 'pickup' | 'dropoff' }>, shiftId?: string) {
  requireReasonWhenForced(override);
  const vehicle = await ctx.repos.fleet.findVehicle(vehicleId);
  if (!vehicle) throw domainErrors.notFound('Vehicle');
  if (!vehicle.inService) throw domainErrors.conflict('vehicle-out-of-service', 'This bus is out of service.');
  const shift = await currentShiftOf(ctx, vehicle.id, shiftId);
  if (!shift) throw shiftId ? domainErrors.invalid([{ field: 'shiftId', message: 'not a shift of this bus that has not ended' }]) : domainErrors.notFound('A current shift of this bus');
  const [plan] = await ctx.repos.fleet.plansForShifts([shift.id]);
  const snapshot = await snapshotAround(ctx, deps, await areaOf(ctx, vehicle.areaId), { fromMs: shift.startAt.getTime(), toMs: shift.endAt.getTime() });
  // The remaining stops as the dispatch desk shows them: without those of rides no bus carries any more.
  const have = (plan?.stops ?? []).filter((s) => snapshot.bookings.has(s.bookingId)).map(key).sort();
  const want = stops.map(key).sort();
  if (have.join() !== want.join()) {
    const missing = have.filter((k) => !want.includes(k));
    const extra = want.filter((k) => !have.includes(k));
    throw domainErrors.unprocessable('sequence-mismatch', 'The stops must be exactly the remaining stops of the plan, each once.', [
      { field: 'stops', message: `missing: ${missing.join(', ') || 'none'}; not on the plan or repeated: ${extra.join(', ') || 'none'}` },
    ], { planVersion: plan?.version ?? 0 });
  }
  const refs = toRefs(stops);
  const checked = checkRoute(snapshot.instance, shift.id, refs);
  // A drop-off before its pickup or a moved committed stop is not a matter of judgement: never forced.
  const unforceable = !checked.feasible && checked.violations.some((v) => v.rule === 'structure' || v.rule === 'committed_prefix');
  if (!checked.feasible && (!override.force || unforceable)) throw infeasible('sequence-infeasible', `This order breaks constraints of ${vehicle.label}'s plan.`, 'stops', checked.violations);
  const newStops = checked.feasible ? toPlanStops(snapshot, checked.route.stops) : forcedPlanStops(snapshot, shift.id, refs);
  const expectedVersion = plan?.version ?? 0;
  await writePlans(ctx, deps, [{ shiftId: shift.id, vehicleId: vehicle.id, stops: newStops, expectedVersion }], (tx, repos) =>
    repos.events.record({
      kind: 'dispatch.resequenced',
      actorId: override.actor.id,
      vehicleId: vehicle.id,
      reason: override.reason ?? null,
      at: ctx.now(),
      data: { shiftId: shift.id, fromVersion: expectedVersion, stops, forced: !checked.feasible, violations: checked.feasible ? [] : checked.violations },
    }, tx));
  const [saved] = await ctx.repos.fleet.plansForShifts([shift.id]);
  return { shiftId: shift.id, vehicleId: vehicle.id, version: saved.version, forced: !checked.feasible, violations: checked.feasible ? [] : checked.violations, stops: saved.stops };
}
