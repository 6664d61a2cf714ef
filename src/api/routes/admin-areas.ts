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
import { adminOnlyRouter, changeOf, uuidParam, type AdminRouteDeps } from './admin-deps';

const areaIdOf = uuidParam('Service area');
const reasonQuerySchema = z.object({ reason: reasonSchema.optional() }).strict();

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
    const [stops, stored] = await Promise.all([ctx.repos.areas.allStops(area.id), ctx.repos.admin.matrixOf(area.id)]);
    res.json({
      areaId: area.id,
      stops: stops.length,
      current: stored !== undefined && stored.fingerprint === stopFingerprint(stops),
      ...(stored && { builtAt: stored.builtAt, estimated: stored.estimated, source: stored.source, builtOverStops: stored.stopIds.length }),
    });
  });
  return router;
}
