import { Router } from 'express';
import { z } from 'zod';
import type { DomainContext } from '../../domain/context';
import type { FlexFeedPublisher } from '../../domain/gtfs/flex-export';
import { exportAreaFlexFeed } from '../../domain/gtfs/flex-export-area';
import { zipFlexFeed } from '../../domain/gtfs/flex-export-zip';
import { allowRoles } from '../auth';
import { problems } from '../problem';
import type { RouteDoc } from '../openapi/route-doc';

export const adminGtfsFlexRouteDocs: RouteDoc[] = [{
  method: 'get', path: '/v1/admin/areas/{id}/gtfs-flex.zip', tag: 'Operator', callers: ['admin'], summary: 'The area\'s GTFS-Flex feed for journey planners',
  responses: { 200: { description: 'The feed as a zip', contentType: 'application/zip' } },
}];

const areaIdSchema = z.uuid();

/**
 * `GET /v1/admin/areas/:id/gtfs-flex.zip`: the area's GTFS-Flex feed for journey planners, built
 * afresh from the stored area on every request (admins only; publishing it is the operator's call).
 */
export function adminGtfsFlexRouter(ctx: Pick<DomainContext, 'repos' | 'now'>, publisher: FlexFeedPublisher): Router {
  const router = Router();
  router.get('/:id/gtfs-flex.zip', allowRoles('admin'), async (req, res) => {
    const id = areaIdSchema.safeParse(req.params.id);
    const files = id.success ? await exportAreaFlexFeed(ctx.repos, id.data, publisher, ctx.now()) : undefined;
    if (!id.success || !files) throw problems.notFound('Service area');
    res.type('application/zip').attachment(`gtfs-flex-${id.data}.zip`).send(Buffer.from(zipFlexFeed(files)));
  });
  return router;
}
