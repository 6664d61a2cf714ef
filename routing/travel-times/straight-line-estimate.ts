import { haversineM } from './haversine';
import type { LonLat, RoadRoute, SnappedPoint, TravelMatrix, TravelTimes } from './travel-times';

export interface StraightLineEstimateOptions {
  /** Road distance ÷ straight-line distance; Eifel roads wind around valleys. */
  detourFactor?: number;
  /** Average speed over the road distance, stops and villages included. */
  speedKmh?: number;
}

/**
 * Travel times without a road graph: great-circle distance × detour factor at an average speed.
 * Every answer is flagged `estimated`; nothing is ever unreachable.
 */
export class StraightLineEstimate implements TravelTimes {
  readonly kind = 'estimate' as const;
  private readonly detourFactor: number;
  private readonly metresPerSecond: number;

  constructor(options: StraightLineEstimateOptions = {}) {
    this.detourFactor = options.detourFactor ?? 1.35;
    const speedKmh = options.speedKmh ?? 50;
    if (!(this.detourFactor >= 1)) throw new RangeError('detourFactor must be ≥ 1');
    if (!(speedKmh > 0)) throw new RangeError('speedKmh must be positive');
    this.metresPerSecond = speedKmh / 3.6;
  }

  async matrix(sources: LonLat[], destinations: LonLat[] = sources): Promise<TravelMatrix> {
    const rows = sources.length;
    const cols = destinations.length;
    const durationS = new Int32Array(rows * cols);
    const distanceM = new Int32Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const leg = this.leg(sources[r], destinations[c]);
        durationS[r * cols + c] = leg.durationS;
        distanceM[r * cols + c] = leg.distanceM;
      }
    }
    return { rows, cols, durationS, distanceM, estimated: true, unreachableCells: 0 };
  }

  async route(points: LonLat[], options: { geometry?: boolean } = {}): Promise<RoadRoute> {
    const legs = points.slice(1).map((point, i) => this.leg(points[i], point));
    const coordinates = points.map((p): [number, number] => [p.lon, p.lat]);
    return {
      durationS: legs.reduce((sum, leg) => sum + leg.durationS, 0),
      distanceM: legs.reduce((sum, leg) => sum + leg.distanceM, 0),
      geometry: options.geometry ?? true ? { type: 'LineString', coordinates } : null,
      legs,
      estimated: true,
    };
  }

  async nearest(point: LonLat, _count = 1): Promise<SnappedPoint[]> {
    return [{ location: { lon: point.lon, lat: point.lat }, distanceM: 0, name: '' }];
  }

  private leg(from: LonLat, to: LonLat): { durationS: number; distanceM: number } {
    const roadM = haversineM(from, to) * this.detourFactor;
    return { durationS: Math.round(roadM / this.metresPerSecond), distanceM: Math.round(roadM) };
  }
}
