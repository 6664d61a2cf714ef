import type { PlanStop } from '../../../db/schema';
import type { ServiceArea } from '../../data-access/areas-repository';
import type { Booking } from '../../data-access/bookings-repository';
import type { VehiclePlan } from '../../data-access/fleet-repository';
import type { Repositories } from '../context';
import { buildPlanningSnapshot, plannedBookingIds, type PlanningSnapshot } from './planning-snapshot';
import type { StopMatrix } from './stop-matrix';

interface AreaRows {
  plans: Map<string, VehiclePlan>;
  bookings: Map<string, { booking: Booking; stamp: string }>;
}

export interface PlanningSnapshotCache {
  /** loadPlanningSnapshot, reading again only the plans and bookings that changed since last time. */
  load(repos: Repositories, area: ServiceArea, matrix: StopMatrix, span: { fromMs: number; toMs: number }, candidates: Booking[], nowMs: number): Promise<PlanningSnapshot>;
  /** This process wrote these plans (committed) at these versions: keep them without reading them back. */
  wrote(areaId: string, plans: Array<{ shiftId: string; stops: PlanStop[]; version: number }>): void;
}

/**
 * Plans and the bookings on them, kept per area between batches of one worker process. Every load
 * checks each kept row against the database — plan versions, and booking change stamps (updated_at,
 * set by every transition) — and reads again exactly the rows that moved; shifts are always read.
 * So a snapshot is as current as a full read, and the version-checked write stays the only guard
 * against races, as without the cache.
 */
export function createPlanningSnapshotCache(): PlanningSnapshotCache {
  const areas = new Map<string, AreaRows>();

  return {
    async load(repos, area, matrix, span, candidates, nowMs) {
      const kept = areas.get(area.id) ?? { plans: new Map(), bookings: new Map() };
      const shifts = await repos.fleet.shiftsOverlapping(area.id, new Date(span.fromMs), new Date(span.toMs));
      const shiftIds = shifts.map((s) => s.shift.id);
      const versions = await repos.fleet.planVersions(shiftIds);
      const moved = shiftIds.filter((id) => versions.has(id) && kept.plans.get(id)?.version !== versions.get(id));
      const plans = new Map(shiftIds.filter((id) => versions.has(id) && versions.get(id) === kept.plans.get(id)?.version).map((id) => [id, kept.plans.get(id)!]));
      for (const plan of await repos.fleet.plansForShifts(moved)) plans.set(plan.shiftId, plan);
      const planRows = shiftIds.map((id) => plans.get(id)).filter((p): p is VehiclePlan => p !== undefined);

      const plannedIds = plannedBookingIds(planRows);
      const stamps = await repos.bookings.stamps(plannedIds);
      const bookings = new Map(plannedIds
        .filter((id) => stamps.has(id) && kept.bookings.get(id)?.stamp === stamps.get(id))
        .map((id) => [id, kept.bookings.get(id)!]));
      const changed = plannedIds.filter((id) => stamps.has(id) && !bookings.has(id));
      for (const row of await repos.bookings.findByIdsStamped(changed)) bookings.set(row.booking.id, row);

      // Only what this snapshot used is kept, so the cache does not grow with the days.
      areas.set(area.id, { plans, bookings });
      const onPlans = plannedIds.map((id) => bookings.get(id)?.booking).filter((b): b is Booking => b !== undefined);
      return buildPlanningSnapshot(area, matrix, span, { shifts, planRows, onPlans }, candidates, nowMs);
    },
    wrote(areaId, written) {
      const kept = areas.get(areaId);
      if (!kept) return;
      for (const { shiftId, stops, version } of written) {
        const plan = kept.plans.get(shiftId);
        // A new plan row has fields this process did not write (defaults): read it back next time.
        if (plan && version === plan.version + 1) kept.plans.set(shiftId, { ...plan, stops, version });
        else kept.plans.delete(shiftId);
      }
    },
  };
}
