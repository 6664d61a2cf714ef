import type { Instance, PlanInput, SolverRequest, SolverVehicle } from '../../../routing/solver';
import type { PlanStop } from '../../../db/schema';
import type { ServiceArea } from '../../data-access/areas-repository';
import { CARRIED_STATUSES, type Booking } from '../../data-access/bookings-repository';
import type { Shift, ShiftWithVehicle, VehiclePlan, VehicleRow } from '../../data-access/fleet-repository';
import type { Db } from '../../../db/client';
import { createRepositories, type Repositories } from '../context';
import { rideWindows, serviceTimes } from './ride-constraints';
import { travelS, type StopMatrix } from './stop-matrix';

/** Everything one planning decision reads, turned into the solver's model. */
export interface PlanningSnapshot {
  area: ServiceArea;
  instance: Instance;
  /** Current plans; solver vehicle ids are shift ids. */
  plans: PlanInput[];
  /** Plans whose stored stops name bookings no bus carries any more (left out of `plans`). */
  stale: Set<string>;
  versions: Map<string, number>;
  shifts: Map<string, ShiftWithVehicle>;
  bookings: Map<string, Booking>;
  matrix: StopMatrix;
  /** Solver seconds are counted from this instant. */
  originMs: number;
}

/** How far around a booking's time the plans are loaded to place it: a bus's day around one ride. */
export const SPAN_MARGIN_MS = 3 * 3600_000;

export const toSolverS = (snapshot: Pick<PlanningSnapshot, 'originMs'>, ms: number) => Math.round((ms - snapshot.originMs) / 1000);
export const fromSolverS = (snapshot: Pick<PlanningSnapshot, 'originMs'>, s: number) => new Date(snapshot.originMs + Math.round(s) * 1000);

export function directDurationS(matrix: StopMatrix, booking: Pick<Booking, 'pickupStopId' | 'dropoffStopId'>): number {
  return travelS(matrix, booking.pickupStopId, booking.dropoffStopId);
}

/**
 * Loads the shifts of an area overlapping [fromMs, toMs), their plans and the bookings on them, plus
 * `candidates` (bookings to be placed), as one solver instance.
 */
export async function loadPlanningSnapshot(
  repos: Repositories,
  area: ServiceArea,
  matrix: StopMatrix,
  span: { fromMs: number; toMs: number },
  candidates: Booking[],
  nowMs: number,
): Promise<PlanningSnapshot> {
  const shifts = await repos.fleet.shiftsOverlapping(area.id, new Date(span.fromMs), new Date(span.toMs));
  // Plans in shift order and their bookings in plan order, as the snapshot cache gives them: the
  // database returns rows in id order, which differs between databases, and the solver breaks ties
  // by the order it is given (the same bookings would be decided differently).
  const shiftIds = shifts.map((s) => s.shift.id);
  const planOf = new Map((await repos.fleet.plansForShifts(shiftIds)).map((p) => [p.shiftId, p]));
  const planRows = shiftIds.flatMap((id) => planOf.get(id) ?? []);
  const plannedIds = plannedBookingIds(planRows);
  const found = new Map((await repos.bookings.findByIds(plannedIds)).map((b) => [b.id, b]));
  const onPlans = plannedIds.flatMap((id) => found.get(id) ?? []);
  return buildPlanningSnapshot(area, matrix, span, { shifts, planRows, onPlans }, candidates, nowMs);
}

/**
 * loadPlanningSnapshot with its reads as of one instant (a read-only REPEATABLE READ transaction).
 * Read one after the other, a pickup reported in between leaves a plan without the pickup of a
 * booking read as still waiting (or the other way round), a plan the solver refuses to read.
 */
export function loadPlanningSnapshotAtOnce(
  db: Db, area: ServiceArea, matrix: StopMatrix, span: { fromMs: number; toMs: number }, candidates: Booking[], nowMs: number,
): Promise<PlanningSnapshot> {
  return readAtOnce(db, (repos) => loadPlanningSnapshot(repos, area, matrix, span, candidates, nowMs));
}

/** Runs `reads` as of one instant (a read-only REPEATABLE READ transaction): what they find fits together. */
export function readAtOnce<T>(db: Db, reads: (repos: Repositories) => Promise<T>): Promise<T> {
  return db.transaction((tx) => reads(createRepositories(tx)), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

/** What a snapshot reads from the database besides the candidates. */
export interface PlanningRows {
  shifts: ShiftWithVehicle[];
  planRows: VehiclePlan[];
  /** The bookings the plans name. */
  onPlans: Booking[];
}

/** The bookings the plans name, each once, in plan order. (Loops, not flatMap: this runs over every planned stop on every batch.) */
export function plannedBookingIds(planRows: VehiclePlan[]): string[] {
  const ids = new Set<string>();
  for (const plan of planRows) for (const stop of plan.stops) ids.add(stop.bookingId);
  return [...ids];
}

/**
 * Solver pieces kept from earlier snapshots by a cache, for rows that did not change: a booking's
 * request (valid for one time origin) and a plan row's stop sequence.
 */
export interface SnapshotMemo {
  request(booking: Booking, originMs: number): SolverRequest | undefined;
  keepRequest(booking: Booking, originMs: number, request: SolverRequest): void;
  plan(row: VehiclePlan): PlanInput | undefined;
  keepPlan(row: VehiclePlan, plan: PlanInput): void;
}

const toPlanInput = (p: VehiclePlan): PlanInput => ({ vehicleId: p.shiftId, stops: p.stops.map(({ bookingId, kind }) => ({ requestId: bookingId, kind })) });

const DAY_MS = 86_400_000;

/** loadPlanningSnapshot over rows already read (e.g. kept by a cache that checked them). */
export function buildPlanningSnapshot(
  area: ServiceArea,
  matrix: StopMatrix,
  span: { fromMs: number; toMs: number },
  { shifts, planRows, onPlans }: PlanningRows,
  candidates: Booking[],
  nowMs: number,
  memo?: SnapshotMemo,
): PlanningSnapshot {
  const bookings = new Map<string, Booking>();
  // A plan may still name a booking no bus carries any more (a cancellation whose plan edit failed):
  // it is no request, and its stops are left out of the plan (`stale` names such plans).
  for (const booking of onPlans) if (CARRIED_STATUSES.has(booking.status)) bookings.set(booking.id, booking);
  for (const booking of candidates) bookings.set(booking.id, booking);
  // Whole UTC days, so the origin stays put from batch to batch and kept requests stay valid.
  const originMs = Math.floor(Math.min(span.fromMs, ...shifts.map((s) => s.shift.startAt.getTime())) / DAY_MS) * DAY_MS;
  const snapshot = { originMs };
  const requestOf = (booking: Booking) => {
    let request = memo?.request(booking, originMs);
    if (request === undefined) {
      request = toSolverRequest(booking, matrix, area, snapshot);
      memo?.keepRequest(booking, originMs, request);
    }
    return request;
  };
  const planOf = (row: VehiclePlan) => {
    let plan = memo?.plan(row);
    if (plan === undefined) {
      plan = toPlanInput(row);
      memo?.keepPlan(row, plan);
    }
    return plan;
  };

  const onboardIds = new Set<string>();
  const requests: SolverRequest[] = [];
  for (const booking of bookings.values()) {
    if (booking.status === 'on_board') onboardIds.add(booking.id);
    else requests.push(requestOf(booking));
  }

  const planByShift = new Map(planRows.map((p) => [p.shiftId, p]));
  const boardedUntil = boardingEnds(bookings.values());
  const vehicles: SolverVehicle[] = shifts.map(({ shift, vehicle }) => {
    const plan = planByShift.get(shift.id);
    // A bus on the road starts from the stop it last left, when it left; once its shift has begun, no
    // earlier than startNotBeforeMs allows.
    const startStopId = plan?.lastStopId ?? shift.startDepotStopId;
    const startMs = Math.max(
      shift.startAt.getTime(), plan?.lastDepartedAt?.getTime() ?? 0, plan?.lastStopId && !plan.lastDepartedAt ? boardedUntil.get(`${shift.id}/${plan.lastStopId}`) ?? 0 : 0,
      shift.startAt.getTime() < nowMs ? startNotBeforeMs(plan, startStopId, matrix, nowMs) : 0,
    );
    const onboard = (plan?.stops ?? [])
      .filter((stop) => stop.kind === 'dropoff' && onboardIds.has(stop.bookingId))
      .map((stop) => onboardPassenger(bookings.get(stop.bookingId)!, matrix, area, snapshot));
    const committed = (plan?.stops ?? []).slice(0, plan?.committedStops ?? 0).filter((stop) => bookings.has(stop.bookingId));
    return {
      id: shift.id,
      capacity: [vehicle.seats, vehicle.wheelchairPlaces],
      start: { node: matrix.nodeOf.get(startStopId)!, earliestS: toSolverS(snapshot, startMs) },
      end: { node: matrix.nodeOf.get(shift.endDepotStopId)!, latestS: toSolverS(snapshot, shift.endAt.getTime()) },
      maxDurationS: Math.round((shift.endAt.getTime() - shift.startAt.getTime()) / 1000),
      onboard,
      committed: committed.map(({ bookingId, kind }) => ({ requestId: bookingId, kind })),
      ...(shift.breaks.length > 0 && { breaks: breaksOf(snapshot, shift) }),
    };
  });

  const stale = new Set<string>();
  const plans = planRows.map((row) => {
    const plan = planOf(row);
    if (plan.stops.every((stop) => bookings.has(stop.requestId))) return plan;
    stale.add(row.shiftId);
    return { ...plan, stops: plan.stops.filter((stop) => bookings.has(stop.requestId)) };
  });

  return {
    area,
    instance: { nodeCount: matrix.stops.length, durationS: matrix.durationS, distanceM: matrix.distanceM, requests, vehicles, objective: { minimise: 'duration', rideTimeWeight: 0.1 } },
    plans,
    stale,
    versions: new Map(planRows.map((p) => [p.shiftId, p.version])),
    shifts: new Map(shifts.map((s) => [s.shift.id, s])),
    bookings,
    matrix,
    originMs,
  };
}

/**
 * A shift that has not started as a solver vehicle of `snapshot`: from its start depot at its start,
 * empty, back at its end depot by its end (e.g. a planned shift with the new hours of its template).
 */
export function unstartedShiftVehicle(snapshot: Pick<PlanningSnapshot, 'originMs' | 'matrix'>, shift: Shift, vehicle: Pick<VehicleRow, 'seats' | 'wheelchairPlaces'>): SolverVehicle {
  return {
    id: shift.id,
    capacity: [vehicle.seats, vehicle.wheelchairPlaces],
    start: { node: snapshot.matrix.nodeOf.get(shift.startDepotStopId)!, earliestS: toSolverS(snapshot, shift.startAt.getTime()) },
    end: { node: snapshot.matrix.nodeOf.get(shift.endDepotStopId)!, latestS: toSolverS(snapshot, shift.endAt.getTime()) },
    maxDurationS: Math.round((shift.endAt.getTime() - shift.startAt.getTime()) / 1000),
    onboard: [],
    committed: [],
    breaks: breaksOf(snapshot, shift),
  };
}

/** A shift's breaks in solver seconds (none: the key is left out, as the solver's own instances have it). */
function breaksOf(snapshot: Pick<PlanningSnapshot, 'originMs'>, shift: Pick<Shift, 'breaks'>): SolverVehicle['breaks'] {
  if (shift.breaks.length === 0) return undefined;
  return shift.breaks.map((b) => ({ startS: toSolverS(snapshot, Date.parse(b.startAt)), endS: toSolverS(snapshot, Date.parse(b.endAt)) }));
}

/**
 * How long after a decision a bus standing at its depot or a stop can set off for a stop the decision
 * gives it: its driver must see the new stop on the tablet and get going. Planned to leave at the
 * instant of the decision, a bus was behind its plan by the seconds the decision took to reach the
 * tablet (the soak saw a rider's window missed by 4 s that way).
 */
export const SET_OFF_S = 60;

/**
 * The earliest a bus on shift leaves its start. A bus that left a stop for the stop it has committed
 * to is somewhere on that leg: it is planned to arrive there as planned, but not before now (it
 * reports its arrival), so it leaves no earlier than now minus the leg's travel time. Any other bus
 * (at its depot, standing at a stop, or with nothing committed) leaves SET_OFF_S from now at the
 * soonest — or, when its plan already told it to leave sooner than that, then (not before now).
 */
function startNotBeforeMs(plan: VehiclePlan | undefined, startStopId: string, matrix: StopMatrix, nowMs: number): number {
  const heading = plan?.lastDepartedAt && plan.committedStops > 0 ? plan.stops[0] : undefined;
  if (heading) return nowMs - travelS(matrix, startStopId, heading.stopId) * 1000;
  const next = plan?.stops[0];
  const toldMs = next ? Date.parse(next.plannedAt) - travelS(matrix, startStopId, next.stopId) * 1000 : Infinity;
  return Math.min(nowMs + SET_OFF_S * 1000, Math.max(nowMs, toldMs));
}

/**
 * A bus standing at a stop where it picked riders up leaves no earlier than the end of their boarding
 * (per shift and stop): the pickup is reported as a rider boards, and the plan gave boarding its time.
 * Left out, the bus would be planned to leave up to a boarding time early, and that time promised to
 * other riders.
 */
function boardingEnds(bookings: Iterable<Booking>): Map<string, number> {
  const ends = new Map<string, number>();
  for (const booking of bookings) {
    if (booking.status !== 'on_board' || !booking.pickedUpAt) continue;
    const key = `${booking.shiftId}/${booking.pickupStopId}`;
    ends.set(key, Math.max(ends.get(key) ?? 0, booking.pickedUpAt.getTime() + serviceTimes(booking.wheelchairs).pickupS * 1000));
  }
  return ends;
}

function toSolverRequest(booking: Booking, matrix: StopMatrix, area: ServiceArea, snapshot: Pick<PlanningSnapshot, 'originMs'>): SolverRequest {
  const direct = directDurationS(matrix, booking);
  const windows = rideWindows(booking, direct, area.rules);
  const service = serviceTimes(booking.wheelchairs);
  return {
    id: booking.id,
    pickup: { node: matrix.nodeOf.get(booking.pickupStopId)!, serviceS: service.pickupS, earliestS: toSolverS(snapshot, windows.pickup.earliestMs), latestS: toSolverS(snapshot, windows.pickup.latestMs) },
    dropoff: { node: matrix.nodeOf.get(booking.dropoffStopId)!, serviceS: service.dropoffS, earliestS: toSolverS(snapshot, windows.dropoff.earliestMs), latestS: toSolverS(snapshot, windows.dropoff.latestMs) },
    load: [booking.seats, booking.wheelchairs],
    maxRideS: windows.maxRideS,
    mandatory: booking.status !== 'pending',
    pinnedVehicleId: booking.locked && booking.shiftId ? booking.shiftId : undefined,
  };
}

/**
 * The snapshot with more bookings to place (e.g. alternative-time variants of rejected ones), same
 * shifts, plans and time origin; the snapshot it comes from is left as it was.
 */
export function withCandidates(snapshot: PlanningSnapshot, candidates: Booking[]): PlanningSnapshot {
  const extra = candidates.map((booking) => toSolverRequest(booking, snapshot.matrix, snapshot.area, snapshot));
  return {
    ...snapshot,
    instance: { ...snapshot.instance, requests: [...snapshot.instance.requests, ...extra] },
    bookings: candidates.reduce((all, b) => all.set(b.id, b), new Map(snapshot.bookings)),
  };
}

/**
 * A rider on board as the solver sees them. The driver reports the pickup when the rider boards, the
 * start of the pickup's service; the ride-time limit the rider was planned with counts from the end
 * of that service (drop-off start − pickup start ≤ boarding time + limit), so the ride began boarding
 * time after the report. Counted from the report itself, a plan the planner wrote would break the
 * limit by up to the boarding time as soon as the driver reported the pickup when planned.
 */
function onboardPassenger(booking: Booking, matrix: StopMatrix, area: ServiceArea, snapshot: Pick<PlanningSnapshot, 'originMs'>) {
  const windows = rideWindows(booking, directDurationS(matrix, booking), area.rules);
  const pickedUpMs = booking.pickedUpAt?.getTime() ?? windows.pickup.earliestMs;
  const service = serviceTimes(booking.wheelchairs);
  return {
    requestId: booking.id,
    pickedUpAtS: toSolverS(snapshot, pickedUpMs) + service.pickupS,
    dropoff: {
      node: matrix.nodeOf.get(booking.dropoffStopId)!,
      serviceS: service.dropoffS,
      earliestS: toSolverS(snapshot, Math.min(windows.dropoff.earliestMs, pickedUpMs)),
      latestS: toSolverS(snapshot, windows.dropoff.latestMs),
    },
    load: [booking.seats, booking.wheelchairs],
    maxRideS: windows.maxRideS,
  };
}

/** The solver's schedule of one vehicle as stored plan stops. */
export function toPlanStops(snapshot: PlanningSnapshot, stops: Array<{ requestId: string; kind: 'pickup' | 'dropoff'; startS: number }>): PlanStop[] {
  return stops.map((stop) => {
    const booking = snapshot.bookings.get(stop.requestId)!;
    return {
      bookingId: stop.requestId,
      kind: stop.kind,
      stopId: stop.kind === 'pickup' ? booking.pickupStopId : booking.dropoffStopId,
      plannedAt: fromSolverS(snapshot, stop.startS).toISOString(),
    };
  });
}
