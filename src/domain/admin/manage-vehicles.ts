import type { VehicleRow } from '../../data-access/fleet-repository';
import { domainErrors } from '../domain-error';
import type { DomainContext } from '../context';
import { putBackIntoService, takeOutOfService, type OutOfServiceReport } from '../overrides/out-of-service';
import type { OverrideDeps } from '../overrides/override-deps';
import { loggedChange, type AdminChange } from './admin-change';
import type { VehiclePatchInput } from './admin-schemas';

/** A depot must be a stop of the bus's own area. */
export async function assertStopOfArea(ctx: Pick<DomainContext, 'repos'>, stopId: string, areaId: string, field: string): Promise<void> {
  const stop = await ctx.repos.areas.findStop(stopId);
  if (!stop || stop.areaId !== areaId) throw domainErrors.invalid([{ field, message: 'not a stop of this service area' }]);
}

export async function createVehicle(ctx: DomainContext, change: AdminChange, areaId: string, input: { label: string; seats: number; wheelchairPlaces: number; depotStopId: string }): Promise<VehicleRow> {
  if (!(await ctx.repos.areas.findById(areaId))) throw domainErrors.notFound('Service area');
  await assertStopOfArea(ctx, input.depotStopId, areaId, 'depotStopId');
  const vehicle = await loggedChange(ctx, change, 'vehicle_created', (repos) => repos.fleet.createVehicle({ ...input, areaId }), (v) => ({ vehicleId: v.id, areaId, label: v.label, seats: v.seats, wheelchairPlaces: v.wheelchairPlaces }));
  ctx.areaCache?.invalidate(areaId);
  return vehicle;
}

/**
 * Label, seats, wheelchair places and depot change at once (the next decision plans with them);
 * `active: false` takes the bus out of service through the desk's flow (its riders re-dispatched or
 * listed), `active: true` puts it back.
 */
export async function updateVehicle(ctx: DomainContext, deps: OverrideDeps, change: AdminChange, vehicleId: string, patch: VehiclePatchInput): Promise<{ vehicle: VehicleRow; outOfService?: OutOfServiceReport }> {
  const before = await ctx.repos.fleet.findVehicle(vehicleId);
  if (!before) throw domainErrors.notFound('Vehicle');
  const { active, reason: _reason, ...set } = patch;
  if (set.depotStopId) await assertStopOfArea(ctx, set.depotStopId, before.areaId, 'depotStopId');
  if (Object.keys(set).length > 0) {
    await loggedChange(ctx, change, 'vehicle_updated', async (repos) => (await repos.admin.updateVehicle(vehicleId, set))!, (v) => ({ vehicleId: v.id, changes: set }));
  }
  let outOfService: OutOfServiceReport | undefined;
  if (active === false && before.inService) outOfService = await takeOutOfService(ctx, deps, change, vehicleId);
  if (active === true && !before.inService) await putBackIntoService(ctx, change, vehicleId);
  ctx.areaCache?.invalidate(before.areaId);
  return { vehicle: (await ctx.repos.fleet.findVehicle(vehicleId))!, ...(outOfService && { outOfService }) };
}
