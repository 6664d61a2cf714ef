import type { TravelTimes } from '../../../routing/travel-times';
import type { Stop } from '../../data-access/areas-repository';
import { DomainError } from '../domain-error';

/** A stand-in for "no road": large enough that no window can absorb it, small enough to add safely. */
export const UNREACHABLE_S = 10_000_000;

export interface StopMatrix {
  /** Stop id → node index in the matrices. */
  nodeOf: Map<string, number>;
  stops: Stop[];
  durationS: Int32Array;
  distanceM: Int32Array;
  estimated: boolean;
  /**
   * Stops the road data does not cover yet (added since the last build while it could not be
   * rebuilt): their rows and columns are straight-line stand-ins, good for showing, not for promising.
   */
  missingStopIds?: ReadonlySet<string>;
  /** Why those stops lack road data (the routing failure, naming the server or the stops). */
  roadDataProblem?: string;
}

/** Seconds a client should wait before asking again: the stored matrix retries its rebuild every 2 s. */
export const ROAD_DATA_RETRY_AFTER_S = 5;

/**
 * A write that needs road times the routing server cannot give now: kind `unavailable`, so the API
 * answers 503 with Retry-After and a worker retries. `reason` names the server or the stops; it is
 * logged, never shown to clients.
 */
export class RoadDataUnavailableError extends DomainError<'road-data-unavailable'> {
  constructor(readonly reason: string, retryAfterS = ROAD_DATA_RETRY_AFTER_S, cause?: unknown) {
    super('unavailable', 'road-data-unavailable', `Road travel times this request needs are unavailable right now; try again in ${retryAfterS} s.`, { retryAfterS, cause });
    this.name = 'RoadDataUnavailableError';
  }
}

/** Driving seconds from one stop of the matrix to another. */
export function travelS(matrix: StopMatrix, fromStopId: string, toStopId: string): number {
  return matrix.durationS[matrix.nodeOf.get(fromStopId)! * matrix.stops.length + matrix.nodeOf.get(toStopId)!];
}

/** Stop-to-stop travel times of the stops, straight from the travel-times port (no storing, no checks). */
export async function buildStopMatrix(travelTimes: TravelTimes, stops: Stop[]): Promise<StopMatrix> {
  const answer = await travelTimes.matrix(stops.map((s) => ({ lon: s.lon, lat: s.lat })));
  const durationS = Int32Array.from(answer.durationS, (v) => (v < 0 ? UNREACHABLE_S : v));
  const distanceM = Int32Array.from(answer.distanceM, (v) => (v < 0 ? UNREACHABLE_S : v));
  return { nodeOf: new Map(stops.map((s, i) => [s.id, i])), stops, durationS, distanceM, estimated: answer.estimated };
}
