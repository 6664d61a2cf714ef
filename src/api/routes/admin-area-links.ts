import type { Router } from 'express';
import { z } from 'zod';
import { reasonSchema } from '../../domain/admin/admin-schemas';
import { linkAreas, unlinkAreas } from '../../domain/admin/manage-area-links';
import type { DomainContext } from '../../domain/context';
import { parseOr400, problems } from '../problem';
import { requireJsonBody } from './require-json';
import { adminDoc, adminOnlyRouter, changeOf, uuidParam, type AdminRouteDeps } from './admin-deps';
import type { RouteDoc } from '../openapi/route-doc';

const areaIdOf = uuidParam('Service area');
const otherIdOf = uuidParam('Link between these areas', 'otherId');
const linkSchema = z.object({ areaId: z.uuid({ message: 'expected a service area id (UUID)' }), reason: reasonSchema.optional() }).strict();
const unlinkSchema = z.object({ reason: reasonSchema.optional() }).strict();
const linksSchema = z.object({ areaId: z.uuid(), linkedAreaIds: z.array(z.uuid()) });
const links = (description: string) => ({ description, schema: linksSchema });

export const adminAreaLinksRouteDocs: RouteDoc[] = [
  adminDoc('get', '/areas/{id}/links', 'The areas linked with this one for cross-area rides', { 200: links('The linked areas') }),
  adminDoc('post', '/areas/{id}/links', 'Link another area for cross-area rides (its stops join this area\'s travel times)', { 200: links('Linked already'), 201: links('Linked now') }, { body: linkSchema, errors: [409, 422] }),
  adminDoc('post', '/areas/{id}/links/{otherId}/unlink', 'Unlink two areas; 409 with the bookings while booked rides still cross', { 200: links('The areas still linked') }, { body: unlinkSchema, errors: [409] }),
];

/**
 * `/v1/admin/areas/:id/links`: areas linked for cross-area rides (README "Cross-area rides"). Kept
 * apart from the area's own routes; every change is in the event log.
 */
export function adminAreaLinksRouter(ctx: DomainContext, deps: AdminRouteDeps): Router {
  const router = adminOnlyRouter();
  router.get('/:id/links', async (req, res) => {
    const id = areaIdOf(req);
    if (!(await ctx.repos.areas.findById(id))) throw problems.notFound('Service area');
    res.json({ areaId: id, linkedAreaIds: await ctx.repos.areas.linkedAreaIds(id) });
  });
  router.post('/:id/links', requireJsonBody, async (req, res) => {
    const id = areaIdOf(req);
    const body = parseOr400(linkSchema, req.body ?? {});
    const { created, linkedAreaIds } = await linkAreas(ctx, changeOf(req, body), deps.stopsChanged, id, body.areaId);
    res.status(created ? 201 : 200).json({ areaId: id, linkedAreaIds });
  });
  router.post('/:id/links/:otherId/unlink', requireJsonBody, async (req, res) => {
    const id = areaIdOf(req);
    const otherId = otherIdOf(req);
    const body = parseOr400(unlinkSchema, req.body ?? {});
    res.json({ areaId: id, ...(await unlinkAreas(ctx, changeOf(req, body), deps.stopsChanged, id, otherId)) });
  });
  return router;
}
