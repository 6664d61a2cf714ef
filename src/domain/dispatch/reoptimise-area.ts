import type { Db } from '../../../db/client';
import type { Route } from '../../../routing/solver';
import type { ReoptimiseAnswer, ReoptimiseTask } from '../../../routing/solver-tasks';
import type { Booking } from '../../data-access/bookings-repository';
import type { EventWrite, MoveWrite, PlanWrite } from '../../data-access/decisions-repository';
import type { PlanStop } from '../../../db/schema';
import { createRepositories, type Repositories } from '../context';
import { PlanConflictError, UnknownAreaError, type AreaPlanningDeps } from './decide-area-batch';
import { latePromises, type LatePromise } from './late-promises';
import { forcedPlanStops } from '../overrides/plan-geometry';
import { loadPlanningSnapshotAtOnce, toPlanStops, type PlanningSnapshot } from './planning-snapshot';
import { instanceLacksRoadData } from './road-data-wait';
import type { PlanningSnapshotCache } from './planning-snapshot-cache';

export interface ReoptimiseDeps extends AreaPlanningDeps {
  reoptimise: (task: ReoptimiseTask) => Promise<ReoptimiseAnswer>;
  budgetMs: number;
  /** Plans of shifts overlapping [now, now + horizonMs) are re-optimised. */
  horizonMs?: number;
  seed?: number;
  /** Ends the solve after this many iterations instead of at the budget (repeatable: see replayReoptimisation). */
  maxIterations?: number;
  /**
   * While the solve runs, the area's pending bookings are looked for this often (default 100 ms);
   * one found ends the solve early with its best so far, so the booking does not wait out the budget.
   */
  pendingPollMs?: number;
  /** The worker's planning cache (as for batches): the snapshot reads only what changed since. */
  snapshots?: PlanningSnapshotCache;
}

/**
 * `written`: the re-optimised plans were written, `placed` naming the stranded rides they now carry.
 * `yielded`: the solve ended before its budget because bookings of the area were waiting.
 * `leftAlone`: buses whose plan is not feasible as it stands (late on it, say), kept in their order
 * and re-planned around; `retimed`: those of them whose planned times were moved to the times they
 * can keep (written either way).
 */
export type ReoptimiseOutcome =
  | { written: true; plans: number; moved: number; before: number; after: number; iterations: number; placed: string[]; leftAlone: string[]; retimed: string[]; yielded: boolean }
  | { written: false; why: string; before?: number | null; after?: number; iterations?: number; leftAlone?: string[]; retimed?: string[]; yielded?: boolean };

/** A late bus's plan is written again when one of its stops moves by at least this much. */
const RETIME_MIN_MS = 60_000;

/**
 * Re-plans the area's current plans with a warm-started solve, trying to carry stranded rides again,
 * and writes the result only when it is cheaper or carries one, serves every booking on the plans,
 * passes checkRoute, keeps every promise, and no plan changed meanwhile (version check; then the
 * whole write is rolled back). A plan that is not feasible as it stands (its bus is late) keeps its
 * order and is re-timed; the others are re-planned around it.
 */
export async function reoptimiseArea(deps: ReoptimiseDeps, areaId: string): Promise<ReoptimiseOutcome> {
  const repos = createRepositories(deps.db);
  const { matrix, stranded, snapshot } = await reoptimisationInput(deps, repos, areaId);
  // Re-planning is an improvement, not a promise: it waits until the road data covers every stop it visits.
  if (instanceLacksRoadData(snapshot.instance, matrix)) return { written: false, why: `road data incomplete: ${matrix.roadDataProblem}` };
  if (snapshot.instance.requests.length === 0) {
    // Plans may still name rides no bus carries any more: take those stops off.
    const tidied = await tidiedPlans(repos, snapshot, [], new Set());
    if (tidied.length > 0) {
      await deps.beforeCommit?.();
      await writePlans(deps.db, snapshot, [], tidied);
    }
    return { written: false, why: 'nothing planned' };
  }

  const stop = new Int32Array(new SharedArrayBuffer(4));
  const watch = stopWhenBookingsWait(repos, areaId, stop, deps.pendingPollMs ?? 100);
  const answer = await deps.reoptimise({ ...reoptimiseTask(deps, snapshot, stranded), stop }).finally(watch.end);
  const leftAlone = answer.leftAlone.map((v) => v.vehicleId);
  const refusal = whyNotWrite(snapshot, answer);
  const changed = refusal ? [] : answer.routes.filter((r) => answer.changed.some((c) => c.vehicleId === r.vehicleId));
  const tidied = await tidiedPlans(repos, snapshot, leftAlone, new Set(changed.map((r) => r.vehicleId)));
  const retimed = tidied.filter((t) => t.retimed).map((t) => t.shiftId);
  if (changed.length > 0 || tidied.length > 0) {
    await deps.beforeCommit?.();
    const moved = await writePlans(deps.db, snapshot, changed, tidied);
    if (!refusal) {
      return {
        written: true, plans: changed.length, moved, before: answer.currentCost!, after: answer.cost, iterations: answer.iterations,
        placed: answer.placed, leftAlone, retimed, yielded: answer.stopped,
      };
    }
  }
  return { written: false, why: refusal!, before: answer.currentCost, after: answer.cost, iterations: answer.iterations, leftAlone, retimed, yielded: answer.stopped };
}

/** What a re-optimisation of the area plans from now on: the matrix, the rides no bus carries, the snapshot. */
async function reoptimisationInput(deps: ReoptimiseDeps, repos: Repositories, areaId: string) {
  const area = await repos.areas.findById(areaId);
  if (!area) throw new UnknownAreaError(areaId);
  const nowMs = deps.now().getTime();
  const matrix = await deps.stopMatrix(areaId, await repos.areas.allStops(areaId));
  const span = { fromMs: nowMs, toMs: nowMs + (deps.horizonMs ?? 24 * 3600_000) };
  const stranded = await strandedRides(repos, areaId, span);
  const snapshot = deps.snapshots
    ? await deps.snapshots.load(repos, area, matrix, span, stranded, nowMs)
    : await loadPlanningSnapshotAtOnce(deps.db, area, matrix, span, stranded, nowMs);
  return { matrix, stranded, snapshot };
}

function reoptimiseTask(deps: ReoptimiseDeps, snapshot: PlanningSnapshot, stranded: Booking[]): ReoptimiseTask {
  return {
    kind: 'reoptimise', instance: snapshot.instance, plans: snapshot.plans, timeLimitMs: deps.budgetMs, maxIterations: deps.maxIterations, seed: deps.seed ?? 1,
    optional: stranded.map((b) => b.id),
  };
}

/** The command line that replays a re-optimisation solve (the worker writes it into its log). */
export function replayCommand(areaId: string, seed: number, iterations: number, at: Date): string {
  return `npm run cli -- replan:replay --area ${areaId} --seed ${seed} --iterations ${iterations} --at ${at.toISOString()}`;
}

/**
 * A logged re-optimisation solve run again, writing nothing: the area's snapshot as the database
 * holds it at `deps.now()`, solved with the logged seed for the logged number of iterations. On the
 * same database state (a copy taken when it ran, say) the answer is the one the worker computed.
 */
export async function replayReoptimisation(deps: ReoptimiseDeps & { seed: number; maxIterations: number }, areaId: string): Promise<ReoptimiseAnswer> {
  const { snapshot, stranded } = await reoptimisationInput(deps, createRepositories(deps.db), areaId);
  return deps.reoptimise(reoptimiseTask(deps, snapshot, stranded));
}

/**
 * Promised rides no bus carries (left over when a bus broke down) whose pickup window has not
 * passed: each run tries to place them again.
 */
async function strandedRides(repos: Repositories, areaId: string, span: { fromMs: number; toMs: number }): Promise<Booking[]> {
  // requestedTime is the wished arrival for arrive-by rides: look back far enough for their pickups.
  const rows = await repos.bookings.list({
    areaId, statuses: ['offered', 'confirmed', 'assigned'], unassigned: true, from: new Date(span.fromMs - 6 * 3600_000), to: new Date(span.toMs), limit: 500,
  });
  // A locked one is held by a dispatcher (unassigned on purpose): left to them.
  return rows.filter((b) => !b.locked && b.promisedPickupFrom && b.promisedPickupTo && b.promisedPickupTo.getTime() > span.fromMs);
}

/** Stores 1 in `stop` once a booking of the area is pending, looking every `everyMs` until `end`. */
function stopWhenBookingsWait(repos: Repositories, areaId: string, stop: Int32Array, everyMs: number) {
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  const look = async () => {
    const pending = await repos.bookings.pendingInArea(areaId, 1).catch(() => []);
    if (ended) return;
    if (pending.length > 0) Atomics.store(stop, 0, 1);
    else timer = setTimeout(look, everyMs);
  };
  timer = setTimeout(look, everyMs);
  return {
    end() {
      ended = true;
      clearTimeout(timer);
    },
  };
}

/**
 * Plans written besides the re-optimised ones: those left alone with the times their buses can keep
 * from where they are (forcedPlanStops) when a stop moves by RETIME_MIN_MS or more, so the
 * driver's stop list and the dispatch desk show when the bus will really be there and which promises
 * it will miss (each newly missed one logged); and stale ones (snapshot.stale) without the stops of bookings no bus carries.
 */
interface TidiedPlan {
  shiftId: string;
  stops: PlanStop[];
  retimed: boolean;
  /** Rides the re-timed plan serves later than promised, and the old one did not: logged as `booking.late`. */
  newlyLate: LatePromise[];
}

async function tidiedPlans(repos: Repositories, snapshot: PlanningSnapshot, leftAlone: string[], rewritten: Set<string>): Promise<TidiedPlan[]> {
  const ids = [...new Set([...leftAlone, ...snapshot.stale])].filter((id) => !rewritten.has(id));
  if (ids.length === 0) return [];
  const late = new Set(leftAlone);
  return (await repos.fleet.plansForShifts(ids)).flatMap((row): TidiedPlan[] => {
    const plan = snapshot.plans.find((p) => p.vehicleId === row.shiftId);
    const kept = row.stops.filter((stop) => snapshot.bookings.has(stop.bookingId));
    // Changed since the snapshot: the next run looks again.
    if (!plan || row.version !== snapshot.versions.get(row.shiftId) || kept.length !== plan.stops.length) return [];
    if (late.has(row.shiftId)) {
      const stops = forcedPlanStops(snapshot, plan.vehicleId, plan.stops);
      if (stops.some((stop, i) => Math.abs(Date.parse(stop.plannedAt) - Date.parse(kept[i].plannedAt)) >= RETIME_MIN_MS)) {
        const riders = [...snapshot.bookings.values()];
        const before = new Set(latePromises([{ stops: kept }], riders).map((l) => `${l.booking.id}/${l.kind}`));
        const newlyLate = latePromises([{ stops }], riders).filter((l) => !before.has(`${l.booking.id}/${l.kind}`));
        return [{ shiftId: row.shiftId, stops, retimed: true, newlyLate }];
      }
    }
    return kept.length < row.stops.length ? [{ shiftId: row.shiftId, stops: kept, retimed: false, newlyLate: [] }] : [];
  });
}

function whyNotWrite(snapshot: PlanningSnapshot, answer: ReoptimiseAnswer): string | undefined {
  if (answer.currentCost === null) {
    return answer.routes.length === 0 && answer.leftAlone.length > 0
      ? 'no plan is feasible as it stands'
      : 'current plans are not feasible as they stand';
  }
  if (answer.unserved.length > 0) return `solution leaves ${answer.unserved.length} bookings unserved`;
  // Carrying a stranded ride again is worth any driving; otherwise the new plans must be cheaper.
  if (answer.changed.length === 0 || (answer.placed.length === 0 && answer.cost >= answer.currentCost - 1e-6)) return 'no improvement';
  const rejected = answer.changed.find((c) => c.violations.length > 0);
  if (rejected) return `checkRoute rejected the plan of ${rejected.vehicleId}: ${rejected.violations[0].detail}`;
  return brokenPromise(snapshot, answer.routes);
}

/** Independent of the solver's windows: every stop against the booking row's own promise. */
export function brokenPromise(snapshot: Pick<PlanningSnapshot, 'bookings' | 'originMs'>, routes: Route[]): string | undefined {
  const seen = new Set<string>();
  for (const route of routes) {
    for (const stop of route.stops) {
      const key = `${stop.requestId}/${stop.kind}`;
      if (seen.has(key)) return `${key} is planned twice`;
      seen.add(key);
      const booking = snapshot.bookings.get(stop.requestId)!;
      const atMs = snapshot.originMs + stop.startS * 1000;
      if (booking.locked && booking.shiftId && booking.shiftId !== route.vehicleId) return `locked booking ${booking.id} left its bus`;
      if (booking.status === 'on_board' && booking.shiftId !== route.vehicleId) return `onboard booking ${booking.id} left its bus`;
      if (stop.kind === 'pickup' && booking.promisedPickupFrom && booking.promisedPickupTo
        && (atMs < booking.promisedPickupFrom.getTime() || atMs > booking.promisedPickupTo.getTime())) {
        return `pickup of ${booking.id} outside its promised window`;
      }
      if (stop.kind === 'dropoff' && booking.promisedLatestArrival && atMs > booking.promisedLatestArrival.getTime()) {
        return `drop-off of ${booking.id} after its promised latest arrival`;
      }
    }
  }
  return undefined;
}

/**
 * Writes the changed plans and moves bookings to their new bus, and the tidied plans, all or nothing
 * in a few set-wise statements (decisions.applyReplan); returns how many bookings moved.
 */
async function writePlans(db: Db, snapshot: PlanningSnapshot, routes: Route[], tidied: TidiedPlan[]): Promise<number> {
  const plans: PlanWrite[] = [
    ...tidied.map(({ shiftId, stops }) => ({ shiftId, vehicleId: snapshot.shifts.get(shiftId)!.vehicle.id, stops, expectedVersion: snapshot.versions.get(shiftId)! })),
    ...routes.map((route) => ({
      shiftId: route.vehicleId, vehicleId: snapshot.shifts.get(route.vehicleId)!.vehicle.id, stops: toPlanStops(snapshot, route.stops), expectedVersion: snapshot.versions.get(route.vehicleId) ?? 0,
    })),
  ];
  // Each plan written gets the version after the one it was read at (a new plan: 1).
  const versionAfter = new Map(plans.map((p) => [p.shiftId, p.expectedVersion + 1]));
  const moves: MoveWrite[] = [];
  for (const route of routes) {
    const vehicleId = snapshot.shifts.get(route.vehicleId)!.vehicle.id;
    for (const stop of route.stops) {
      const booking = snapshot.bookings.get(stop.requestId)!;
      if (stop.kind !== 'pickup' || booking.shiftId === route.vehicleId) continue;
      // A stranded ride is carried again (booking.placed); any other moved to another bus.
      moves.push({
        id: booking.id, status: booking.status, fromShiftId: booking.shiftId, toShiftId: route.vehicleId, vehicleId,
        kind: booking.shiftId ? 'booking.reassigned' : 'booking.placed',
        eventData: { fromShiftId: booking.shiftId, toShiftId: route.vehicleId, planVersion: versionAfter.get(route.vehicleId) },
      });
    }
  }
  const events: EventWrite[] = tidied.flatMap(({ shiftId, newlyLate }) => newlyLate.map(({ booking, kind, plannedAt, promisedBy }) => ({
    kind: 'booking.late', bookingId: booking.id, vehicleId: snapshot.shifts.get(shiftId)!.vehicle.id,
    data: { stop: kind, plannedAt: plannedAt.toISOString(), promisedBy: promisedBy.toISOString(), shiftId, planVersion: versionAfter.get(shiftId) },
  })));
  const { conflict } = await createRepositories(db).decisions.applyReplan({ plans, moves, events });
  if (conflict) throw new PlanConflictError(conflict);
  return moves.length;
}
