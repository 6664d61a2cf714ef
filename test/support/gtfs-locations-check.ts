/**
 * locations.geojson as the GTFS reference wants it: a GeoJSON (RFC 7946) FeatureCollection whose
 * every Feature has a unique string id, a properties object (stop_name and stop_desc strings when
 * given) and a Polygon or MultiPolygon geometry of WGS84 [lon, lat] positions in closed rings of at
 * least four positions, not crossing themselves (OGC Simple Features). Returns the ids it found; reports every problem through `report`.
 */
import { kinks, polygon } from '@turf/turf';

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

function checkRing(ring: Json, where: string, report: (message: string) => void) {
  if (!Array.isArray(ring) || ring.length < 4) return report(`${where}: a ring needs at least 4 positions`);
  for (const [i, position] of ring.entries()) {
    const ok = Array.isArray(position) && position.length >= 2 && position.every((n) => typeof n === 'number' && Number.isFinite(n));
    if (!ok) return report(`${where}[${i}]: expected a [lon, lat] position`);
    if (Math.abs(position[0]) > 180 || Math.abs(position[1]) > 90) return report(`${where}[${i}]: [${position[0]}, ${position[1]}] is not a WGS84 [lon, lat]`);
  }
  const [first, last] = [ring[0] as number[], ring.at(-1) as number[]];
  if (first[0] !== last[0] || first[1] !== last[1]) report(`${where}: ring not closed (last position differs from the first)`);
}

function checkPolygon(rings: Json, where: string, report: (message: string) => void) {
  if (!Array.isArray(rings) || rings.length === 0) return report(`${where}: a polygon needs at least one ring`);
  let valid = true;
  rings.forEach((ring, i) => checkRing(ring, `${where}[${i}]`, (message) => {
    valid = false;
    report(message);
  }));
  if (valid && kinks(polygon(rings as number[][][])).features.length > 0) report(`${where}: a ring crosses itself`);
}

export function checkLocationsGeojson(text: string | undefined, report: (message: string) => void): Set<string> {
  const ids = new Set<string>();
  if (text === undefined) return ids;
  let doc: Json;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    report(`not JSON: ${(error as Error).message}`);
    return ids;
  }
  if (!isObject(doc) || doc.type !== 'FeatureCollection') {
    report('expected a FeatureCollection');
    return ids;
  }
  if (!Array.isArray(doc.features) || doc.features.length === 0) {
    report('features: expected a non-empty array');
    return ids;
  }
  doc.features.forEach((feature: Json, i: number) => {
    const where = `features[${i}]`;
    if (!isObject(feature) || feature.type !== 'Feature') return report(`${where}: expected a Feature`);
    if (typeof feature.id !== 'string' || feature.id.trim() === '') report(`${where}.id: required, a non-empty string`);
    else if (ids.has(feature.id)) report(`${where}.id: "${feature.id}" not unique`);
    else ids.add(feature.id);
    if (!isObject(feature.properties)) report(`${where}.properties: required, an object`);
    else for (const key of ['stop_name', 'stop_desc']) if (key in feature.properties && typeof feature.properties[key] !== 'string') report(`${where}.properties.${key}: expected a string`);
    const geometry = feature.geometry;
    if (!isObject(geometry)) return report(`${where}.geometry: required`);
    if (geometry.type === 'Polygon') checkPolygon(geometry.coordinates, `${where}.geometry.coordinates`, report);
    else if (geometry.type === 'MultiPolygon') {
      if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) report(`${where}.geometry.coordinates: a MultiPolygon needs polygons`);
      else geometry.coordinates.forEach((polygon, j) => checkPolygon(polygon, `${where}.geometry.coordinates[${j}]`, report));
    } else report(`${where}.geometry.type: expected Polygon or MultiPolygon, got ${JSON.stringify(geometry.type)}`);
  });
  return ids;
}
