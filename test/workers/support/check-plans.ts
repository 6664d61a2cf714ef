import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { events } from '../../../db/schema';
import { StraightLineEstimate } from '../../../routing/travel-times';
import type { Booking } from '../../../src/data-access/bookings-repository';
import { createRepositories } from '../../../src/domain/context';
import { buildStopMatrix } from '../../../src/domain/dispatch/stop-matrix';

const TOLERANCE_MS = 1000;

/**
 * Re-checks every stored plan of an area from scratch, without the solver: each booking on exactly one
 * bus (the one its row names, shift and bus) with pickup before drop-off (a rider on board: drop-off only), seats and wheelchair places never over the
 * vehicle's, travel times between consecutive planned stops, the promised pickup window, the promised
 * latest arrival, and the ride time. Returns a list of problems (empty = all plans hold).
 */
export async function checkAllPlans(db: Db, areaId: string): Promise<string[]> {
  const repos = createRepositories(db);
  const problems: string[] = [];
  const matrix = await buildStopMatrix(new StraightLineEstimate(), await repos.areas.allStops(areaId));
  const travelMs = (from: string, to: string) => matrix.durationS[matrix.nodeOf.get(from)! * matrix.stops.length + matrix.nodeOf.get(to)!] * 1000;
  const shifts = await repos.fleet.shiftsOverlapping(areaId, new Date('2000-01-01'), new Date('2100-01-01'));
  const plans = await repos.fleet.plansForShifts(shifts.map((s) => s.shift.id));
  const shiftById = new Map(shifts.map((s) => [s.shift.id, s]));
  const bookings = new Map((await repos.bookings.findByIds(plans.flatMap((p) => p.stops.map((s) => s.bookingId)))).map((b) => [b.id, b]));
  const placed = new Map<string, string>();

  for (const plan of plans) {
    const { shift, vehicle } = shiftById.get(plan.shiftId)!;
    const pickedAt = new Map<string, number>();
    const load = { seats: 0, wheelchairs: 0 };
    const placeOnThisPlan = (booking: Booking, where: string) => {
      if (placed.has(booking.id)) problems.push(`${where}: booking also on plan ${placed.get(booking.id)}`);
      placed.set(booking.id, plan.shiftId);
      if (booking.shiftId !== plan.shiftId || booking.vehicleId !== plan.vehicleId) problems.push(`${where}: booking row names shift ${booking.shiftId}`);
    };
    // A rider on board (picked up, so the pickup left the plan) rides from the start, since the end of
    // their boarding (the pickup is reported when they board), as a planned pickup counts below.
    for (const stop of plan.stops) {
      const booking = bookings.get(stop.bookingId)!;
      if (booking.status !== 'on_board' || plan.stops.some((s) => s.bookingId === booking.id && s.kind === 'pickup')) continue;
      placeOnThisPlan(booking, `plan ${plan.shiftId} dropoff of on-board ${booking.id}`);
      pickedAt.set(booking.id, booking.pickedUpAt!.getTime() + (60 + 120 * booking.wheelchairs) * 1000);
      load.seats += booking.seats;
      load.wheelchairs += booking.wheelchairs;
    }
    let prev = { stopId: shift.startDepotStopId, readyMs: shift.startAt.getTime() };
    for (const stop of plan.stops) {
      const booking = bookings.get(stop.bookingId)!;
      const at = Date.parse(stop.plannedAt);
      const where = `plan ${plan.shiftId} ${stop.kind} of ${booking.id}`;
      if (at + TOLERANCE_MS < prev.readyMs + travelMs(prev.stopId, stop.stopId)) problems.push(`${where}: planned before the bus can be there`);
      const serviceMs = (stop.kind === 'pickup' ? 60 + 120 * booking.wheelchairs : 30 + 90 * booking.wheelchairs) * 1000;
      if (stop.kind === 'pickup') {
        placeOnThisPlan(booking, where);
        if (stop.stopId !== booking.pickupStopId) problems.push(`${where}: wrong stop`);
        pickedAt.set(booking.id, at + serviceMs);
        load.seats += booking.seats;
        load.wheelchairs += booking.wheelchairs;
        if (load.seats > vehicle.seats || load.wheelchairs > vehicle.wheelchairPlaces) problems.push(`${where}: over capacity`);
        if (booking.promisedPickupFrom && (at + TOLERANCE_MS < booking.promisedPickupFrom.getTime() || at - TOLERANCE_MS > booking.promisedPickupTo!.getTime())) {
          problems.push(`${where}: outside the promised window`);
        }
      } else {
        if (!pickedAt.has(booking.id)) problems.push(`${where}: drop-off without an earlier pickup on this bus`);
        if (stop.stopId !== booking.dropoffStopId) problems.push(`${where}: wrong stop`);
        const rideMs = at - (pickedAt.get(booking.id) ?? at);
        if (booking.maxRideS !== null && rideMs > booking.maxRideS * 1000 + TOLERANCE_MS) problems.push(`${where}: ride ${rideMs / 1000} s > ${booking.maxRideS} s`);
        if (booking.promisedLatestArrival && at - TOLERANCE_MS > booking.promisedLatestArrival.getTime()) problems.push(`${where}: after the promised arrival`);
        pickedAt.delete(booking.id);
        load.seats -= booking.seats;
        load.wheelchairs -= booking.wheelchairs;
      }
      prev = { stopId: stop.stopId, readyMs: at + serviceMs };
    }
    if (pickedAt.size > 0) problems.push(`plan ${plan.shiftId}: ${pickedAt.size} passengers never dropped off`);
    if (prev.readyMs + travelMs(prev.stopId, shift.endDepotStopId) > shift.endAt.getTime() + TOLERANCE_MS) problems.push(`plan ${plan.shiftId}: back after the shift ends`);
  }
  const offered = await repos.bookings.list({ areaId, statuses: ['offered', 'confirmed', 'assigned', 'on_board'], limit: 100_000 });
  for (const booking of offered) if (!placed.has(booking.id)) problems.push(`booking ${booking.id} is ${booking.status} but on no plan`);
  const rejected = await repos.bookings.list({ areaId, statuses: ['rejected'], limit: 100_000 });
  for (const booking of rejected) if (placed.has(booking.id)) problems.push(`rejected booking ${booking.id} is on plan ${placed.get(booking.id)}`);
  return problems;
}

/** How many offer/rejection events each booking has (each must have exactly one). */
export async function decisionEventCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db.select({ bookingId: events.bookingId, n: sql<number>`count(*)::int` }).from(events)
    .where(inArray(events.kind, ['booking.offered', 'booking.rejected'])).groupBy(events.bookingId);
  return new Map(rows.map((r) => [r.bookingId!, Number(r.n)]));
}
