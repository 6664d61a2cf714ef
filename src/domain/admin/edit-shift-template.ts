import type { ShiftTemplate } from '../../data-access/admin-repository';
import type { Shift } from '../../data-access/fleet-repository';
import { domainErrors } from '../domain-error';
import type { DomainContext } from '../context';
import { localParts, localTimeToInstant } from '../bookings/local-time';
import { redispatchOffShifts, type OutOfServiceReport } from '../overrides/out-of-service';
import type { OverrideDeps } from '../overrides/override-deps';
import type { AdminChange } from './admin-change';
import { misplacedBreaks, type ShiftTemplatePatch } from './admin-schemas';
import { breakSpans, checkedShiftParts, generateTemplateShifts } from './manage-shifts';

export interface TemplateChangeReport extends OutOfServiceReport {
  template: ShiftTemplate;
  /** Planned shifts (not started) that took the new hours or depots. */
  shiftsChanged: string[];
  /** Planned shifts on weekdays the template no longer has: cancelled. */
  shiftsCancelled: string[];
  /** Shifts made for weekdays the template gained. */
  shiftsAdded: number;
}

type TemplateShape = Pick<ShiftTemplate, 'weekdays' | 'startTime' | 'endTime' | 'startDepotStopId' | 'endDepotStopId' | 'breaks'>;

function assertShapeHolds(shape: TemplateShape): void {
  if (shape.startTime >= shape.endTime) throw domainErrors.invalid([{ field: 'end', message: 'the shift ends after it starts (same day)' }]);
  const misplaced = misplacedBreaks(shape.breaks, shape.startTime, shape.endTime);
  if (misplaced.length > 0) throw domainErrors.invalid(misplaced);
}

/** How each planned shift of a template fares under its new shape: changed (new span, depots, breaks), cancelled, or as it was. */
function replanShifts(planned: Shift[], shape: TemplateShape, timeZone: string): { reshaped: Shift[]; dropped: Shift[] } {
  const reshaped: Shift[] = [];
  const dropped: Shift[] = [];
  for (const shift of planned) {
    const { date, isoWeekday } = localParts(shift.startAt, timeZone);
    if (!shape.weekdays.includes(isoWeekday)) {
      dropped.push(shift);
      continue;
    }
    const next = {
      ...shift, startAt: localTimeToInstant(date, shape.startTime, timeZone), endAt: localTimeToInstant(date, shape.endTime, timeZone),
      startDepotStopId: shape.startDepotStopId, endDepotStopId: shape.endDepotStopId, breaks: breakSpans(date, shape.breaks, timeZone),
    };
    const same = next.startAt.getTime() === shift.startAt.getTime() && next.endAt.getTime() === shift.endAt.getTime()
      && next.startDepotStopId === shift.startDepotStopId && next.endDepotStopId === shift.endDepotStopId && JSON.stringify(next.breaks) === JSON.stringify(shift.breaks);
    if (!same) reshaped.push(next);
  }
  return { reshaped, dropped };
}

/**
 * Changes a weekly template (days, hours, depots, breaks); the planned shifts it made that have not
 * started change with it in the same transaction: a shift whose plan still fits keeps its riders, the
 * riders of one that no longer fits (or of a weekday given up, whose shift is cancelled) are placed
 * again on any bus within their promised windows or listed as unplaceable — in the answer and the
 * event log, never dropped silently. A shift under way keeps its hours (the desk handles it).
 */
export async function updateShiftTemplate(ctx: DomainContext, deps: OverrideDeps, change: AdminChange, templateId: string, patch: ShiftTemplatePatch): Promise<TemplateChangeReport> {
  const template = await ctx.repos.admin.findTemplate(templateId);
  if (!template) throw domainErrors.notFound('Shift template');
  if (!template.active) throw domainErrors.conflict('shift-template-ended', 'This shift template has ended; add a new one instead.');
  const startDepotStopId = patch.startDepotStopId ?? template.startDepotStopId;
  const { vehicle } = await checkedShiftParts(ctx, template.vehicleId, { startDepotStopId, endDepotStopId: patch.endDepotStopId ?? template.endDepotStopId });
  const shape: TemplateShape = {
    weekdays: patch.weekdays ? [...patch.weekdays].sort() : template.weekdays,
    startTime: patch.start ?? template.startTime,
    endTime: patch.end ?? template.endTime,
    startDepotStopId,
    endDepotStopId: patch.endDepotStopId ?? template.endDepotStopId,
    breaks: patch.breaks ?? template.breaks,
  };
  assertShapeHolds(shape);
  const area = (await ctx.repos.areas.findById(vehicle.areaId))!;
  const now = ctx.now();
  const { reshaped, dropped } = replanShifts(await ctx.repos.admin.unstartedShiftsOfTemplate(template.id, now), shape, area.timeZone);

  let updated = template;
  let shiftsAdded = 0;
  const report = await redispatchOffShifts(ctx, deps, change, vehicle, [...reshaped, ...dropped], async (tx, repos, moved) => {
    updated = (await repos.admin.updateTemplate(template.id, shape))!;
    for (const shift of reshaped) {
      if (!(await repos.admin.reshapeShift(shift.id, shift, now))) throw domainErrors.conflict('shift-cancelled', `Shift ${shift.id} started or was cancelled meanwhile; look again.`);
    }
    for (const shift of dropped) {
      if (!(await repos.admin.dropTemplateShift(shift.id, now, change.reason ?? null))) throw domainErrors.conflict('shift-cancelled', `Shift ${shift.id} was cancelled meanwhile; look again.`);
    }
    shiftsAdded = (await generateTemplateShifts(repos, updated, area.id, now)).length;
    await repos.events.record({
      actorId: change.actor.id, reason: change.reason ?? null, kind: 'admin.shift_template_updated', vehicleId: vehicle.id, at: now,
      data: { templateId, changes: patchWithoutReason(patch), shiftsChanged: reshaped.map((s) => s.id), shiftsCancelled: dropped.map((s) => s.id), shiftsAdded, ...moved },
    }, tx);
  }, reshaped);
  return { ...report, template: updated, shiftsChanged: reshaped.map((s) => s.id), shiftsCancelled: dropped.map((s) => s.id), shiftsAdded };
}

const patchWithoutReason = ({ reason: _reason, ...changes }: ShiftTemplatePatch) => changes;
