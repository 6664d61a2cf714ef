import type { LonLat } from './travel-times';

/** Error codes OSRM v5 answers with, plus the ones this client adds for transport failures. */
export type OsrmErrorCode =
  | 'InvalidQuery'
  | 'InvalidValue'
  | 'InvalidOptions'
  | 'InvalidUrl'
  | 'InvalidService'
  | 'NoSegment'
  | 'TooBig'
  | 'NoTable'
  | 'NoRoute';

export type RoutingErrorCode =
  | OsrmErrorCode
  /** OSRM answered 5xx (after retries) or with an unknown code. */
  | 'UpstreamError'
  /** OSRM's answer was not the JSON shape this client relies on. */
  | 'BadResponse'
  /** No connection could be made (after retries). */
  | 'Unreachable'
  /** No answer within the timeout (after retries). */
  | 'Timeout';

/** Which input list `RoutingError.index` points into. */
export type CoordinateRole = 'sources' | 'destinations' | 'points';

export interface RoutingErrorDetails {
  httpStatus: 422 | 502 | 503;
  coordinate?: LonLat;
  index?: number;
  role?: CoordinateRole;
  cause?: unknown;
}

/**
 * A routing failure with a stable code. `httpStatus` is what the API should answer: 422 when the
 * caller's coordinates cannot be routed (NoSegment, NoRoute, invalid values), 502 when OSRM failed
 * or answered nonsense, 503 when it could not be reached in time.
 */
export class RoutingError extends Error {
  readonly code: RoutingErrorCode;
  readonly httpStatus: 422 | 502 | 503;
  readonly coordinate?: LonLat;
  readonly index?: number;
  readonly role?: CoordinateRole;

  constructor(code: RoutingErrorCode, message: string, details: RoutingErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'RoutingError';
    this.code = code;
    this.httpStatus = details.httpStatus;
    this.coordinate = details.coordinate;
    this.index = details.index;
    this.role = details.role;
  }
}

const OSRM_CODES: ReadonlySet<string> = new Set<OsrmErrorCode>([
  'InvalidQuery', 'InvalidValue', 'InvalidOptions', 'InvalidUrl', 'InvalidService',
  'NoSegment', 'TooBig', 'NoTable', 'NoRoute',
]);

export function isOsrmErrorCode(code: string): code is OsrmErrorCode {
  return OSRM_CODES.has(code);
}

/**
 * NoSegment and NoRoute are about the caller's coordinates (off the road network, on an island);
 * every other OSRM code means this client built a request the server rejects, or the server is
 * configured differently (e.g. a smaller --max-table-size): an upstream failure.
 */
export function httpStatusOfOsrmCode(code: OsrmErrorCode): 422 | 502 {
  return code === 'NoSegment' || code === 'NoRoute' ? 422 : 502;
}

/** OSRM says "Could not find a matching segment for coordinate 1"; the index is within the request. */
export function coordinateIndexInMessage(message: string): number | undefined {
  const match = /coordinate (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}
