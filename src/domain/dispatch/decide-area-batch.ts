import type { Db } from '../../../db/client';
import type { PlanInput } from '../../../routing/solver';
import { randomUUID } from 'node:crypto';
import {
  findAlternatives, type AlternativesAnswer, type AlternativesDeltaTask, type AlternativesTask, type BatchOutcome, type InsertBatchAnswer,
  type InsertBatchDeltaTask, type InsertBatchTask, type PlanStateMissing,
} from '../../../routing/solver-tasks';
import type { ServiceArea, Stop, Vehicle } from '../../data-access/areas-repository';
import type { Booking } from '../../data-access/bookings-repository';
import type { OfferWrite, RejectionWrite } from '../../data-access/decisions-repository';
import { createRepositories, type Repositories } from '../context';
import { DomainError } from '../domain-error';
import { ALTERNATIVE_REACH_MS, alternativeTimes, offerTerms, rejectionUpdate } from './insertion-decider';
import { directDurationS, loadPlanningSnapshot, SPAN_MARGIN_MS, toPlanStops, withCandidates, type PlanningSnapshot } from './planning-snapshot';
import { describeForSolver, inOrigin, mirrorAfter, type Described, type PlanningSnapshotCache, type SolverStateMirror } from './planning-snapshot-cache';
import { holdForRoadData, instanceLacksRoadData, splitByRoadData, type RoadDataWait } from './road-data-wait';
import type { StopMatrix } from './stop-matrix';

/** A job for an area this database does not have (another deployment's job, or the area was deleted). */
export class UnknownAreaError extends DomainError<'unknown-area'> {
  constructor(readonly areaId: string) {
    super('not-found', 'unknown-area', `unknown service area ${areaId}`);
    this.name = 'UnknownAreaError';
  }
}

/** A plan or booking moved on between reading and writing; the whole batch was rolled back. */
export class PlanConflictError extends Error {
  override name = 'PlanConflictError';
}

/** An area's stop matrix over `stops`; `onProgress(rows done, rows)` while it has to be rebuilt. */
export type StopMatrixSource = (areaId: string, stops: Stop[], onProgress?: (done: number, total: number) => void) => Promise<StopMatrix>;

export interface AreaPlanningDeps {
  db: Db;
  stopMatrix: StopMatrixSource;
  now: () => Date;
  /** Called after the solver answered and right before the write transaction (lock checks, tests). */
  beforeCommit?: () => Promise<void> | void;
}

export interface BatchDeps extends AreaPlanningDeps {
  /** Runs the insertion (in a worker thread in production, which may keep its plan state between batches). */
  insertBatch: (task: InsertBatchTask | InsertBatchDeltaTask) => Promise<InsertBatchAnswer | PlanStateMissing>;
  /** Checks alternative times of rejected bookings (worker thread in production; in-process if unset). */
  findAlternatives?: (task: AlternativesTask | AlternativesDeltaTask) => Promise<AlternativesAnswer | PlanStateMissing>;
  /**
   * Keeps plans and bookings between batches of this process (each row checked on every load), and
   * what the solver thread holds, so a batch sends it only what changed.
   */
  snapshots?: PlanningSnapshotCache;
  /** Most bookings decided in one batch; the rest wait for the next. */
  maxBatch?: number;
  /** Bookings already told they wait for road data (their event is written once per process). */
  roadDataNoticed?: Set<string>;
}

export interface BatchResult {
  offered: string[];
  rejected: string[];
  /** Milliseconds spent per stage (logged by the workers, summed up by bench:dispatch). */
  timings?: BatchTimings;
  /** Bookings left pending because road data for their stops is missing: decide again soon. */
  waiting?: RoadDataWait;
}

export interface BatchTimings {
  /** Pending bookings, area, stops and stop matrix. */
  read: number;
  /** Shifts, plans and the bookings on them, as the solver's instance. */
  snapshot: number;
  /** Placing the batch, in the solver thread. */
  solve: number;
  /** Alternative times for rejected bookings. */
  alternatives: number;
  /** The one statement with plans and booking transitions. */
  write: number;
}

/** Splits elapsed time into stages: `lap(stage)` charges the time since the last lap to `stage`. */
function stopwatch() {
  const timings: BatchTimings = { read: 0, snapshot: 0, solve: 0, alternatives: 0, write: 0 };
  let last = performance.now();
  return {
    timings,
    lap(stage: keyof BatchTimings) {
      const now = performance.now();
      timings[stage] += Math.round((now - last) * 10) / 10;
      last = now;
    },
  };
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
  const watch = stopwatch();
  const repos = createRepositories(deps.db);
  // The snapshot's reads start beside these: one wait on the database instead of two.
  const prefetched = deps.snapshots?.prefetch(repos, areaId);
  // The buses are read beside the rest (not only once a booking is rejected): most batches under load
  // have a rejection needing alternative times, and a query in parallel costs less than one after.
  const [area, allPending, stops, vehicles] = await Promise.all([
    repos.areas.findById(areaId), repos.bookings.pendingInArea(areaId, deps.maxBatch ?? 500), repos.areas.allStops(areaId), repos.areas.vehicles(areaId),
  ]);
  if (!area) throw new UnknownAreaError(areaId);
  if (allPending.length === 0) return { offered: [], rejected: [] };

  const now = deps.now();
  const matrix = await deps.stopMatrix(areaId, stops);
  // Bookings whose stops lack road data wait (or, out of time, are rejected); the others go on.
  const split = splitByRoadData(allPending, matrix, area, now.getTime());
  const road = await holdForRoadData(repos, area, matrix, split, deps.roadDataNoticed);
  const pending = split.ready;
  if (pending.length === 0) return { offered: [], rejected: road.rejected, waiting: road.wait };
  const times = pending.map((b) => b.requestedTime.getTime());
  // The span reaches as far as alternative times may lie, so their shifts are in the snapshot too.
  const reach = SPAN_MARGIN_MS + ALTERNATIVE_REACH_MS;
  const span = { fromMs: Math.min(...times) - reach, toMs: Math.max(...times) + reach };
  watch.lap('read');
  const read = deps.snapshots
    ? await deps.snapshots.load(repos, area, matrix, span, pending, now.getTime(), prefetched)
    : await loadPlanningSnapshot(repos, area, matrix, span, pending, now.getTime());
  if (instanceLacksRoadData(read.instance, matrix)) {
    const all = await holdForRoadData(repos, area, matrix, { waiting: pending, expired: [] }, deps.roadDataNoticed);
    const untilMs = Math.min(all.wait!.untilMs, road.wait?.untilMs ?? Infinity);
    return { offered: [], rejected: road.rejected, waiting: { ...all.wait!, untilMs, ids: [...all.wait!.ids, ...(road.wait?.ids ?? [])] } };
  }
  const mirrors = deps.snapshots?.solverStates;
  const held = mirrors?.get(areaId);
  // Until this batch commits, the thread's state holds insertions the database may never get.
  mirrors?.delete(areaId);
  // The span moves the time origin from batch to batch; counted from the thread's, times compare.
  const loaded = held ? inOrigin(read, held.originMs) : read;

  const seen = mirrors && describeForSolver(loaded);
  const token = randomUUID();
  watch.lap('snapshot');
  const answer = await placePending(deps, loaded, pending.map((b) => b.id), seen && { held, seen, token });
  watch.lap('solve');
  const decided = await withAlternatives(deps, loaded, answer, vehicles, now, seen && token);
  watch.lap('alternatives');
  await deps.beforeCommit?.();
  const written = await writeBatch(repos, decided.snapshot, area, decided.answer);
  watch.lap('write');
  deps.snapshots?.wrote(areaId, written);
  const rejected = answer.outcomes.filter((o) => !o.feasible).map((o) => o.requestId);
  if (mirrors && seen) mirrors.set(areaId, mirrorAfter(seen, plansAfter(loaded.plans, answer), rejected, token, loaded.originMs));
  for (const { requestId } of answer.outcomes) deps.roadDataNoticed?.delete(requestId);
  return { offered: answer.outcomes.filter((o) => o.feasible).map((o) => o.requestId), rejected: [...rejected, ...road.rejected], timings: watch.timings, waiting: road.wait };
}

/**
 * Sends the thread only what changed since the state it kept (same vehicles and matrix), else the
 * whole instance; either way the thread keeps the resulting state under `token`.
 */
async function placePending(deps: BatchDeps, snapshot: PlanningSnapshot, order: string[], keep?: { held?: SolverStateMirror; seen: Described; token: string }): Promise<InsertBatchAnswer> {
  const areaId = snapshot.area.id;
  const common = { order, variants: {}, maxVariants: MAX_ALTERNATIVES };
  if (keep?.held && keep.held.base === keep.seen.base) {
    const { held, seen, token } = keep;
    const planOf = new Map(snapshot.plans.map((p) => [p.vehicleId, p]));
    const plans = [...new Set([...held.plans.keys(), ...seen.plans.keys()])]
      .filter((id) => held.plans.get(id) !== seen.plans.get(id))
      .map((id) => planOf.get(id) ?? { vehicleId: id, stops: [] });
    const requests = snapshot.instance.requests.filter((r) => held.requests.get(r.id) !== seen.requests.get(r.id));
    const starts = [...seen.starts].filter(([id, s]) => held.starts.get(id) !== s).map(([vehicleId, earliestS]) => ({ vehicleId, earliestS }));
    const answer = await deps.insertBatch({ kind: 'insertBatchDelta', key: areaId, baseToken: held.token, token, requests, plans, starts, ...common });
    if (!('missing' in answer)) return answer;
  }
  const answer = await deps.insertBatch({
    kind: 'insertBatch', instance: snapshot.instance, plans: snapshot.plans, ...common, keep: keep && { key: areaId, token: keep.token },
  });
  if ('missing' in answer) throw new Error('solver answered a whole instance with "missing"');
  return answer;
}

/**
 * Most bookings fit, so alternative times are built only for the rejected ones, and checked against
 * the plans as the batch leaves them: an offered alternative is one the buses can still do.
 */
async function withAlternatives(deps: BatchDeps, snapshot: PlanningSnapshot, answer: InsertBatchAnswer, vehicles: Vehicle[], now: Date, keptToken?: string) {
  const rejected = answer.outcomes.filter((o) => !o.feasible);
  if (rejected.length === 0) return { snapshot, answer };
  const variants = rejected.flatMap(({ requestId }) => {
    const booking = snapshot.bookings.get(requestId)!;
    return alternativeTimes(booking, snapshot.area, vehicles, now)
      .map(({ time }, i): Booking => ({ ...booking, id: `${booking.id}${VARIANT_MARK}${i}`, requestedTime: time }));
  });
  const widened = withCandidates(snapshot, variants);
  const ask = deps.findAlternatives ?? (async (t: AlternativesTask | AlternativesDeltaTask) => findAlternatives(t));
  const common = { variants: groupVariants(variants.map((v) => v.id)), maxVariants: MAX_ALTERNATIVES };
  // The thread that placed the batch holds the plans as it leaves them: it needs only the variants.
  let found = keptToken === undefined ? undefined : await ask({
    kind: 'alternativesDelta', key: snapshot.area.id, token: keptToken, requests: widened.instance.requests.slice(snapshot.instance.requests.length), ...common,
  });
  if (found === undefined || 'missing' in found) {
    found = await ask({ kind: 'alternatives', instance: widened.instance, plans: plansAfter(snapshot.plans, answer), ...common });
  }
  if ('missing' in found) throw new Error('solver answered a whole instance with "missing"');
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

/**
 * Plans and every booking's move in one statement (apply_batch_decision): anything that moved on
 * since the snapshot (a plan version, a booking no longer pending) leaves all of it unwritten.
 */
async function writeBatch(repos: Repositories, snapshot: PlanningSnapshot, area: ServiceArea, answer: InsertBatchAnswer) {
  const startOf = new Map(answer.routes.flatMap((r) => r.stops.map((s) => [`${s.requestId}/${s.kind}`, snapshot.originMs + s.startS * 1000] as const)));
  const plans = answer.routes.map((r) => ({
    shiftId: r.vehicleId,
    vehicleId: snapshot.shifts.get(r.vehicleId)!.vehicle.id,
    stops: toPlanStops(snapshot, r.stops),
    expectedVersion: snapshot.versions.get(r.vehicleId) ?? 0,
  }));
  // Each plan that is saved gets the version after the one it was read at (a new plan: 1).
  const versionAfter = new Map(plans.map((w) => [w.shiftId, w.expectedVersion + 1]));
  const offers: OfferWrite[] = [];
  const rejections: RejectionWrite[] = [];
  for (const outcome of answer.outcomes) {
    const booking = snapshot.bookings.get(outcome.requestId)!;
    const directS = directDurationS(snapshot.matrix, booking);
    if (outcome.feasible) {
      const pickupMs = startOf.get(`${booking.id}/pickup`)!;
      offers.push({
        id: booking.id,
        ...offerTerms(booking, area.rules, directS, pickupMs, startOf.get(`${booking.id}/dropoff`)!),
        estimated: snapshot.matrix.estimated,
        vehicleId: snapshot.shifts.get(outcome.vehicleId)!.vehicle.id,
        shiftId: outcome.vehicleId,
        eventData: { planVersion: versionAfter.get(outcome.vehicleId), plannedPickup: new Date(pickupMs).toISOString(), batchSize: answer.outcomes.length },
      });
      continue;
    }
    // Offered in the order of the day (the search tries the nearest times first), as a rider reads them.
    const alternatives = outcome.feasibleVariants
      .map((id) => snapshot.bookings.get(id)!.requestedTime)
      .sort((a, b) => a.getTime() - b.getTime())
      .map((time) => (booking.timeMode === 'depart_after' ? { departAfter: time.toISOString() } : { arriveBy: time.toISOString() }));
    const { patch, change } = rejectionUpdate({ reason: outcome.reason, detail: outcome.detail, alternatives, directS, estimated: snapshot.matrix.estimated });
    rejections.push({ id: booking.id, rejectionReason: patch.rejectionReason, alternatives, directDurationS: directS, estimated: patch.estimated, eventData: change.data });
  }
  const { conflict } = await repos.decisions.apply({ plans, offers, rejections });
  if (conflict) throw new PlanConflictError(conflict);
  return plans.map(({ shiftId, stops }) => ({ shiftId, stops, version: versionAfter.get(shiftId)! }));
}
