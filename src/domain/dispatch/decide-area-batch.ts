import type { Db } from '../../../db/client';
import type { PlanInput } from '../../../routing/solver';
import type { PlanStop } from '../../../db/schema';
import { findAlternatives, type AlternativesAnswer, type AlternativesTask, type BatchOutcome, type InsertBatchAnswer, type InsertBatchTask } from '../../../workers/solver-tasks';
import type { ServiceArea, Stop } from '../../data-access/areas-repository';
import type { Booking } from '../../data-access/bookings-repository';
import { createRepositories } from '../context';
import { ALTERNATIVE_REACH_MS, alternativeTimes, offerTerms, rejectionUpdate, SPAN_MARGIN_MS } from './insertion-decider';
import { directDurationS, loadPlanningSnapshot, toPlanStops, withCandidates, type PlanningSnapshot } from './planning-snapshot';
import type { StopMatrix } from './stop-matrix';

/** Bad job input (unknown area): retrying cannot help. */
export class DispatchInputError extends Error {
  override name = 'DispatchInputError';
}

/** A plan or booking moved on between reading and writing; the whole batch was rolled back. */
export class PlanConflictError extends Error {
  override name = 'PlanConflictError';
}

export type StopMatrixSource = (areaId: string, stops: Stop[]) => Promise<StopMatrix>;

export interface AreaPlanningDeps {
  db: Db;
  stopMatrix: StopMatrixSource;
  now: () => Date;
  /** Called after the solver answered and right before the write transaction (lock checks, tests). */
  beforeCommit?: () => Promise<void> | void;
}

export interface BatchDeps extends AreaPlanningDeps {
  /** Runs the insertion (in a worker thread in production). */
  insertBatch: (task: InsertBatchTask) => Promise<InsertBatchAnswer>;
  /** Checks alternative times of rejected bookings (worker thread in production; in-process if unset). */
  findAlternatives?: (task: AlternativesTask) => Promise<AlternativesAnswer>;
  /** Most bookings decided in one batch; the rest wait for the next. */
  maxBatch?: number;
}

export interface BatchResult {
  offered: string[];
  rejected: string[];
}

const VARIANT_MARK = '~';
const MAX_ALTERNATIVES = 3;

/**
 * Decides every pending booking of an area in one planning state: each is inserted where it costs
 * least given the ones before it, rejected ones get up to three alternative times that the final
 * plans can still take, and all plans and booking transitions are written in one transaction with
 * plan-version checks — so a batch is applied completely or not at all, and running it again after a
 * crash finds nothing left to do. Throws PlanConflictError when something moved meanwhile.
 */
export async function decideAreaBatch(deps: BatchDeps, areaId: string): Promise<BatchResult> {
  const repos = createRepositories(deps.db);
  const [area, pending, stops] = await Promise.all([
    repos.areas.findById(areaId), repos.bookings.pendingInArea(areaId, deps.maxBatch ?? 500), repos.areas.allStops(areaId),
  ]);
  if (!area) throw new DispatchInputError(`unknown service area ${areaId}`);
  if (pending.length === 0) return { offered: [], rejected: [] };

  const now = deps.now();
  const times = pending.map((b) => b.requestedTime.getTime());
  // The span reaches as far as alternative times may lie, so their shifts are in the snapshot too.
  const reach = SPAN_MARGIN_MS + ALTERNATIVE_REACH_MS;
  const matrix = await deps.stopMatrix(areaId, stops);
  const loaded = await loadPlanningSnapshot(repos, area, matrix, { fromMs: Math.min(...times) - reach, toMs: Math.max(...times) + reach }, pending, now.getTime());

  const answer = await deps.insertBatch({
    kind: 'insertBatch',
    instance: loaded.instance,
    plans: loaded.plans,
    order: pending.map((b) => b.id),
    variants: {},
    maxVariants: MAX_ALTERNATIVES,
  });
  const decided = await withAlternatives(deps, loaded, answer, now);
  await deps.beforeCommit?.();
  await writeBatch(deps.db, decided.snapshot, area, decided.answer);
  return {
    offered: answer.outcomes.filter((o) => o.feasible).map((o) => o.requestId),
    rejected: answer.outcomes.filter((o) => !o.feasible).map((o) => o.requestId),
  };
}

/**
 * Most bookings fit, so alternative times are built only for the rejected ones, and checked against
 * the plans as the batch leaves them: an offered alternative is one the buses can still do.
 */
async function withAlternatives(deps: BatchDeps, snapshot: PlanningSnapshot, answer: InsertBatchAnswer, now: Date) {
  const rejected = answer.outcomes.filter((o) => !o.feasible);
  if (rejected.length === 0) return { snapshot, answer };
  const vehicles = await createRepositories(deps.db).areas.vehicles(snapshot.area.id);
  const variants = rejected.flatMap(({ requestId }) => {
    const booking = snapshot.bookings.get(requestId)!;
    return alternativeTimes(booking, snapshot.area, vehicles, now)
      .map(({ time }, i): Booking => ({ ...booking, id: `${booking.id}${VARIANT_MARK}${i}`, requestedTime: time }));
  });
  const widened = withCandidates(snapshot, variants);
  const task: AlternativesTask = {
    kind: 'alternatives',
    instance: widened.instance,
    plans: plansAfter(snapshot.plans, answer),
    variants: groupVariants(variants.map((v) => v.id)),
    maxVariants: MAX_ALTERNATIVES,
  };
  const found = await (deps.findAlternatives ?? (async (t: AlternativesTask) => findAlternatives(t)))(task);
  const outcomes = answer.outcomes.map((o): BatchOutcome => (o.feasible ? o : { ...o, feasibleVariants: found.feasibleVariants[o.requestId] ?? [] }));
  return { snapshot: widened, answer: { ...answer, outcomes } };
}

/** The plans as a batch leaves them: its final routes replace the plans they changed. */
function plansAfter(plans: PlanInput[], answer: InsertBatchAnswer): PlanInput[] {
  const changed = new Map(answer.routes.map((r) => [r.vehicleId, r.stops.map(({ requestId, kind }) => ({ requestId, kind }))]));
  const untouched = plans.filter((p) => !changed.has(p.vehicleId));
  return [...untouched, ...[...changed].map(([vehicleId, stops]) => ({ vehicleId, stops }))];
}

function groupVariants(ids: string[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const id of ids) (grouped[id.slice(0, id.indexOf(VARIANT_MARK))] ??= []).push(id);
  return grouped;
}

async function writeBatch(db: Db, snapshot: PlanningSnapshot, area: ServiceArea, answer: InsertBatchAnswer): Promise<void> {
  const planned = new Map<string, PlanStop[]>(answer.routes.map((r) => [r.vehicleId, toPlanStops(snapshot, r.stops)]));
  const startOf = new Map(answer.routes.flatMap((r) => r.stops.map((s) => [`${s.requestId}/${s.kind}`, snapshot.originMs + s.startS * 1000] as const)));
  const repos = createRepositories(db);
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    // Statements are issued together so postgres.js pipelines them on the transaction's connection.
    const versions = new Map(await settleAll([...planned].map(async ([shiftId, stops]) => {
      const version = await repos.fleet.savePlan(shiftId, snapshot.shifts.get(shiftId)!.vehicle.id, stops, snapshot.versions.get(shiftId) ?? 0, tx);
      if (version === undefined) throw new PlanConflictError(`plan of shift ${shiftId} changed meanwhile`);
      return [shiftId, version] as const;
    })));
    await settleAll(answer.outcomes.map(async (outcome) => {
      const booking = snapshot.bookings.get(outcome.requestId)!;
      const directS = directDurationS(snapshot.matrix, booking);
      let moved;
      if (outcome.feasible) {
        const pickupMs = startOf.get(`${booking.id}/pickup`)!;
        moved = await repos.bookings.transition(booking.id, ['pending'], {
          status: 'offered',
          ...offerTerms(booking, area.rules, directS, pickupMs, startOf.get(`${booking.id}/dropoff`)!),
          estimated: snapshot.matrix.estimated,
          vehicleId: snapshot.shifts.get(outcome.vehicleId)!.vehicle.id,
          shiftId: outcome.vehicleId,
        }, { kind: 'booking.offered', data: { planVersion: versions.get(outcome.vehicleId), plannedPickup: new Date(pickupMs).toISOString(), batchSize: answer.outcomes.length } }, tx);
      } else {
        const alternatives = outcome.feasibleVariants.map((id) => {
          const time = snapshot.bookings.get(id)!.requestedTime.toISOString();
          return booking.timeMode === 'depart_after' ? { departAfter: time } : { arriveBy: time };
        });
        const rejection = rejectionUpdate({ reason: outcome.reason, detail: outcome.detail, alternatives, directS, estimated: snapshot.matrix.estimated });
        moved = await repos.bookings.transition(booking.id, ['pending'], rejection.patch, rejection.change, tx);
      }
      if (!moved) throw new PlanConflictError(`booking ${booking.id} is no longer pending`);
    }));
  });
}

/** Like Promise.all, but waits for every statement before failing, so none is left running at rollback. */
async function settleAll<T>(work: Array<Promise<T>>): Promise<T[]> {
  const results = await Promise.allSettled(work);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}
