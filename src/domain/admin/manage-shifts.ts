import type { ShiftBreak, ShiftBreakSpan } from '../../../db/schema';
import type { ShiftTemplate } from '../../data-access/admin-repository';
import type { Shift } from '../../data-access/fleet-repository';
import { domainErrors } from '../domain-error';
import type { DomainContext, Repositories } from '../context';
import { localParts, localTimeToInstant } from '../bookings/local-time';
import { localDates } from '../fleet/daily-shifts';
import { redispatchOffShifts, type OutOfServiceReport } from '../overrides/out-of-service';
import type { OverrideDeps } from '../overrides/override-deps';
import { loggedChange, type AdminChange } from './admin-change';
import type { ShiftInput, ShiftTemplateInput } from './admin-schemas';
import { assertStopOfArea } from './manage-vehicles';

async function vehicleOrNotFound(ctx: Pick<DomainContext, 'repos'>, vehicleId: string) {
  const vehicle = await ctx.repos.fleet.findVehicle(vehicleId);
  if (!vehicle) throw domainErrors.notFound('Vehicle');
  return vehicle;
}

async function assertDriver(ctx: Pick<DomainContext, 'repos'>, driverId: string | undefined): Promise<void> {
  if (!driverId) return;
  const driver = await ctx.repos.admin.findStaff(driverId);
  if (!driver || driver.role !== 'driver' || driver.deactivatedAt) throw domainErrors.invalid([{ field: 'driverId', message: 'not an active driver' }]);
}

/** The bus, its depots (the bus's own unless given; the end as the start) and driver of a shift, each checked. */
export async function checkedShiftParts(ctx: Pick<DomainContext, 'repos'>, vehicleId: string, input: { startDepotStopId?: string; endDepotStopId?: string; driverId?: string }) {
  const vehicle = await vehicleOrNotFound(ctx, vehicleId);
  const startDepotStopId = input.startDepotStopId ?? vehicle.depotStopId;
  const endDepotStopId = input.endDepotStopId ?? startDepotStopId;
  await assertStopOfArea(ctx, startDepotStopId, vehicle.areaId, 'startDepotStopId');
  await assertStopOfArea(ctx, endDepotStopId, vehicle.areaId, 'endDepotStopId');
  await assertDriver(ctx, input.driverId);
  return { vehicle, startDepotStopId, endDepotStopId };
}

/**
 * The shifts a template makes over the booking horizon of its area from `now` (local dates, so a
 * shift keeps its local hours across daylight-saving changes); dates it made a shift for already are passed by.
 */
export async function generateTemplateShifts(repos: Pick<Repositories, 'admin' | 'areas'>, template: ShiftTemplate, areaId: string, now: Date): Promise<Shift[]> {
  const area = (await repos.areas.findById(areaId))!;
  // A date on which the template made a shift already (running, cancelled, or at hours it had before a change) gets none.
  const made = new Set((await repos.admin.templateShiftStarts(template.id, new Date(now.getTime() - 86_400_000))).map((startAt) => localParts(startAt, area.timeZone).date));
  const dates = localDates(now, area.rules.maxHorizonDays + 1, area.timeZone)
    .filter((date) => template.weekdays.includes(new Date(`${date}T12:00:00Z`).getUTCDay() || 7) && !made.has(date));
  const rows = dates
    .map((date) => ({ startAt: localTimeToInstant(date, template.startTime, area.timeZone), endAt: localTimeToInstant(date, template.endTime, area.timeZone), breaks: breakSpans(date, template.breaks, area.timeZone) }))
    .filter((span) => span.endAt > now)
    .map((span) => ({ ...span, vehicleId: template.vehicleId, driverId: template.driverId, startDepotStopId: template.startDepotStopId, endDepotStopId: template.endDepotStopId, templateId: template.id }));
  return repos.admin.addTemplateShifts(rows);
}

/** A template's breaks on one local date, as instants. */
export function breakSpans(date: string, breaks: ShiftBreak[], timeZone: string): ShiftBreakSpan[] {
  return breaks.map((b) => ({ startAt: localTimeToInstant(date, b.from, timeZone).toISOString(), endAt: localTimeToInstant(date, b.to, timeZone).toISOString() }));
}

/** Every active template's shifts over its area's horizon: the daily extension, for every area. Returns how many were added. */
export async function extendTemplateShifts(repos: Pick<Repositories, 'admin' | 'areas'>, now: Date): Promise<number> {
  let added = 0;
  for (const { template, areaId } of await repos.admin.activeTemplates()) added += (await generateTemplateShifts(repos, template, areaId, now)).length;
  return added;
}

export async function createShiftTemplate(ctx: DomainContext, change: AdminChange, vehicleId: string, input: ShiftTemplateInput): Promise<{ template: ShiftTemplate; shifts: Shift[] }> {
  const { vehicle, startDepotStopId, endDepotStopId } = await checkedShiftParts(ctx, vehicleId, input);
  const row = {
    vehicleId, driverId: input.driverId ?? null, weekdays: [...input.weekdays].sort(), startTime: input.start, endTime: input.end,
    startDepotStopId, endDepotStopId, breaks: input.breaks,
  };
  return loggedChange(ctx, change, 'shift_template_created', async (repos) => {
    const template = await repos.admin.createTemplate(row);
    return { template, shifts: await generateTemplateShifts(repos, template, vehicle.areaId, ctx.now()) };
  }, ({ template, shifts }) => ({ vehicleId, templateId: template.id, weekdays: template.weekdays, start: template.startTime, end: template.endTime, shiftsAdded: shifts.length }));
}

/** A template stops making shifts; the shifts it made stay (cancel them one by one, each re-dispatching its riders). */
export async function deactivateShiftTemplate(ctx: DomainContext, change: AdminChange, templateId: string): Promise<ShiftTemplate> {
  return loggedChange(ctx, change, 'shift_template_deactivated', async (repos) => {
    const template = await repos.admin.setTemplateActive(templateId, false);
    if (!template) throw domainErrors.notFound('Shift template');
    return template;
  }, (t) => ({ vehicleId: t.vehicleId, templateId: t.id }));
}

export async function createShift(ctx: DomainContext, change: AdminChange, vehicleId: string, input: ShiftInput): Promise<Shift> {
  const { startDepotStopId, endDepotStopId } = await checkedShiftParts(ctx, vehicleId, input);
  const row = {
    vehicleId, driverId: input.driverId ?? null, startAt: new Date(input.startAt), endAt: new Date(input.endAt), startDepotStopId, endDepotStopId,
    breaks: input.breaks.map((b) => ({ startAt: new Date(b.startAt).toISOString(), endAt: new Date(b.endAt).toISOString() })),
  };
  return loggedChange(ctx, change, 'shift_created', async (repos) => (await repos.fleet.createShifts([row]))[0], (s) => ({ vehicleId, shiftId: s.id, startAt: s.startAt.toISOString(), endAt: s.endAt.toISOString() }));
}

/**
 * Cancels a shift that has not started: its riders go to other buses within their promised windows,
 * or are listed as unplaceable (the out-of-service flow, for one shift). A running shift is the
 * desk's out-of-service.
 */
export async function cancelShift(ctx: DomainContext, deps: OverrideDeps, change: AdminChange, shiftId: string): Promise<OutOfServiceReport & { shiftId: string }> {
  const shift = await ctx.repos.admin.findShift(shiftId);
  if (!shift) throw domainErrors.notFound('Shift');
  if (shift.cancelledAt || shift.startAt <= ctx.now()) {
    throw domainErrors.conflict('shift-cancelled', shift.cancelledAt ? 'This shift is cancelled already.' : 'This shift has started; take the bus out of service on the desk instead.');
  }
  const vehicle = await vehicleOrNotFound(ctx, shift.vehicleId);
  const report = await redispatchOffShifts(ctx, deps, change, vehicle, [shift], async (tx, repos, moved) => {
    if (!(await repos.admin.cancelShift(shift.id, ctx.now(), change.reason ?? null))) throw domainErrors.conflict('shift-cancelled', 'This shift is cancelled already.');
    await repos.events.record({ actorId: change.actor.id, reason: change.reason ?? null, kind: 'admin.shift_cancelled', vehicleId: vehicle.id, at: ctx.now(), data: { shiftId: shift.id, ...moved } }, tx);
  });
  return { ...report, shiftId };
}
