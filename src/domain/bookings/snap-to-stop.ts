import { booleanPointInPolygon, distance, point } from '@turf/turf';
import type { AreaPolygon } from '../../../db/schema/service-area-json';

export interface SnappableStop {
  id: string;
  lat: number;
  lon: number;
  wheelchairAccessible: boolean;
}

export type SnapResult<S> =
  | { ok: true; stop: S; walkM: number }
  | { ok: false; code: 'outside-service-area' | 'no-stop-nearby'; detail: string };

/**
 * The nearest active stop to a booked coordinate, within a walking distance. Wheelchair riders are
 * only offered accessible stops.
 */
export function snapToStop<S extends SnappableStop>(
  at: { lat: number; lon: number },
  polygon: AreaPolygon,
  activeStops: S[],
  options: { maxWalkM: number; needsAccessible: boolean },
): SnapResult<S> {
  const here = point([at.lon, at.lat]);
  if (!booleanPointInPolygon(here, polygon)) {
    return { ok: false, code: 'outside-service-area', detail: 'The point lies outside the service area.' };
  }
  let best: S | undefined;
  let bestM = Infinity;
  for (const stop of activeStops) {
    if (options.needsAccessible && !stop.wheelchairAccessible) continue;
    const metres = distance(here, point([stop.lon, stop.lat]), { units: 'meters' });
    if (metres < bestM) {
      best = stop;
      bestM = metres;
    }
  }
  if (!best || bestM > options.maxWalkM) {
    const nearest = Number.isFinite(bestM) ? ` The nearest${options.needsAccessible ? ' accessible' : ''} stop is ${Math.round(bestM)} m away.` : '';
    return { ok: false, code: 'no-stop-nearby', detail: `No stop within ${options.maxWalkM} m walking.${nearest}` };
  }
  return { ok: true, stop: best, walkM: Math.round(bestM) };
}
