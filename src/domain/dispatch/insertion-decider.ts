import { checkRoute } from '../../../routing/solver';
import type { Db } from '../../../db/client';
import type { AlternativeTime, PlanStop } from '../../../db/schema';
import type { ServiceArea } from '../../data-access/areas-repository';
import type { Booking } from '../../data-access/bookings-repository';
import type { Repositories } from '../context';
import { createRepositories } from '../context';
import { areaRulesFor, findRuleViolation } from '../bookings/booking-rules';
import { createAreaLock } from './area-lock';
import type { BookingDecider } from './decider';
import { loadPlanningSnapshot, SPAN_MARGIN_MS, toPlanStops, type PlanningSnapshot } from './planning-snapshot';
import { promisedPickupWindow, rideWindows } from './ride-constraints';
import type { StopMatrix } from './stop-matrix';

export interface PlanReleaserOptions {
  db: Db;
  stopMatrix: (areaId: string, stops: Awaited<ReturnType<Repositories['areas']['allStops']>>) => Promise<StopMatrix>;
  now: () => Date;
  /** Plan writes that lost a race are retried this often before the plan is left as it is. */
  maxAttempts?: number;
}

const ALTERNATIVE_OFFSETS_MIN = [30, -30, 60, -60, 90, -90, 120, -120, 180, -180];
/** How far alternative times may lie from the requested one. */
export const ALTERNATIVE_REACH_MS = 180 * 60_000;

/**
 * What an offer promises for a booking planned to be picked up at `plannedMs`: one window width
 * around it, and the latest arrival (never before the planned drop-off, so the plan keeps its promise).
 */
export function offerTerms(booking: Booking, rules: ServiceArea['rules'], directS: number, plannedMs: number, plannedDropoffMs: number) {
  const windows = rideWindows(booking, directS, rules);
  const promise = promisedPickupWindow(plannedMs, windows.pickup, rules.pickupWindowMin * 60_000);
  const latestArrivalMs = booking.timeMode === 'arrive_by'
    ? windows.dropoff.latestMs
    : Math.max(promise.toMs + windows.maxRideS * 1000, plannedDropoffMs);
  return {
    promisedPickupFrom: new Date(promise.fromMs),
    promisedPickupTo: new Date(promise.toMs),
    promisedLatestArrival: new Date(latestArrivalMs),
    directDurationS: directS,
    maxRideS: windows.maxRideS,
  };
}

/** The booking row update and event of a rejection. */
export function rejectionUpdate(input: { reason: string; detail: string; alternatives: AlternativeTime[]; directS: number; estimated: boolean }) {
  return {
    patch: { status: 'rejected' as const, rejectionReason: input.reason, alternatives: input.alternatives, directDurationS: input.directS, estimated: input.estimated },
    change: { kind: 'booking.rejected', reason: input.reason, data: { detail: input.detail, alternatives: input.alternatives } },
  };
}

/** Nearby times, nearest first, that the booking rules allow for this booking (not yet checked against plans). */
export function alternativeTimes(booking: Booking, area: ServiceArea, vehicles: Array<{ inService: boolean; seats: number; wheelchairPlaces: number }>, now: Date) {
  const rules = areaRulesFor(area, vehicles, booking.seats);
  const timeField: 'departAfter' | 'arriveBy' = booking.timeMode === 'depart_after' ? 'departAfter' : 'arriveBy';
  return ALTERNATIVE_OFFSETS_MIN
    .map((offsetMin) => new Date(booking.requestedTime.getTime() + offsetMin * 60_000))
    .filter((time) => !findRuleViolation(
      { now, time, timeField, seats: booking.seats, wheelchairs: booking.wheelchairs, byRider: false, activeBookings: 0, samePickupAndDropoff: false },
      rules,
    ))
    .map((time) => ({ time, timeField }));
}

/**
 * Takes a cancelled or unassigned booking out of its plan and re-times the rest, under the area's
 * lock in this process; deciding is the worker pool's (decide-area-batch), behind the queue decider.
 */
export function createPlanReleaser(options: PlanReleaserOptions): Pick<BookingDecider, 'release'> {
  const repos = createRepositories(options.db);
  const withAreaLock = createAreaLock();
  const maxAttempts = options.maxAttempts ?? 3;

  async function snapshotFor(area: ServiceArea, booking: Booking): Promise<PlanningSnapshot> {
    const matrix = await options.stopMatrix(area.id, await repos.areas.allStops(area.id));
    const t = booking.requestedTime.getTime();
    return loadPlanningSnapshot(repos, area, matrix, { fromMs: t - SPAN_MARGIN_MS, toMs: t + SPAN_MARGIN_MS }, [booking], options.now().getTime());
  }

  /** Fresh planned times for a plan that lost stops; the old times stand if it cannot be re-timed. */
  async function retime(booking: Booking, remaining: PlanStop[]) {
    const area = (await repos.areas.findById(booking.areaId))!;
    const snapshot = await snapshotFor(area, booking);
    const checked = checkRoute(snapshot.instance, booking.shiftId!, remaining.map((s) => ({ requestId: s.bookingId, kind: s.kind })));
    return checked.feasible ? toPlanStops(snapshot, checked.route.stops) : remaining;
  }

  return {
    async release(bookingId) {
      const booking = await repos.bookings.findById(bookingId);
      if (!booking?.shiftId) return;
      await withAreaLock(booking.areaId, async () => {
        for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
          const [plan] = await repos.fleet.plansForShifts([booking.shiftId!]);
          if (!plan || !plan.stops.some((s) => s.bookingId === bookingId)) return;
          const remaining = plan.stops.filter((s) => s.bookingId !== bookingId);
          const saved = await repos.fleet.savePlan(plan.shiftId, plan.vehicleId, await retime(booking, remaining), plan.version);
          if (saved !== undefined) return;
        }
      });
    },
  };
}
