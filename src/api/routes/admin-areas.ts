import express, { type Router } from 'express';
import { z } from 'zod';
import type { ServiceArea } from '../../data-access/areas-repository';
import { areaInputSchema, areaPatchSchema, reasonSchema, stopInputSchema } from '../../domain/admin/admin-schemas';
import { createArea, updateArea } from '../../domain/admin/manage-areas';
import { createStop, uploadGtfsStops } from '../../domain/admin/manage-stops';
import { stopFingerprint } from '../../domain/dispatch/stop-matrix-store';
import type { DomainContext } from '../../domain/context';
import { parseOr400, problems } from '../problem';
import { requireJsonBody } from './require-json';
import { adminDoc, adminOnlyRouter, changeOf, uuidParam, type AdminRouteDeps } from './admin-deps';
import type { RouteDoc } from '../openapi/route-doc';
import { adminAreaSchema, adminStopSchema, gtfsUploadSchema, itemsOf, matrixStateSchema } from '../openapi/response-schemas';

const areaIdOf = uuidParam('Service area');
const reasonQuerySchema = z.object({ reason: reasonSchema.optional() }).strict();

export const adminAreasRouteDocs: RouteDoc[] = [
  adminDoc('get', '/areas', 'The service areas with their boundaries and rules', { 200: { description: 'The areas', schema: itemsOf(adminAreaSchema) } }),
  adminDoc('post', '/areas', 'Create a service area', { 201: { description: 'The new area', schema: adminAreaSchema } }, { body: areaInputSchema, errors: [409, 422] }),
  adminDoc('get', '/areas/{id}', 'One service area', { 200: { description: 'The area', schema: adminAreaSchema } }),
  adminDoc('patch', '/areas/{id}', 'Change a service area (boundary, hours, rules, exceptions)', { 200: { description: 'The area as it is now', schema: adminAreaSchema } }, { body: areaPatchSchema, errors: [409, 422] }),
  adminDoc('get', '/areas/{id}/stops', 'Every stop of the area, inactive ones too', { 200: { description: 'The stops', schema: itemsOf(adminStopSchema) } }),
  adminDoc('post', '/areas/{id}/stops', 'Add a stop', { 201: { description: 'The new stop', schema: adminStopSchema } }, { body: stopInputSchema, errors: [409, 422] }),
  adminDoc('post', '/areas/{id}/stops/gtfs', 'Import stops from a GTFS stops.txt (the body); ?reason= for the log. A file with any bad line is refused whole: 400 gtfs-stops-invalid, each line in `lines`', { 200: { description: 'What was added, changed, moved and left as it was; stops outside the area are skipped', schema: gtfsUploadSchema } }, {
    query: reasonQuerySchema, body: z.string().meta({ description: 'GTFS stops.txt' }), bodyType: 'text/csv',
  }),
  adminDoc('get', '/areas/{id}/matrix', 'Whether the stored travel times are those of today\'s stops (`state` current), being rebuilt (building, with `progress` in matrix rows) or not yet (stale: a rebuild is queued)', { 200: { description: 'The matrix state', schema: matrixStateSchema } }),
];

/** An area as the operator reads and writes it (`boundary` is the stored polygon). */
export function areaView(area: ServiceArea) {
  const { polygon, ...rest } = area;
  return { ...rest, boundary: polygon };
}

/**
 * `/v1/admin/areas`: service areas (create, read, change), their stops (add, GTFS stops.txt upload)
 * and the state of their travel-time matrix.
 */
export function adminAreasRouter(ctx: DomainContext, deps: AdminRouteDeps): Router {
  const router = adminOnlyRouter();
  const areaOrNotFound = async (id: string) => {
    const area = await ctx.repos.areas.findById(id);
    if (!area) throw problems.notFound('Service area');
    return area;
  };

  router.get('/', async (_req, res) => {
    res.json({ items: (await ctx.repos.areas.list()).map(areaView) });
  });
  router.post('/', requireJsonBody, async (req, res) => {
    const body = parseOr400(areaInputSchema, req.body ?? {});
    res.status(201).json(areaView(await createArea(ctx, changeOf(req, body), body)));
  });
  router.get('/:id', async (req, res) => {
    res.json(areaView(await areaOrNotFound(areaIdOf(req))));
  });
  router.patch('/:id', requireJsonBody, async (req, res) => {
    const id = areaIdOf(req);
    const body = parseOr400(areaPatchSchema, req.body ?? {});
    res.json(areaView(await updateArea(ctx, changeOf(req, body), id, body)));
  });

  router.get('/:id/stops', async (req, res) => {
    const area = await areaOrNotFound(areaIdOf(req));
    res.json({ items: await ctx.repos.areas.ownStops(area.id) });
  });
  router.post('/:id/stops', requireJsonBody, async (req, res) => {
    const id = areaIdOf(req);
    const body = parseOr400(stopInputSchema, req.body ?? {});
    const { reason: _reason, ...stop } = body;
    res.status(201).json(await createStop(ctx, changeOf(req, body), deps.stopsChanged, id, stop));
  });
  // The CLI's stops:import-gtfs over HTTP: the body is the stops.txt itself; `?reason=` for the log.
  router.post('/:id/stops/gtfs', express.text({ type: ['text/csv', 'text/plain'], limit: '5mb' }), async (req, res) => {
    const id = areaIdOf(req);
    const query = parseOr400(reasonQuerySchema, req.query);
    if (typeof req.body !== 'string' || req.body.length === 0) throw problems.validation([{ field: 'body', message: 'send the GTFS stops.txt as text/csv' }]);
    res.json(await uploadGtfsStops(ctx, changeOf(req, query), deps.stopsChanged, id, req.body));
  });

  // Whether the stored travel times are those of today's stops (ids and coordinates); a rebuild is queued when they change.
  router.get('/:id/matrix', async (req, res) => {
    const area = await areaOrNotFound(areaIdOf(req));
    const [stops, stored, build] = await Promise.all([ctx.repos.areas.allStops(area.id), ctx.repos.admin.matrixOf(area.id), ctx.repos.matrixBuilds.current(area.id)]);
    const fingerprint = stopFingerprint(stops);
    const current = stored !== undefined && stored.fingerprint === fingerprint;
    const building = !current && build?.stopFingerprint === fingerprint ? build : undefined;
    res.json({
      areaId: area.id,
      stops: stops.length,
      current,
      state: current ? 'current' : building ? 'building' : 'stale',
      ...(building && { progress: { done: building.done, total: building.total, startedAt: building.startedAt } }),
      ...(stored && { builtAt: stored.builtAt, estimated: stored.estimated, source: stored.source, builtOverStops: stored.stopIds.length }),
    });
  });
  return router;
}
