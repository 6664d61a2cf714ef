import { Router } from 'express';
import type { ServiceArea } from '../../data-access/areas-repository';
import type { DomainContext } from '../../domain/context';
import type { RouteDoc } from '../openapi/route-doc';
import { itemsOf, publicAreaSchema } from '../openapi/response-schemas';

export const areasRouteDocs: RouteDoc[] = [{
  method: 'get', path: '/v1/areas', tag: 'Areas and stops', callers: ['rider', 'dispatcher', 'driver', 'admin'], summary: 'The service areas with hours, booking rules and hotline',
  responses: { 200: { description: 'The areas', schema: itemsOf(publicAreaSchema) } },
}];

/** West, south, east, north of the area's outline: where a map of it starts. */
function boundsOf(area: ServiceArea): [number, number, number, number] {
  const points = area.polygon.type === 'Polygon' ? area.polygon.coordinates.flat() : area.polygon.coordinates.flat(2);
  const lons = points.map(([lon]) => lon);
  const lats = points.map(([, lat]) => lat);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/**
 * The service areas as a booking form needs them: hours, the rules it can check before sending
 * (`maxSeats`: the largest party a rider may book online: the largest bus in service, or the area's
 * largest party when that is smaller), the hotline for what cannot be done online.
 */
export function areasRouter(ctx: DomainContext): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const areas = await ctx.repos.areas.list();
    const items = await Promise.all(areas.map(async (area) => {
      const vehicles = await ctx.repos.areas.vehicles(area.id);
      const { minLeadMin, maxHorizonDays, cancellationCutoffMin, pickupWindowMin, maxActiveBookingsPerRider } = area.rules;
      return {
        id: area.id,
        name: area.name,
        timeZone: area.timeZone,
        operatingHours: area.operatingHours,
        rules: {
          minLeadMin, maxHorizonDays, cancellationCutoffMin, pickupWindowMin, maxActiveBookingsPerRider,
          maxSeats: Math.min(area.rules.maxPartySize ?? Infinity, Math.max(0, ...vehicles.filter((v) => v.inService).map((v) => v.seats))),
        },
        hotline: area.hotline,
        infoUrl: area.infoUrl,
        bounds: boundsOf(area),
      };
    }));
    res.json({ items });
  });
  return router;
}
