import { LRUCache } from 'lru-cache';
import type { TravelTimes } from '../../../routing/travel-times/travel-times';
import type { DomainContext } from '../context';
import { domainErrors } from '../domain-error';

export interface RouteLine {
  /** True when the line follows the roads (OSRM); false: straight segments between the stops. */
  road: boolean;
  /** [lon, lat] pairs, GeoJSON order. */
  coordinates: Array<[number, number]>;
}

/**
 * The line a bus drives through stops in order, for the desk's map: OSRM's road geometry when
 * configured, else (and whenever OSRM fails) straight segments. Lines are kept a while by their stop
 * sequence, so a desk reading the map again after every change costs no routing requests.
 */
export function createRouteLines(travelTimes: Pick<TravelTimes, 'route'>, options: { ttlMs: number } = { ttlMs: 15 * 60_000 }) {
  const kept = new LRUCache<string, RouteLine>({ max: 2_000, ttl: options.ttlMs });
  return async function routeLine(ctx: DomainContext, stopIds: string[]): Promise<RouteLine> {
    const key = stopIds.join(',');
    const known = kept.get(key);
    if (known) return known;
    const stops = new Map((await ctx.repos.areas.stopsByIds(stopIds)).map((s) => [s.id, s]));
    const missing = stopIds.findIndex((id) => !stops.has(id));
    if (missing >= 0) throw domainErrors.invalid([{ field: `stops.${missing}`, message: 'no stop has this id' }]);
    const points = stopIds.map((id) => ({ lon: stops.get(id)!.lon, lat: stops.get(id)!.lat }));
    const straight: RouteLine = { road: false, coordinates: points.map((p) => [p.lon, p.lat]) };
    try {
      const route = await travelTimes.route(points, { geometry: true });
      const line: RouteLine = route.estimated || !route.geometry ? straight : { road: true, coordinates: route.geometry.coordinates as Array<[number, number]> };
      kept.set(key, line);
      return line;
    } catch {
      // OSRM down or a stop it cannot snap: straight for now, asked again next time.
      return straight;
    }
  };
}

export type RouteLines = ReturnType<typeof createRouteLines>;
