import type { PlanStop } from '../../../db/schema';
import type { ServiceArea } from '../../data-access/areas-repository';
import type { Booking } from '../../data-access/bookings-repository';
import type { VehiclePlan } from '../../data-access/fleet-repository';
import type { Repositories } from '../context';
import type { Instance, PlanInput, SolverRequest } from '../../../routing/solver';
import { buildPlanningSnapshot, plannedBookingIds, type PlanningSnapshot, type SnapshotMemo } from './planning-snapshot';
import type { StopMatrix } from './stop-matrix';

interface AreaRows {
  plans: Map<string, VehiclePlan>;
  bookings: Map<string, Booking>;
  /** Bookings changed at or after this mark are read again (bookingsRepository.changedInArea). */
  mark?: string;
  /** The whole UTC days the last snapshot's span touched: where the next one is guessed to lie. */
  days?: { fromMs: number; toMs: number };
}

type ShiftRows = Awaited<ReturnType<Repositories['fleet']['shiftsWithPlanVersions']>>;

/**
 * The reads of a load started before the batch knows its span (beside its read of the pending
 * bookings): shifts over the days the area's last snapshot touched, and the bookings changed since.
 */
export interface SnapshotPrefetch {
  days?: { fromMs: number; toMs: number };
  shifts?: Promise<ShiftRows>;
  since: Promise<{ changed: Booking[]; next: string }>;
}

const DAY_MS = 86_400_000;

/**
 * What the solver thread holds for an area after a committed batch, as canonical JSON: vehicles and
 * matrix (`base`), each plan with stops and each request on them. The next batch sends only what
 * differs; `token` names the thread's state.
 */
export interface SolverStateMirror {
  token: string;
  /** Earliest start per vehicle, apart from `base`: it moves with the clock once a shift started. */
  starts: Map<string, number>;
  /** Time origin of the thread's state: later snapshots are counted from it. */
  originMs: number;
  base: string;
  plans: Map<string, string>;
  requests: Map<string, string>;
}

export interface PlanningSnapshotCache {
  /** Starts the reads of the next load of the area, before its span is known (see SnapshotPrefetch). */
  prefetch(repos: Repositories, areaId: string): SnapshotPrefetch;
  /** loadPlanningSnapshot, reading again only the plans and bookings that changed since last time. */
  load(
    repos: Repositories, area: ServiceArea, matrix: StopMatrix, span: { fromMs: number; toMs: number }, candidates: Booking[], nowMs: number,
    prefetched?: SnapshotPrefetch,
  ): Promise<PlanningSnapshot>;
  /** This process wrote these plans (committed) at these versions: keep them without reading them back. */
  wrote(areaId: string, plans: Array<{ shiftId: string; stops: PlanStop[]; version: number }>): void;
  /** Per area, what the solver thread holds (decide-area-batch keeps it; absent until a batch commits). */
  solverStates: Map<string, SolverStateMirror>;
}

/**
 * Plans and the bookings on them, kept per area between batches of one worker process. Every load
 * checks the kept rows against the database — plan versions, and the area's bookings written since
 * the last load (each write stamps its transaction id) — and reads again the rows that moved; shifts
 * are always read. So a snapshot is as current as a full read, and the version-checked write stays
 * the only guard against races, as without the cache.
 */
export function createPlanningSnapshotCache(): PlanningSnapshotCache {
  const areas = new Map<string, AreaRows>();
  // A kept booking row keeps its solver request while origin, matrix and booking rules stay the same;
  // a kept plan row its stop sequence.
  const requests = new WeakMap<Booking, { originMs: number; matrix: StopMatrix; rules: string; request: SolverRequest }>();
  const planInputs = new WeakMap<VehiclePlan, PlanInput>();

  const changedSince = (repos: Repositories, areaId: string, kept?: AreaRows) => (kept?.mark === undefined
    ? repos.bookings.changeMark().then((next) => ({ changed: [] as Booking[], next }))
    : repos.bookings.changedInArea(areaId, kept.mark));

  return {
    solverStates: new Map(),
    prefetch(repos, areaId) {
      const kept = areas.get(areaId);
      const days = kept?.days;
      const prefetched: SnapshotPrefetch = {
        days,
        shifts: days && repos.fleet.shiftsWithPlanVersions(areaId, new Date(days.fromMs), new Date(days.toMs)),
        since: changedSince(repos, areaId, kept),
      };
      // A batch that finds nothing pending never looks at these.
      prefetched.shifts?.catch(() => undefined);
      prefetched.since.catch(() => undefined);
      return prefetched;
    },
    async load(repos, area, matrix, span, candidates, nowMs, prefetched) {
      const kept: AreaRows = areas.get(area.id) ?? { plans: new Map(), bookings: new Map() };
      // Shifts with their plan versions, and the bookings written since the last load, side by side:
      // read ahead when the span lies within the days read ahead (the shifts then filtered exactly
      // as the query would), else now.
      const ahead = prefetched?.days && prefetched.shifts && prefetched.days.fromMs <= span.fromMs && span.toMs <= prefetched.days.toMs ? prefetched.shifts : undefined;
      const [read, since] = await Promise.all([
        ahead ?? repos.fleet.shiftsWithPlanVersions(area.id, new Date(span.fromMs), new Date(span.toMs)),
        prefetched?.since ?? changedSince(repos, area.id, kept),
      ]);
      const rows = ahead ? read.filter((r) => r.shift.startAt.getTime() < span.toMs && r.shift.endAt.getTime() > span.fromMs) : read;
      const shifts = rows.map(({ shift, vehicle }) => ({ shift, vehicle }));
      const versions = new Map(rows.filter((r) => r.planVersion !== null).map((r) => [r.shift.id, r.planVersion!]));
      const shiftIds = shifts.map((s) => s.shift.id);
      const moved = shiftIds.filter((id) => versions.has(id) && kept.plans.get(id)?.version !== versions.get(id));
      const plans = new Map(shiftIds.filter((id) => versions.has(id) && versions.get(id) === kept.plans.get(id)?.version).map((id) => [id, kept.plans.get(id)!]));
      for (const plan of await repos.fleet.plansForShifts(moved)) plans.set(plan.shiftId, plan);
      const planRows = shiftIds.map((id) => plans.get(id)).filter((p): p is VehiclePlan => p !== undefined);

      // A kept booking stands unless it was written since; the others are read now.
      const plannedIds = plannedBookingIds(planRows);
      const fresh = new Map(since.changed.map((b) => [b.id, b]));
      const bookings = new Map<string, Booking>();
      for (const id of plannedIds) {
        const booking = fresh.get(id) ?? kept.bookings.get(id);
        if (booking) bookings.set(id, booking);
      }
      const mark = since.next;
      for (const booking of await repos.bookings.findByIds(plannedIds.filter((id) => !bookings.has(id)))) bookings.set(booking.id, booking);

      // Only what this snapshot used is kept, so the cache does not grow with the days.
      const days = { fromMs: Math.floor(span.fromMs / DAY_MS) * DAY_MS, toMs: Math.ceil(span.toMs / DAY_MS) * DAY_MS };
      areas.set(area.id, { plans, bookings, mark, days });
      const onPlans = plannedIds.map((id) => bookings.get(id)).filter((b): b is Booking => b !== undefined);
      const rules = JSON.stringify(area.rules);
      const memo: SnapshotMemo = {
        request(booking, originMs) {
          const hit = requests.get(booking);
          return hit && hit.originMs === originMs && hit.matrix === matrix && hit.rules === rules ? hit.request : undefined;
        },
        keepRequest: (booking, originMs, request) => requests.set(booking, { originMs, matrix, rules, request }),
        plan: (row) => planInputs.get(row),
        keepPlan: (row, plan) => planInputs.set(row, plan),
      };
      return buildPlanningSnapshot(area, matrix, span, { shifts, planRows, onPlans }, candidates, nowMs, memo);
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

export type Described = Omit<SolverStateMirror, 'token' | 'originMs'>;

/** The stop matrix cache hands out one object per set of stops: its identity names the matrix. */
const matrixIds = new WeakMap<object, number>();
let nextMatrixId = 1;

/** Requests and plan stop lists are not changed once built (a change builds new ones), so their JSON is kept with them. */
const keptJson = new WeakMap<object, string>();

function jsonOf(value: SolverRequest | PlanInput['stops']): string {
  let text = keptJson.get(value);
  if (text === undefined) keptJson.set(value, (text = JSON.stringify(value)));
  return text;
}

/** The snapshot as the solver sees it, in pieces that compare as strings. */
export function describeForSolver(snapshot: PlanningSnapshot): Described {
  const { instance, matrix } = snapshot;
  if (!matrixIds.has(matrix)) matrixIds.set(matrix, nextMatrixId++);
  return {
    base: JSON.stringify([matrixIds.get(matrix), instance.nodeCount, instance.objective, instance.vehicles.map((v) => ({ ...v, start: { ...v.start, earliestS: 0 } }))]),
    starts: new Map(instance.vehicles.map((v) => [v.id, v.start.earliestS])),
    plans: new Map(snapshot.plans.filter((p) => p.stops.length > 0).map((p) => [p.vehicleId, jsonOf(p.stops)])),
    requests: new Map(instance.requests.map((r) => [r.id, jsonOf(r)])),
  };
}

/**
 * What the thread holds after a committed batch: the final plans and the requests on them — every
 * request it was given (those on plans and the batch's) but the ones the batch could not place.
 */
export function mirrorAfter(seen: Described, finalPlans: PlanInput[], unplaced: string[], token: string, originMs: number): SolverStateMirror {
  const plans = new Map(finalPlans.filter((p) => p.stops.length > 0).map((p) => [p.vehicleId, jsonOf(p.stops)]));
  const requests = new Map(seen.requests);
  for (const id of unplaced) requests.delete(id);
  return { token, originMs, base: seen.base, starts: seen.starts, plans, requests };
}

/**
 * The snapshot counted from another time origin. Solver seconds are rounded from milliseconds, so
 * only a whole-second move gives exactly what building the snapshot at that origin would; otherwise
 * the snapshot is returned as it is.
 */
export function inOrigin(snapshot: PlanningSnapshot, originMs: number): PlanningSnapshot {
  const moveMs = snapshot.originMs - originMs;
  if (moveMs === 0 || moveMs % 1000 !== 0) return snapshot;
  const by = moveMs / 1000;
  const spec = <T extends { earliestS: number; latestS: number }>(s: T): T => ({ ...s, earliestS: s.earliestS + by, latestS: s.latestS + by });
  const instance: Instance = {
    ...snapshot.instance,
    requests: snapshot.instance.requests.map((r) => ({ ...r, pickup: spec(r.pickup), dropoff: spec(r.dropoff) })),
    vehicles: snapshot.instance.vehicles.map((v) => ({
      ...v,
      start: { ...v.start, earliestS: v.start.earliestS + by },
      end: { ...v.end, latestS: v.end.latestS + by },
      onboard: v.onboard.map((o) => ({ ...o, pickedUpAtS: o.pickedUpAtS + by, dropoff: spec(o.dropoff) })),
    })),
  };
  return { ...snapshot, instance, originMs };
}
