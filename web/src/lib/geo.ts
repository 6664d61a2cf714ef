import type { Stop } from '../types';

const EARTH_RADIUS_M = 6_371_000;

export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/** Paths wind: a walk is taken as 1.3 × the straight line, at 4.5 km/h (75 m a minute). */
export const walkingMinutes = (straightM: number) => Math.max(1, Math.round((straightM * 1.3) / 75));

export function nearestStop(stops: Stop[], at: { lat: number; lon: number }, wheelchair: boolean): { stop: Stop; distanceM: number } | null {
  let best: { stop: Stop; distanceM: number } | null = null;
  for (const stop of stops) {
    if (wheelchair && !stop.wheelchairAccessible) continue;
    const d = distanceM(stop, at);
    if (!best || d < best.distanceM) best = { stop, distanceM: d };
  }
  return best;
}

/**
 * A generous guess of the bus's time between two stops (1.5 × the straight line at 30 km/h, plus 10
 * minutes for others picked up on the way), only to suggest an arrival time the bus can make.
 */
export const rideMinutesGuess = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => Math.ceil((distanceM(a, b) * 1.5) / 500) + 10;
