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
  coordinate?: LonLat;
  index?: number;
  role?: CoordinateRole;
  cause?: unknown;
}

/**
 * A routing failure with a stable code, naming the coordinate at fault where OSRM says which. What a
 * client is answered is the domain's business (src/domain/as-domain-error.ts): every routing failure
 * reaching it means road data is unavailable now.
 */
export class RoutingError extends Error {
  readonly code: RoutingErrorCode;
  readonly coordinate?: LonLat;
  readonly index?: number;
  readonly role?: CoordinateRole;

  constructor(code: RoutingErrorCode, message: string, details: RoutingErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'RoutingError';
    this.code = code;
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

/** OSRM says "Could not find a matching segment for coordinate 1"; the index is within the request. */
export function coordinateIndexInMessage(message: string): number | undefined {
  const match = /coordinate (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}
