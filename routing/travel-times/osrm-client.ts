import { assertValidCoordinates, readOsrmAnswer, type LocateCoordinate } from './osrm-answer';
import { getJson, type HttpAnswer, type HttpOptions } from './osrm-http';
import { nearestResponseSchema, routeResponseSchema } from './osrm-schemas';
import { coordinateList, formatCoordinate, queryString } from './osrm-url';
import { RoutingError } from './routing-error';
import { fetchTable } from './osrm-table';
import type { LonLat, RoadRoute, SnappedPoint, TravelMatrix, TravelTimes } from './travel-times';

export interface OsrmTravelTimesOptions {
  /** e.g. `http://osrm:5000`; a trailing slash is ignored. */
  baseUrl: string;
  profile?: string;
  /** The server's `--max-table-size`: most coordinates (sources + destinations) in one /table request. */
  maxTableSize?: number;
  /** Per attempt, body included. */
  timeoutMs?: number;
  /** Extra attempts after a network error, timeout or 5xx; 4xx answers are never retried. */
  retries?: number;
  /** Wait before the first retry; doubles for each further one. */
  backoffMs?: number;
  /** Most /table requests in flight at once when a matrix is split. */
  concurrency?: number;
  fetch?: typeof fetch;
}

/** Travel times from an OSRM v5 server over its HTTP API. */
export class OsrmTravelTimes implements TravelTimes {
  readonly kind = 'osrm' as const;
  private readonly baseUrl: string;
  private readonly profile: string;
  private readonly maxTableSize: number;
  private readonly concurrency: number;
  private readonly http: HttpOptions;

  constructor(options: OsrmTravelTimesOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.profile = options.profile ?? 'driving';
    this.maxTableSize = options.maxTableSize ?? 100;
    this.concurrency = options.concurrency ?? 4;
    this.http = {
      timeoutMs: options.timeoutMs ?? 5000,
      retries: options.retries ?? 2,
      backoffMs: options.backoffMs ?? 200,
      fetch: options.fetch ?? globalThis.fetch,
    };
    if (!/^[a-z0-9_-]+$/i.test(this.profile)) throw new RangeError(`invalid OSRM profile ${this.profile}`);
    if (!Number.isInteger(this.maxTableSize) || this.maxTableSize < 2) throw new RangeError('maxTableSize must be an integer ≥ 2');
  }

  async matrix(sources: LonLat[], destinations?: LonLat[]): Promise<TravelMatrix> {
    assertValidCoordinates(sources, 'sources');
    if (destinations) assertValidCoordinates(destinations, 'destinations');
    return fetchTable({
      sources,
      destinations,
      maxTableSize: this.maxTableSize,
      concurrency: this.concurrency,
      get: (coordinates, params) => this.get('table', coordinates, params),
    });
  }

  async route(points: LonLat[], options: { geometry?: boolean } = {}): Promise<RoadRoute> {
    assertValidCoordinates(points, 'points');
    if (points.length < 2) {
      throw new RoutingError('InvalidQuery', `a route needs at least 2 points, got ${points.length}`);
    }
    const wantGeometry = options.geometry ?? true;
    const params: [string, string][] = wantGeometry
      ? [['overview', 'full'], ['geometries', 'geojson'], ['steps', 'false']]
      : [['overview', 'false'], ['steps', 'false']];
    const answer = readOsrmAnswer(await this.get('route', coordinateList(points), params), routeResponseSchema, locateIn(points));
    const best = answer.routes[0];
    if (best.legs.length !== points.length - 1) {
      throw new RoutingError('BadResponse', `OSRM route has ${best.legs.length} legs for ${points.length} points`);
    }
    if (wantGeometry && !best.geometry) {
      throw new RoutingError('BadResponse', 'OSRM route lacks the GeoJSON geometry asked for');
    }
    return {
      durationS: Math.round(best.duration),
      distanceM: Math.round(best.distance),
      geometry: wantGeometry && best.geometry ? { type: 'LineString', coordinates: best.geometry.coordinates } : null,
      legs: best.legs.map((leg) => ({ durationS: Math.round(leg.duration), distanceM: Math.round(leg.distance) })),
      estimated: false,
    };
  }

  /** Snapped points, nearest first. A point far from any road still snaps: check `distanceM`. */
  async nearest(point: LonLat, count = 1): Promise<SnappedPoint[]> {
    assertValidCoordinates([point], 'points');
    if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
    const http = await this.get('nearest', formatCoordinate(point), [['number', String(count)]]);
    const answer = readOsrmAnswer(http, nearestResponseSchema, locateIn([point]));
    return answer.waypoints.map((waypoint) => ({
      location: { lon: waypoint.location[0], lat: waypoint.location[1] },
      distanceM: waypoint.distance,
      name: waypoint.name,
    }));
  }

  /** One /nearest without retries and with at most 2 s, so a health check stays cheap when OSRM is away. */
  async probe(point: LonLat): Promise<{ snapM: number }> {
    assertValidCoordinates([point], 'points');
    const http = { ...this.http, retries: 0, timeoutMs: Math.min(this.http.timeoutMs, 2000) };
    const url = `${this.baseUrl}/nearest/v1/${this.profile}/${formatCoordinate(point)}?number=1`;
    const answer = readOsrmAnswer(await getJson(url, http), nearestResponseSchema, locateIn([point]));
    return { snapM: answer.waypoints[0].distance };
  }

  private get(service: 'table' | 'route' | 'nearest', coordinates: string, params: [string, string][]): Promise<HttpAnswer> {
    return getJson(`${this.baseUrl}/${service}/v1/${this.profile}/${coordinates}${queryString(params)}`, this.http);
  }
}

function locateIn(points: readonly LonLat[]): LocateCoordinate {
  return (requestIndex) =>
    requestIndex < points.length ? { coordinate: points[requestIndex], index: requestIndex, role: 'points' } : undefined;
}
