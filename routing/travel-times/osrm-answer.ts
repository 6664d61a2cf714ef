import type { z } from 'zod';
import { codeSchema } from './osrm-schemas';
import type { HttpAnswer } from './osrm-http';
import { coordinateIndexInMessage, isOsrmErrorCode, RoutingError, type CoordinateRole } from './routing-error';
import type { LonLat } from './travel-times';

/** Where coordinate `i` of one request came from in the caller's input. */
export type LocateCoordinate = (
  requestIndex: number,
) => { coordinate: LonLat; index: number; role: CoordinateRole } | undefined;

/**
 * Returns the validated body of an Ok answer, or throws the RoutingError the answer stands for.
 * OSRM's NoSegment message names the coordinate by its index within the request; `locate` maps
 * it back to the caller's input, so the error says which booking point is off the road network.
 */
export function readOsrmAnswer<T>(answer: HttpAnswer, schema: z.ZodType<T>, locate: LocateCoordinate): T {
  const coded = codeSchema.safeParse(answer.body);
  if (!coded.success) {
    throw new RoutingError('BadResponse', `OSRM answered HTTP ${answer.status} without an OSRM JSON body`);
  }
  if (coded.data.code !== 'Ok' || answer.status !== 200) throw errorOfCode(coded.data.code, coded.data.message ?? '', locate);
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.join('.') || '(root)';
    throw new RoutingError('BadResponse', `OSRM answer does not have the expected shape at ${at}: ${issue.message}`, { cause: parsed.error });
  }
  return parsed.data;
}

function errorOfCode(code: string, message: string, locate: LocateCoordinate): RoutingError {
  if (!isOsrmErrorCode(code)) {
    return new RoutingError('UpstreamError', `OSRM answered with unknown code ${code}: ${message}`);
  }
  const requestIndex = code === 'NoSegment' ? coordinateIndexInMessage(message) : undefined;
  const located = requestIndex === undefined ? undefined : locate(requestIndex);
  if (!located) return new RoutingError(code, `OSRM ${code}: ${message || 'no message'}`);
  const { lon, lat } = located.coordinate;
  return new RoutingError(
    code,
    `OSRM ${code}: no road near ${located.role}[${located.index}] (lon ${lon}, lat ${lat}) — ${message}`,
    located,
  );
}

/** Rejects coordinates OSRM would answer InvalidValue for, naming the first bad one. */
export function assertValidCoordinates(points: readonly LonLat[], role: CoordinateRole): void {
  points.forEach((point, index) => {
    const ok = Number.isFinite(point.lon) && Number.isFinite(point.lat)
      && Math.abs(point.lon) <= 180 && Math.abs(point.lat) <= 90;
    if (!ok) {
      throw new RoutingError('InvalidValue', `${role}[${index}] is not a valid coordinate (lon ${point.lon}, lat ${point.lat})`, {
        coordinate: point, index, role,
      });
    }
  });
}
