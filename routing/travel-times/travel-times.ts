/**
 * Road travel times behind one interface, so the dispatcher does not care whether an OSRM server,
 * a straight-line estimate or recorded fixtures answer. Durations are integer seconds and
 * distances integer metres; -1 marks an unreachable pair.
 */
export interface LonLat {
  lon: number;
  lat: number;
}

export interface TravelMatrix {
  rows: number;
  cols: number;
  /** Row-major (`row * cols + col`), rounded seconds, -1 = unreachable. */
  durationS: Int32Array;
  /** Row-major, rounded metres, -1 = unreachable. */
  distanceM: Int32Array;
  /** True when the numbers come from an estimate rather than a road graph. */
  estimated: boolean;
  unreachableCells: number;
  /**
   * Metres each source (destination) moved to reach the road, when the service reports it (OSRM
   * does). A large value means no road near the point, or a server loaded with another region.
   */
  sourceSnapM?: Float64Array;
  destinationSnapM?: Float64Array;
}

export interface LineString {
  type: 'LineString';
  coordinates: [number, number][];
}

export interface RoadRoute {
  durationS: number;
  distanceM: number;
  geometry: LineString | null;
  legs: { durationS: number; distanceM: number }[];
  estimated: boolean;
}

export interface SnappedPoint {
  location: LonLat;
  /** How far the point moved to reach the road; large values mean "no road near here". */
  distanceM: number;
  name: string;
}

export interface TravelTimes {
  readonly kind: 'osrm' | 'estimate' | 'fixture';
  /** Durations and distances from every source to every destination (default: sources × sources). */
  matrix(sources: LonLat[], destinations?: LonLat[]): Promise<TravelMatrix>;
  route(points: LonLat[], options?: { geometry?: boolean }): Promise<RoadRoute>;
  nearest(point: LonLat, count?: number): Promise<SnappedPoint[]>;
  /**
   * One cheap request with no retry, for health checks: resolves with how far `point` snaps, throws
   * a RoutingError when the server cannot be reached or fails. Absent where nothing can go down.
   */
  probe?(point: LonLat): Promise<{ snapM: number }>;
}
