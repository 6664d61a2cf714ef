import { haversineM } from '../../../routing/travel-times/haversine';
import type { PlanStop } from '../../../db/schema';
import type { StopMatrix } from '../dispatch/stop-matrix';

/**
 * Seconds by which the bus will reach its next planned stop after the planned time, leaving `fromStopId`
 * now (negative = early). Undefined when there is no next stop or a stop is not in the matrix.
 */
export function secondsLate(matrix: StopMatrix, fromStopId: string, next: PlanStop | undefined, nowMs: number): number | undefined {
  if (!next) return undefined;
  const from = matrix.nodeOf.get(fromStopId);
  const to = matrix.nodeOf.get(next.stopId);
  if (from === undefined || to === undefined) return undefined;
  const arrivalMs = nowMs + matrix.durationS[from * matrix.stops.length + to] * 1000;
  return Math.round((arrivalMs - Date.parse(next.plannedAt)) / 1000);
}

/** The matrix stop nearest to a GPS fix: where a position-only event is taken to be. */
export function nearestStopId(matrix: StopMatrix, position: { lat: number; lon: number }): string | undefined {
  let best: string | undefined;
  let bestM = Infinity;
  for (const stop of matrix.stops) {
    const m = haversineM(position, stop);
    if (m < bestM) [best, bestM] = [stop.id, m];
  }
  return best;
}
