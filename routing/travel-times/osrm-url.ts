import type { LonLat } from './travel-times';

/**
 * `lon,lat` with at most 6 decimals (≈ 0.1 m, finer than OSRM snaps) and no trailing zeros, so
 * equal points always give equal URLs.
 */
export function formatCoordinate(point: LonLat): string {
  return `${formatDegrees(point.lon)},${formatDegrees(point.lat)}`;
}

function formatDegrees(value: number): string {
  const fixed = value.toFixed(6);
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

export function coordinateList(points: readonly LonLat[]): string {
  return points.map(formatCoordinate).join(';');
}

/** Query strings keep OSRM's `;` and `,` literal: OSRM reads them unescaped. */
export function queryString(params: [string, string][]): string {
  return params.length === 0 ? '' : `?${params.map(([key, value]) => `${key}=${value}`).join('&')}`;
}

export function indexList(start: number, count: number): string {
  return Array.from({ length: count }, (_, i) => start + i).join(';');
}
