import { Router } from 'express';
import { z } from 'zod';
import type { DomainContext } from '../../domain/context';
import { textSchema } from '../../domain/text-schema';
import { parseOr400 } from '../problem';
import type { RouteDoc } from '../openapi/route-doc';
import { itemsOf, publicStopSchema } from '../openapi/response-schemas';

const querySchema = z.object({ areaId: z.uuid().optional(), village: textSchema({ min: 1, max: 100 }).optional() }).strict();

export const stopsRouteDocs: RouteDoc[] = [{
  method: 'get', path: '/v1/stops', tag: 'Areas and stops', callers: ['rider', 'dispatcher', 'driver', 'admin'], query: querySchema, summary: 'The stops riders can book, optionally of one area or village',
  responses: { 200: { description: 'The stops', schema: itemsOf(publicStopSchema) } },
}];

/** The virtual stops riders can book, for apps and the dispatchers' phone form. */
export function stopsRouter(ctx: DomainContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parseOr400(querySchema, req.query);
    const areas = query.areaId ? [query.areaId] : (await ctx.repos.areas.list()).map((a) => a.id);
    const stops = (await Promise.all(areas.map((id) => ctx.repos.areas.activeStops(id)))).flat();
    const village = query.village?.toLocaleLowerCase('de');
    res.json({
      items: stops
        .filter((s) => !village || s.village.toLocaleLowerCase('de').includes(village))
        .map(({ id, areaId, code, name, village: v, lat, lon, wheelchairAccessible }) => ({ id, areaId, code, name, village: v, lat, lon, wheelchairAccessible })),
    });
  });
  return router;
}
