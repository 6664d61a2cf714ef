import { area as squareMetres, kinks } from '@turf/turf';
import type { AreaPolygon } from '../../../db/schema/service-area-json';
import type { FieldError } from '../domain-error';

/** Smaller than a village square, or larger than any county: a mistake (swapped lat/lon, metres for degrees). */
const MIN_KM2 = 0.05;
const MAX_KM2 = 50_000;

/**
 * What is wrong with a service area's boundary, naming the part at fault (`boundary.coordinates.0.2`):
 * WGS84 ranges, rings that do not end where they start, edges that cross, and a size no county has.
 */
export function boundaryFieldErrors(boundary: AreaPolygon, field = 'boundary'): FieldError[] {
  const polygons = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
  const at = (p: number) => (boundary.type === 'Polygon' ? `${field}.coordinates` : `${field}.coordinates.${p}`);
  const errors: FieldError[] = [];
  polygons.forEach((rings, p) => rings.forEach((ring, r) => {
    const bad = ring.findIndex(([lon, lat]) => !(Math.abs(lon) <= 180 && Math.abs(lat) <= 90));
    if (bad >= 0) errors.push({ field: `${at(p)}.${r}.${bad}`, message: 'expected [longitude, latitude] in WGS84 degrees' });
    const [first, last] = [ring[0], ring.at(-1)!];
    if (first[0] !== last[0] || first[1] !== last[1]) errors.push({ field: `${at(p)}.${r}`, message: 'the ring must end at its first point (closed ring)' });
  }));
  if (errors.length > 0) return errors;
  const crossings = kinks(boundary).features;
  if (crossings.length > 0) {
    const [lon, lat] = crossings[0].geometry.coordinates;
    return [{ field: `${field}.coordinates`, message: `edges cross each other (${crossings.length}×, first near ${lat.toFixed(5)}, ${lon.toFixed(5)})` }];
  }
  const km2 = squareMetres(boundary) / 1e6;
  if (km2 < MIN_KM2 || km2 > MAX_KM2) {
    return [{ field, message: `covers ${km2 < 1 ? km2.toFixed(3) : Math.round(km2)} km²; expected between ${MIN_KM2} and ${MAX_KM2} km² (longitude first, then latitude?)` }];
  }
  return [];
}
