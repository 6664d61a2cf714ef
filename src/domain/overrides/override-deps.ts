import type { DbOrTx } from '../../../db/client';
import type { PlanStop } from '../../../db/schema';
import type { ServiceArea } from '../../data-access/areas-repository';
import type { Booking } from '../../data-access/bookings-repository';
import { lostRace } from '../../data-access/database-errors';
import type { User } from '../../data-access/users-repository';
import { DomainError, domainErrors } from '../domain-error';
import { createRepositories, type DomainContext, type Repositories } from '../context';
import { announcePlanChanges, type PlanChangeSink } from '../dispatch/plan-change-notifier';
import { loadPlanningSnapshotAtOnce, type PlanningSnapshot } from '../dispatch/planning-snapshot';
import { instanceLacksRoadData } from '../dispatch/road-data-wait';
import { RoadDataUnavailableError, type StopMatrix } from '../dispatch/stop-matrix';

export interface OverrideDeps {
  notifier: PlanChangeSink;
  stopMatrix: (areaId: string, stops: Awaited<ReturnType<Repositories['areas']['allStops']>>) => Promise<StopMatrix>;
  /**
   * Runs `work` while holding the lock under which the workers decide and re-optimise an area, ahead
   * of them when they wait too (absent: no such lock, e.g. a single process). Correctness never rests
   * on it (the plan versions do); it keeps a change that must not lose (a bus breaking down) from
   * losing race after race to a busy area's batch decisions.
   */
  areaLock?: <T>(areaId: string, work: () => Promise<T>) => Promise<T>;
}

/** Who did it and why: every dispatcher action is logged with both. */
export interface Override {
  actor: User;
  reason?: string;
  force?: boolean;
}

export { SPAN_MARGIN_MS } from '../dispatch/planning-snapshot';

export async function snapshotAround(ctx: DomainContext, deps: OverrideDeps, area: ServiceArea, span: { fromMs: number; toMs: number }, candidates: Booking[] = []): Promise<PlanningSnapshot> {
  const matrix = await matrixOf(ctx, deps, area);
  return refusingStandInTimes(await loadPlanningSnapshotAtOnce(ctx.db, area, matrix, span, candidates, ctx.now().getTime()));
}

/** The area's stop matrix as a dispatcher's change plans with it (built first when its stops changed). */
export async function matrixOf(ctx: DomainContext, deps: OverrideDeps, area: ServiceArea): Promise<StopMatrix> {
  return deps.stopMatrix(area.id, await ctx.repos.areas.allStops(area.id));
}

/** A dispatcher's change is written with promised times: never on stand-in times for a stop. */
export function refusingStandInTimes(snapshot: PlanningSnapshot): PlanningSnapshot {
  if (instanceLacksRoadData(snapshot.instance, snapshot.matrix)) {
    throw new RoadDataUnavailableError(`Road travel times are missing for a stop this change involves: ${snapshot.matrix.roadDataProblem}`);
  }
  return snapshot;
}

/** How often a change that must not lose is worked out again after a plan or ride it read changed meanwhile. */
export const PREVAILING_ATTEMPTS = 5;

/**
 * Runs a change that must not lose to routine planning (a bus breaking down) under the area's lock,
 * and works it out again from fresh reads when a driver's report, a cancellation or another
 * dispatcher changed a plan or ride it read (up to PREVAILING_ATTEMPTS times; the last conflict is
 * the answer). `work` must read everything it decides on itself.
 */
export async function prevailing<T>(deps: OverrideDeps, areaId: string, work: () => Promise<T>): Promise<T> {
  const attempt = async () => {
    for (let left = PREVAILING_ATTEMPTS; ; left -= 1) {
      try {
        return await work();
      } catch (error) {
        if (left <= 1 || !(error instanceof DomainError) || !RACE_LOST.has(error.code)) throw error;
      }
    }
  };
  return deps.areaLock ? deps.areaLock(areaId, attempt) : attempt();
}

const RACE_LOST: ReadonlySet<string> = new Set(['plan-changed', 'booking-changed']);

export async function areaOf(ctx: DomainContext, areaId: string): Promise<ServiceArea> {
  return (await ctx.repos.areas.findById(areaId))!;
}

/** A forced action needs a reason; the log must say why a check was overridden. */
export function requireReasonWhenForced(override: Override): void {
  if (override.force && !override.reason?.trim()) throw domainErrors.invalid([{ field: 'reason', message: 'a reason is required with force: true' }]);
}

export interface PlanWrite {
  shiftId: string;
  vehicleId: string;
  stops: PlanStop[];
  /** Version read when the change was worked out (0 = no plan yet). */
  expectedVersion: number;
}

/**
 * Writes plans (each with its version check) in the order given, then `more` in the same transaction;
 * a plan that moved on meanwhile rolls everything back as a `plan-changed` conflict. A plan that gives up a ride must
 * come before the plan that takes it: the database lets a ride onto a plan only while no other plan
 * carries it, and at commit only onto the plan its booking row names — another writer that moved the
 * ride meanwhile rolls everything back as a `booking-changed` conflict. Announces the new versions after the commit.
 */
export async function writePlans<T>(ctx: DomainContext, deps: OverrideDeps, plans: PlanWrite[], more: (tx: DbOrTx, repos: Repositories) => Promise<T>): Promise<T> {
  const versions: Array<{ shiftId: string; version: number | undefined }> = [];
  const result = await ctx.db.transaction(async (tx) => {
    const repos = createRepositories(tx);
    for (const plan of plans) {
      const version = await repos.fleet.savePlan(plan.shiftId, plan.vehicleId, plan.stops, plan.expectedVersion, tx);
      if (version === undefined) throw domainErrors.conflict('plan-changed', `The plan of shift ${plan.shiftId} changed meanwhile; look again and retry.`, { shiftId: plan.shiftId });
      versions.push({ shiftId: plan.shiftId, version });
    }
    return more(tx, repos);
  }).catch((error: unknown) => {
    if (lostRace(error)) throw domainErrors.bookingChanged();
    throw error;
  });
  await announcePlanChanges(deps.notifier, versions);
  return result;
}

export function bookingChanged(): never {
  throw domainErrors.bookingChanged();
}
