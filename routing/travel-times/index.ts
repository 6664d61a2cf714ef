import { OsrmTravelTimes } from './osrm-client';
import { StraightLineEstimate } from './straight-line-estimate';
import type { TravelTimes } from './travel-times';

export type { LineString, LonLat, RoadRoute, SnappedPoint, TravelMatrix, TravelTimes } from './travel-times';
export { OsrmTravelTimes, type OsrmTravelTimesOptions } from './osrm-client';
export { StraightLineEstimate, type StraightLineEstimateOptions } from './straight-line-estimate';
export { RoutingError, type CoordinateRole, type OsrmErrorCode, type RoutingErrorCode } from './routing-error';
export { planTableChunks, type TableChunk } from './table-chunks';
export { formatCoordinate } from './osrm-url';
export { haversineM } from './haversine';

export interface TravelTimesSettings {
  /** OSRM v5 base URL; without one, straight-line estimates answer. */
  osrmUrl?: string;
  profile: string;
  maxTableSize: number;
  timeoutMs: number;
  detourFactor: number;
  speedKmh: number;
  fetch?: typeof fetch;
}

/** OSRM when a URL is configured (OSRM_URL), else the straight-line estimate. */
export function createTravelTimes(settings: TravelTimesSettings): TravelTimes {
  if (settings.osrmUrl) {
    return new OsrmTravelTimes({
      baseUrl: settings.osrmUrl,
      profile: settings.profile,
      maxTableSize: settings.maxTableSize,
      timeoutMs: settings.timeoutMs,
      fetch: settings.fetch,
    });
  }
  return new StraightLineEstimate({ detourFactor: settings.detourFactor, speedKmh: settings.speedKmh });
}
