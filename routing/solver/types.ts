/**
 * Public model of the dial-a-ride solver. Times are seconds (integers in the service, doubles in the
 * benchmark; the solver never rounds), node ids index the travel matrices.
 */

/** One end of a ride: where, how long boarding/alighting takes, and the window for the service start. */
export interface StopSpec {
  node: number;
  serviceS: number;
  earliestS: number;
  latestS: number;
}

/** A ride request: pickup before drop-off on the same vehicle, within windows, ride time and capacity. */
export interface SolverRequest {
  id: string;
  pickup: StopSpec;
  dropoff: StopSpec;
  /** Load per capacity dimension, e.g. [seats, wheelchairs, parcels]; missing entries count as 0. */
  load: number[];
  /** Upper bound on dropoff start − (pickup start + pickup service). */
  maxRideS: number;
  /** Already confirmed: must be served or reported with a reason; optional requests may be rejected. */
  mandatory: boolean;
  /** Dispatcher's lock: only this vehicle may serve the request. */
  pinnedVehicleId?: string;
}

/** A passenger already in the vehicle: only the drop-off is left, the ride time keeps counting. */
export interface OnboardPassenger {
  requestId: string;
  /** Time the ride began (departure from the pickup); the drop-off must start by pickedUpAtS + maxRideS. */
  pickedUpAtS: number;
  dropoff: StopSpec;
  load: number[];
  maxRideS: number;
}

/** A reference to one stop of a request (or of an onboard passenger, kind 'dropoff'). */
export interface StopRef {
  requestId: string;
  kind: 'pickup' | 'dropoff';
}

export interface SolverVehicle {
  id: string;
  /** Capacity per dimension, same order as SolverRequest.load; missing entries count as 0. */
  capacity: number[];
  /** A depot or the bus's current position, and the time it is available there. */
  start: { node: number; earliestS: number };
  end: { node: number; latestS: number };
  /** Upper bound on return − departure, departure being the latest one consistent with the first stop. */
  maxDurationS: number;
  onboard: OnboardPassenger[];
  /** Prefix of stops that must stay first, in this order (the bus is already heading there). */
  committed: StopRef[];
  /**
   * The driver's fixed breaks, in time order: the vehicle stands wherever it is from startS to endS —
   * no stop is served in them, and a leg that meets one takes that much longer.
   */
  breaks?: Array<{ startS: number; endS: number }>;
}

export interface Objective {
  /** Which matrix counts as "driving" in the objective. */
  minimise: 'duration' | 'distance';
  /** Weight per second of passenger ride time added to the driving cost (0 = ignore ride time). */
  rideTimeWeight: number;
}

export interface Instance {
  nodeCount: number;
  /** Row-major nodeCount × nodeCount travel durations, possibly asymmetric. */
  durationS: ArrayLike<number>;
  /** Row-major nodeCount × nodeCount travel distances, possibly asymmetric. */
  distanceM: ArrayLike<number>;
  requests: SolverRequest[];
  vehicles: SolverVehicle[];
  /** Defaults to { minimise: 'distance', rideTimeWeight: 0 }. */
  objective?: Objective;
}

export interface PlannedStop {
  requestId: string;
  kind: 'pickup' | 'dropoff';
  node: number;
  arrivalS: number;
  /** Service start; always inside the stop's window. */
  startS: number;
  departureS: number;
  /** Load on board after this stop, per dimension. */
  load: number[];
}

export interface Route {
  vehicleId: string;
  stops: PlannedStop[];
  departureS: number;
  returnS: number;
  durationS: number;
  distanceM: number;
}

/** Stable reason codes for a request that is not served. */
export type UnservedReason =
  | 'time_window'
  | 'capacity'
  | 'ride_time'
  | 'route_duration'
  | 'no_vehicle'
  | 'pinned_vehicle_infeasible'
  | 'not_profitable'
  | 'committed_prefix';

export interface Unserved {
  requestId: string;
  reason: UnservedReason | string;
  detail: string;
}

export interface SolveStats {
  iterations: number;
  timeMs: number;
  constructionMs: number;
  /** Number of times a new best solution was found after construction. */
  improvements: number;
  /** Driving cost (objective matrix) of the construction result, for benchmarks. */
  constructionCost: number;
}

export interface Solution {
  routes: Route[];
  unserved: Unserved[];
  /** Driving cost (objective matrix) plus the ride-time term; unserved requests are not priced in. */
  cost: number;
  stats: SolveStats;
}

/** A vehicle's plan as a sequence of stop references (warm start, online insertion, overrides). */
export interface PlanInput {
  vehicleId: string;
  stops: StopRef[];
}

export interface SolveOptions {
  timeLimitMs?: number;
  maxIterations?: number;
  /** Stop after this many iterations without a new best. */
  maxNoImprovement?: number;
  seed?: number;
  /** Warm start: current plans; infeasible tails are dropped and re-inserted. */
  initial?: PlanInput[];
  /** Asked after every iteration: true ends the search early, with the best solution found so far. */
  shouldStop?: () => boolean;
  /** Expert knobs of the ALNS (temperatures, removal sizes); defaults are tuned on the Cordeau set. */
  tuning?: {
    startTemperature?: number;
    endTemperature?: number;
    restartAfter?: number;
    qFraction?: number;
    qCap?: number;
    polishWithin?: number;
  };
}

export interface Violation {
  rule: 'time_window' | 'ride_time' | 'capacity' | 'route_duration' | 'committed_prefix' | 'pinned' | 'structure' | 'break';
  requestId?: string;
  detail: string;
}
