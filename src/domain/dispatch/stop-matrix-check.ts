import { haversineM } from '../../../routing/travel-times';
import type { Stop } from '../../data-access/areas-repository';

/** Road data that fails the checks below; the matrix is not stored and the previous one stays in use. */
export class RoadDataRejectedError extends Error {
  override name = 'RoadDataRejectedError';
  constructor(message: string, readonly stopIds: string[]) {
    super(message);
  }
}

/** Most stops or pairs named in one message; the rest are counted. */
const NAMED = 5;

/**
 * Checks a freshly built matrix before it is trusted. A server loaded with another region answers
 * `Ok` with every stop snapped hundreds of kilometres away and every time 0 s; only the snap distances
 * tell. So: every stop must snap within `maxSnapM` of its coordinates; between two stops farther apart
 * than `maxSnapM` (they cannot share a road position) a time of 0 s is impossible; and between distinct
 * coordinates a missing time means the road graph does not connect them. Throws RoadDataRejectedError
 * naming the stops.
 */
export function assertTrustworthyRoadData(stops: Stop[], durationS: Int32Array, snapM: Float64Array, maxSnapM: number): void {
  const n = stops.length;
  const far = stops.flatMap((stop, i) => (snapM[i] > maxSnapM ? [`${stop.name} (${formatMetres(snapM[i])})`] : []));
  const badStops = new Set(stops.filter((_, i) => snapM[i] > maxSnapM).map((s) => s.id));
  const zero: string[] = [];
  const missing: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const cell = durationS[i * n + j];
      if (cell > 0) continue;
      const apartM = haversineM(stops[i], stops[j]);
      const pair = `${stops[i].name} → ${stops[j].name}`;
      if (cell < 0 && apartM > 0) missing.push(pair);
      else if (cell === 0 && apartM > maxSnapM) zero.push(pair);
      else continue;
      badStops.add(stops[i].id).add(stops[j].id);
    }
  }
  const parts = [
    far.length > 0 && `${far.length} stop${far.length === 1 ? '' : 's'} snapped farther than ${maxSnapM} m from ${far.length === 1 ? 'its' : 'their'} coordinates: ${named(far)}`,
    zero.length > 0 && `${zero.length} pair${zero.length === 1 ? '' : 's'} of stops more than ${maxSnapM} m apart with 0 s between them: ${named(zero)}`,
    missing.length > 0 && `${missing.length} pair${missing.length === 1 ? '' : 's'} of stops with no road time: ${named(missing)}`,
  ].filter((part): part is string => typeof part === 'string');
  if (parts.length === 0) return;
  throw new RoadDataRejectedError(`Road data rejected (is OSRM loaded with this region?) — ${parts.join('; ')}`, [...badStops]);
}

function named(items: string[]): string {
  const shown = items.slice(0, NAMED).join(', ');
  return items.length > NAMED ? `${shown} and ${items.length - NAMED} more` : shown;
}

function formatMetres(metres: number): string {
  return metres >= 10_000 ? `${Math.round(metres / 1000)} km` : `${Math.round(metres)} m`;
}
