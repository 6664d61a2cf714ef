import type { Router } from 'express';
import { z } from 'zod';
import { reasonBodySchema, shiftCalendarQuerySchema, shiftInputSchema, shiftTemplateInputSchema, shiftTemplatePatchSchema, stopPatchSchema, vehicleInputSchema, vehiclePatchSchema } from '../../domain/admin/admin-schemas';
import { cancelShift, createShift, createShiftTemplate, deactivateShiftTemplate } from '../../domain/admin/manage-shifts';
import { updateShiftTemplate } from '../../domain/admin/edit-shift-template';
import { shiftCalendarOf } from '../../domain/admin/shift-calendar';
import { updateStop } from '../../domain/admin/manage-stops';
import { createVehicle, updateVehicle } from '../../domain/admin/manage-vehicles';
import type { DomainContext } from '../../domain/context';
import { parseOr400, problems } from '../problem';
import { requireJsonBody } from './require-json';
import { adminDoc, adminOnlyRouter, changeOf, uuidParam, type AdminRouteDeps } from './admin-deps';
import type { RouteDoc } from '../openapi/route-doc';
import { adminStopSchema, itemsOf, shiftCalendarSchema, shiftSchema, shiftTemplateSchema, vehicleSchema } from '../openapi/response-schemas';

const stopIdOf = uuidParam('Stop');
const vehicleIdOf = uuidParam('Vehicle');
const shiftIdOf = uuidParam('Shift');
const templateIdOf = uuidParam('Shift template');
const areaIdOf = uuidParam('Service area', 'areaId');

const changed = (description: string, schema: z.ZodType) => ({ 200: { description, schema } });

export const adminFleetRouteDocs: RouteDoc[] = [
  adminDoc('patch', '/stops/{id}', 'Rename, move, (de)activate a stop; stillUsedBy lists bookings that keep using it', changed('The stop as it is now', adminStopSchema), { body: stopPatchSchema, errors: [409, 422] }),
  adminDoc('get', '/areas/{areaId}/vehicles', 'The buses of an area', changed('The buses', itemsOf(vehicleSchema))),
  adminDoc('post', '/areas/{areaId}/vehicles', 'Add a bus', { 201: { description: 'The new bus', schema: vehicleSchema } }, { body: vehicleInputSchema, errors: [409, 422] }),
  adminDoc('patch', '/vehicles/{id}', 'Change a bus (seats, depot, in service)', changed('The bus as it is now', vehicleSchema), { body: vehiclePatchSchema, errors: [409, 422, 503] }),
  adminDoc('get', '/vehicles/{id}/shift-templates', 'The weekly shift templates of a bus', changed('The templates', itemsOf(shiftTemplateSchema))),
  adminDoc('post', '/vehicles/{id}/shift-templates', 'Add a weekly shift template; its shifts are made ahead', { 201: { description: 'The template, with the shifts added', schema: shiftTemplateSchema } }, { body: shiftTemplateInputSchema, errors: [409, 422] }),
  adminDoc('patch', '/shift-templates/{id}', 'Change a weekly shift template (days, hours, depots, breaks); its planned shifts change with it', changed('The template, its shifts changed or cancelled, and the rides moved or listed as unplaceable', z.looseObject({})), { body: shiftTemplatePatchSchema, errors: [409, 422, 503] }),
  adminDoc('post', '/shift-templates/{id}/deactivate', 'Stop making shifts from a template', changed('The template', shiftTemplateSchema), { body: reasonBodySchema, errors: [409] }),
  adminDoc('get', '/areas/{areaId}/shifts', 'The shift calendar: every dated shift of the area\'s buses starting on the local days from–to (default: 14 days from today), cancelled ones with their reason', changed('The shifts by bus and start', shiftCalendarSchema), { query: shiftCalendarQuerySchema }),
  adminDoc('post', '/vehicles/{id}/shifts', 'Add one dated shift', { 201: { description: 'The shift', schema: shiftSchema } }, { body: shiftInputSchema, errors: [409, 422] }),
  adminDoc('post', '/shifts/{id}/cancel', 'Cancel a shift; its bookings are planned again', changed('The cancelled shift and what happened to its bookings', z.looseObject({})), { body: reasonBodySchema, errors: [409, 422, 503] }),
];

/**
 * `/v1/admin`: stops (rename, move, (de)activate, wheelchair access), buses of an area, their weekly
 * shift templates, single dated shifts and cancellations.
 */
export function adminFleetRouter(ctx: DomainContext, deps: AdminRouteDeps): Router {
  const router = adminOnlyRouter();

  router.patch('/stops/:id', requireJsonBody, async (req, res) => {
    const id = stopIdOf(req);
    const body = parseOr400(stopPatchSchema, req.body ?? {});
    const { stop, stillUsedBy, rerouted } = await updateStop(ctx, changeOf(req, body), { stopsChanged: deps.stopsChanged, overrides: deps.overrides }, id, body);
    res.json({ ...stop, ...(stillUsedBy.length > 0 && { stillUsedBy }), ...(rerouted && { rerouted }) });
  });

  router.get('/areas/:areaId/vehicles', async (req, res) => {
    const areaId = areaIdOf(req);
    if (!(await ctx.repos.areas.findById(areaId))) throw problems.notFound('Service area');
    res.json({ items: await ctx.repos.areas.vehicles(areaId) });
  });
  router.post('/areas/:areaId/vehicles', requireJsonBody, async (req, res) => {
    const areaId = areaIdOf(req);
    const body = parseOr400(vehicleInputSchema, req.body ?? {});
    const { reason: _reason, ...vehicle } = body;
    res.status(201).json(await createVehicle(ctx, changeOf(req, body), areaId, vehicle));
  });
  router.patch('/vehicles/:id', requireJsonBody, async (req, res) => {
    const id = vehicleIdOf(req);
    const body = parseOr400(vehiclePatchSchema, req.body ?? {});
    res.json(await updateVehicle(ctx, deps.overrides, changeOf(req, body), id, body));
  });

  router.get('/vehicles/:id/shift-templates', async (req, res) => {
    res.json({ items: await ctx.repos.admin.templatesOfVehicle(vehicleIdOf(req)) });
  });
  router.post('/vehicles/:id/shift-templates', requireJsonBody, async (req, res) => {
    const id = vehicleIdOf(req);
    const body = parseOr400(shiftTemplateInputSchema, req.body ?? {});
    const { template, shifts } = await createShiftTemplate(ctx, changeOf(req, body), id, body);
    res.status(201).json({ ...template, shiftsAdded: shifts.length, firstShift: shifts[0] ?? null });
  });
  router.patch('/shift-templates/:id', requireJsonBody, async (req, res) => {
    const id = templateIdOf(req);
    const body = parseOr400(shiftTemplatePatchSchema, req.body ?? {});
    res.json(await updateShiftTemplate(ctx, deps.overrides, changeOf(req, body), id, body));
  });
  router.post('/shift-templates/:id/deactivate', requireJsonBody, async (req, res) => {
    const id = templateIdOf(req);
    const body = parseOr400(reasonBodySchema, req.body ?? {});
    res.json(await deactivateShiftTemplate(ctx, changeOf(req, body), id));
  });
  router.get('/areas/:areaId/shifts', async (req, res) => {
    const areaId = areaIdOf(req);
    const query = parseOr400(shiftCalendarQuerySchema, req.query);
    const { shifts, ...calendar } = await shiftCalendarOf(ctx, areaId, query);
    res.json({ ...calendar, items: shifts });
  });
  router.post('/vehicles/:id/shifts', requireJsonBody, async (req, res) => {
    const id = vehicleIdOf(req);
    const body = parseOr400(shiftInputSchema, req.body ?? {});
    res.status(201).json(await createShift(ctx, changeOf(req, body), id, body));
  });
  router.post('/shifts/:id/cancel', requireJsonBody, async (req, res) => {
    const id = shiftIdOf(req);
    const body = parseOr400(reasonBodySchema, req.body ?? {});
    res.json(await cancelShift(ctx, deps.overrides, changeOf(req, body), id));
  });
  return router;
}
