import { z } from 'zod';
import { areaPolygonSchema, bookingRulesSchema, operatingExceptionsSchema, operatingHoursSchema } from '../../../db/schema/service-area-json';
import { textSchema } from '../text-schema';
import { phoneNumberSchema } from '../users/phone-number';

// The operator API's inputs: one schema each, shared by the routes (which validate with them) and the domain.

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const name = textSchema({ min: 1, max: 120 });
/** A patch must name at least one field besides the reason (and `force`). */
const changesSomething = (patch: object) => Object.keys(patch).some((key) => key !== 'reason' && key !== 'force');
export const reasonSchema = textSchema({ min: 1, max: 500, multiline: true });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (00:00–23:59)');

export const areaInputSchema = z.object({
  name,
  timeZone: z.string().refine((tz) => tz.includes('/') || tz === 'UTC', 'expected an IANA time zone such as Europe/Berlin').refine(isTimeZone, 'unknown IANA time zone'),
  boundary: areaPolygonSchema,
  operatingHours: operatingHoursSchema,
  operatingExceptions: operatingExceptionsSchema.max(400).default([]),
  rules: bookingRulesSchema,
  hotline: phoneNumberSchema.nullable().optional(),
  infoUrl: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).max(500).nullable().optional(),
  reason: reasonSchema.optional(),
}).strict();
export type AreaInput = z.infer<typeof areaInputSchema>;

/** Every field of an area may change on its own; at least one must. */
export const areaPatchSchema = areaInputSchema.partial().extend({ operatingExceptions: operatingExceptionsSchema.max(400).optional() }).strict()
  .refine(changesSomething, { message: 'nothing to change', path: ['name'] });
export type AreaPatchInput = z.infer<typeof areaPatchSchema>;

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

export const stopInputSchema = z.object({
  code: textSchema({ min: 1, max: 64 }),
  name,
  village: textSchema({ min: 1, max: 120 }),
  lat: latitude,
  lon: longitude,
  wheelchairAccessible: z.boolean().default(false),
  reason: reasonSchema.optional(),
}).strict();

export const stopPatchSchema = z.object({
  name: name.optional(),
  village: textSchema({ min: 1, max: 120 }).optional(),
  lat: latitude.optional(),
  lon: longitude.optional(),
  wheelchairAccessible: z.boolean().optional(),
  active: z.boolean().optional(),
  /** Deactivate although booked rides still use the stop: they move to the nearest open stop, or are cancelled. */
  force: z.boolean().optional(),
  reason: reasonSchema.optional(),
}).strict()
  .refine((p) => (p.lat === undefined) === (p.lon === undefined), { message: 'a move gives both lat and lon', path: ['lon'] })
  .refine((p) => !p.force || p.reason !== undefined, { message: 'a reason is required with force: true', path: ['reason'] })
  .refine(changesSomething, { message: 'nothing to change', path: ['name'] });
export type StopPatchInput = z.infer<typeof stopPatchSchema>;

export const vehicleInputSchema = z.object({
  label: textSchema({ min: 1, max: 60 }),
  seats: z.number().int().min(1).max(60),
  wheelchairPlaces: z.number().int().min(0).max(10).default(0),
  depotStopId: z.uuid({ message: 'expected a stop id (UUID)' }),
  reason: reasonSchema.optional(),
}).strict();

export const vehiclePatchSchema = z.object({
  label: textSchema({ min: 1, max: 60 }).optional(),
  seats: z.number().int().min(1).max(60).optional(),
  wheelchairPlaces: z.number().int().min(0).max(10).optional(),
  depotStopId: z.uuid({ message: 'expected a stop id (UUID)' }).optional(),
  /** false: out of service (its riders re-dispatched, as the desk's out-of-service does); true: back. */
  active: z.boolean().optional(),
  reason: reasonSchema.optional(),
}).strict()
  .refine((p) => p.active === undefined || p.reason !== undefined, { message: 'a reason is required to take a bus out of service or back', path: ['reason'] })
  .refine(changesSomething, { message: 'nothing to change', path: ['label'] });
export type VehiclePatchInput = z.infer<typeof vehiclePatchSchema>;

const breakSchema = z.object({ from: hhmm, to: hhmm }).strict().refine((b) => b.from < b.to, { message: 'a break ends after it starts', path: ['to'] });

/**
 * The breaks of a shift from `start` to `end` (local HH:MM) that lie outside it or overlap another,
 * by index; the same rule for a new template and for a template's changed shape.
 */
export function misplacedBreaks<T extends string | number>(breaks: Array<{ from: T; to: T }>, start: T, end: T): Array<{ field: string; message: string }> {
  return breaks.flatMap((b, i) => {
    if (b.from < start || b.to > end) return [{ field: `breaks.${i}`, message: 'a break lies within the shift' }];
    if (breaks.some((other, j) => j !== i && other.from < b.to && b.from < other.to)) return [{ field: `breaks.${i}`, message: 'breaks do not overlap' }];
    return [];
  });
}

/** Issues found by a rule, on the fields they name (`breaks.1` → ['breaks', 1]). */
function addIssues(ctx: z.RefinementCtx, issues: Array<{ field: string; message: string }>): void {
  for (const { field, message } of issues) ctx.addIssue({ code: 'custom', path: field.split('.').map((p, i) => (i === 1 ? Number(p) : p)), message });
}

export const shiftTemplateInputSchema = z.object({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).refine((days) => new Set(days).size === days.length, 'each weekday once'),
  start: hhmm,
  end: hhmm,
  startDepotStopId: z.uuid().optional(),
  endDepotStopId: z.uuid().optional(),
  driverId: z.uuid().optional(),
  breaks: z.array(breakSchema).max(5).default([]),
  reason: reasonSchema.optional(),
}).strict().refine((t) => t.start < t.end, { message: 'the shift ends after it starts (same day)', path: ['end'] })
  .superRefine((t, ctx) => addIssues(ctx, misplacedBreaks(t.breaks, t.start, t.end)));
export type ShiftTemplateInput = z.infer<typeof shiftTemplateInputSchema>;

/**
 * A change of a weekly template: the planned shifts it made that have not started change with it, so
 * a reason is required (riders may be moved to other buses).
 */
export const shiftTemplatePatchSchema = z.object({
  weekdays: shiftTemplateInputSchema.shape.weekdays.optional(),
  start: hhmm.optional(),
  end: hhmm.optional(),
  startDepotStopId: z.uuid().optional(),
  endDepotStopId: z.uuid().optional(),
  breaks: z.array(breakSchema).max(5).optional(),
  reason: reasonSchema,
}).strict().refine(changesSomething, { message: 'nothing to change', path: ['weekdays'] });
export type ShiftTemplatePatch = z.infer<typeof shiftTemplatePatchSchema>;

const breakSpanSchema = z.object({ startAt: z.iso.datetime({ offset: true }), endAt: z.iso.datetime({ offset: true }) }).strict()
  .refine((b) => Date.parse(b.startAt) < Date.parse(b.endAt), { message: 'a break ends after it starts', path: ['endAt'] });

export const shiftInputSchema = z.object({
  startAt: z.iso.datetime({ offset: true }),
  endAt: z.iso.datetime({ offset: true }),
  startDepotStopId: z.uuid().optional(),
  endDepotStopId: z.uuid().optional(),
  driverId: z.uuid().optional(),
  /** Instants, as the shift's own; each within the shift, none overlapping another. */
  breaks: z.array(breakSpanSchema).max(5).default([]),
  reason: reasonSchema.optional(),
}).strict()
  .refine((s) => Date.parse(s.startAt) < Date.parse(s.endAt), { message: 'the shift ends after it starts', path: ['endAt'] })
  .refine((s) => Date.parse(s.endAt) - Date.parse(s.startAt) <= 16 * 3600_000, { message: 'a shift lasts at most 16 hours', path: ['endAt'] })
  .superRefine((s, ctx) => {
    const spans = s.breaks.map((b) => ({ from: Date.parse(b.startAt), to: Date.parse(b.endAt) }));
    addIssues(ctx, misplacedBreaks(spans, Date.parse(s.startAt), Date.parse(s.endAt)));
  });
export type ShiftInput = z.infer<typeof shiftInputSchema>;

export const reasonBodySchema = z.object({ reason: reasonSchema }).strict();

export const staffInputSchema = z.object({
  role: z.enum(['driver', 'dispatcher', 'admin']),
  name,
  phone: phoneNumberSchema,
  /** Dispatchers only: the areas they work in (none: all). */
  areaIds: z.array(z.uuid()).max(50).optional(),
  /** Drivers only: the buses they may drive (none: every bus). */
  vehicleIds: z.array(z.uuid()).max(200).optional(),
  reason: reasonSchema.optional(),
}).strict()
  .refine((u) => u.areaIds === undefined || u.role === 'dispatcher', { message: 'only dispatchers are scoped to areas', path: ['areaIds'] })
  .refine((u) => u.vehicleIds === undefined || u.role === 'driver', { message: 'only drivers are tied to buses', path: ['vehicleIds'] });
export type StaffInput = z.infer<typeof staffInputSchema>;

/** A change to a staff login: its name, a dispatcher's areas, a driver's buses (the role stays). */
export const staffPatchSchema = z.object({
  name: name.optional(),
  areaIds: z.array(z.uuid()).max(50).optional(),
  vehicleIds: z.array(z.uuid()).max(200).optional(),
  reason: reasonSchema.optional(),
}).strict();
export type StaffPatch = z.infer<typeof staffPatchSchema>;

const day = z.iso.date({ message: 'expected a day as YYYY-MM-DD' });
/** The shift calendar's days (local dates of the area, both included): from today for 14 days unless given. */
export const shiftCalendarQuerySchema = z.object({ from: day.optional(), to: day.optional() }).strict();
export type ShiftCalendarQuery = z.infer<typeof shiftCalendarQuerySchema>;
