import type { Router } from 'express';
import { reasonBodySchema, shiftInputSchema, shiftTemplateInputSchema, shiftTemplatePatchSchema, stopPatchSchema, vehicleInputSchema, vehiclePatchSchema } from '../../domain/admin/admin-schemas';
import { cancelShift, createShift, createShiftTemplate, deactivateShiftTemplate } from '../../domain/admin/manage-shifts';
import { updateShiftTemplate } from '../../domain/admin/edit-shift-template';
import { updateStop } from '../../domain/admin/manage-stops';
import { createVehicle, updateVehicle } from '../../domain/admin/manage-vehicles';
import type { DomainContext } from '../../domain/context';
import { parseOr400, problems } from '../problem';
import { requireJsonBody } from './require-json';
import { adminOnlyRouter, changeOf, uuidParam, type AdminRouteDeps } from './admin-deps';

const stopIdOf = uuidParam('Stop');
const vehicleIdOf = uuidParam('Vehicle');
const shiftIdOf = uuidParam('Shift');
const templateIdOf = uuidParam('Shift template');
const areaIdOf = uuidParam('Service area', 'areaId');

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
