import type { AreaBoundary } from './admin-api';

export type BoundaryFileProblem = 'not-json' | 'not-polygon';

/**
 * The polygon in an uploaded GeoJSON file: a bare Polygon or MultiPolygon, a Feature with one, or a
 * FeatureCollection whose first feature has one. Whether it is a usable area (closed, not crossing
 * itself, a sensible size) is the service's to say.
 */
export function boundaryFromFile(text: string): AreaBoundary | BoundaryFileProblem {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not-json';
  }
  const geometry = geometryOf(json);
  return geometry ?? 'not-polygon';
}

function geometryOf(json: unknown): AreaBoundary | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const value = json as { type?: unknown; coordinates?: unknown; geometry?: unknown; features?: unknown };
  if ((value.type === 'Polygon' || value.type === 'MultiPolygon') && Array.isArray(value.coordinates)) return { type: value.type, coordinates: value.coordinates } as AreaBoundary;
  if (value.type === 'Feature') return geometryOf(value.geometry);
  if (value.type === 'FeatureCollection' && Array.isArray(value.features)) return geometryOf(value.features[0]);
  return undefined;
}

/** The drawn corners as a closed ring (the first point again at the end). */
export const polygonOf = (points: Array<[number, number]>): AreaBoundary => ({ type: 'Polygon', coordinates: [[...points, points[0]]] });
