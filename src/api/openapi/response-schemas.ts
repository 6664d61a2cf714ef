import { z } from 'zod';
import { BOOKING_STATUSES } from '../../data-access/bookings-repository';

/**
 * What the API answers, as zod schemas for the OpenAPI document and the test that checks every
 * answer of the API tests against it. They describe the views; nothing parses a response with them.
 * `looseObject`: the fields listed are always there, more may follow (rows of the operator API).
 */
const isoTime = z.iso.datetime({ offset: true });
const uuid = z.uuid();
const role = z.enum(['rider', 'dispatcher', 'driver', 'admin']);

export const problemSchema = z.looseObject({
  type: z.url(),
  title: z.string(),
  status: z.int().min(400).max(599),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  retryAfterS: z.number().optional(),
}).meta({ id: 'Problem', description: 'RFC 9457 problem details; `type` is stable, `errors` names each bad field.' });

const stopRef = z.object({
  stopId: uuid, code: z.string().optional(), name: z.string().optional(), village: z.string().optional(), lat: z.number().optional(), lon: z.number().optional(),
});

export const bookingViewSchema = z.looseObject({
  id: uuid,
  status: z.enum(BOOKING_STATUSES),
  riderId: uuid,
  bookedById: uuid.nullable(),
  pickup: stopRef,
  dropoff: stopRef,
  departAfter: isoTime.nullable().optional(),
  arriveBy: isoTime.nullable().optional(),
  seats: z.int(),
  wheelchairs: z.int(),
  note: z.string().nullable(),
  offer: z.object({
    pickupWindow: z.object({ from: isoTime.nullable(), to: isoTime.nullable() }),
    latestArrival: isoTime.nullable(),
    maxRideMinutes: z.int().nullable(),
    vehicleId: uuid.nullable(),
    estimated: z.boolean(),
  }).nullable(),
  rejection: z.object({ reason: z.string().nullable(), alternatives: z.array(z.unknown()) }).nullable(),
  locked: z.boolean(),
  createdAt: isoTime.nullable(),
  updatedAt: isoTime.nullable(),
  rider: z.object({ name: z.string(), phone: z.string().nullable() }).nullable().optional(),
}).meta({ id: 'Booking' });

export const pendingBookingSchema = bookingViewSchema.extend({ statusUrl: z.string(), pending: z.unknown() });
export const bookingDetailSchema = bookingViewSchema.extend({
  eta: z.object({
    pickupAt: isoTime.nullable(), dropoffAt: isoTime, late: z.boolean(), estimated: z.boolean(), planVersion: z.int(),
    bus: z.object({ lat: z.number(), lon: z.number(), reportedAt: isoTime }).nullable(),
  }).nullable(),
});
export const bookingPageSchema = z.object({ items: z.array(bookingViewSchema), nextCursor: z.string().nullable() });

const userView = z.object({ id: uuid, name: z.string(), phone: z.string().nullable(), role });
export const startedSessionSchema = z.object({ user: userView, csrfToken: z.string() });
export const sessionSchema = z.object({ user: userView.nullable(), csrfToken: z.string().nullable() });
export const signupStartedSchema = z.object({ signupId: uuid, expiresAt: isoTime, demoCode: z.string().optional() });
export const accessCodeSentSchema = z.object({ expiresAt: isoTime, demoCode: z.string().optional() });
export const accessCodeSchema = z.object({ code: z.string(), expiresAt: isoTime });
export const clientSettingsSchema = z.looseObject({ smsDemo: z.boolean(), retentionDays: z.int() });
export const accountExportSchema = z.looseObject({});

export const publicStopSchema = z.object({
  id: uuid, areaId: uuid, code: z.string(), name: z.string(), village: z.string(), lat: z.number(), lon: z.number(), wheelchairAccessible: z.boolean(),
});
export const publicAreaSchema = z.object({
  id: uuid, name: z.string(), timeZone: z.string(), operatingHours: z.unknown(),
  rules: z.object({
    minLeadMin: z.number(), maxHorizonDays: z.number(), cancellationCutoffMin: z.number(), pickupWindowMin: z.number(),
    maxActiveBookingsPerRider: z.number(), maxSeats: z.int(),
  }),
  hotline: z.string().nullable(), infoUrl: z.string().nullable(), bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});

export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** Rows of the operator API: their stored columns, ids and the fields named here always present. */
export const adminAreaSchema = z.looseObject({ id: uuid, name: z.string(), timeZone: z.string(), boundary: z.unknown() });
export const adminStopSchema = z.looseObject({ id: uuid, areaId: uuid, code: z.string(), name: z.string(), village: z.string(), lat: z.number(), lon: z.number() });
export const vehicleSchema = z.looseObject({ id: uuid, areaId: uuid, label: z.string(), seats: z.int(), wheelchairPlaces: z.int(), inService: z.boolean() });
export const shiftSchema = z.looseObject({ id: uuid, vehicleId: uuid, startAt: z.unknown(), endAt: z.unknown() });
export const shiftTemplateSchema = z.looseObject({ id: uuid, vehicleId: uuid });
const localDay = z.iso.date();
export const shiftCalendarSchema = z.object({
  areaId: uuid, timeZone: z.string(), from: localDay, to: localDay,
  items: z.array(z.object({
    id: uuid, vehicleId: uuid, date: localDay, startAt: isoTime, endAt: isoTime, breaks: z.array(z.object({ startAt: isoTime, endAt: isoTime })),
    startDepotStopId: uuid, endDepotStopId: uuid, driverId: uuid.nullable(), templateId: uuid.nullable(),
    started: z.boolean(), cancelledAt: isoTime.nullable(), cancelReason: z.string().nullable(),
  })),
});
export const staffSchema = z.looseObject({ id: uuid, name: z.string(), role, areaIds: z.array(uuid) });
export const matrixStateSchema = z.looseObject({
  areaId: uuid, stops: z.int(), current: z.boolean(), state: z.enum(['current', 'building', 'stale']),
  progress: z.object({ done: z.int(), total: z.int(), startedAt: isoTime }).optional(),
});
export const gtfsUploadSchema = z.object({
  inserted: z.int(), updated: z.int(), moved: z.int(), unchanged: z.int(),
  outside: z.array(z.object({ code: z.string(), name: z.string() })),
  errors: z.array(z.object({ line: z.int(), field: z.string(), problem: z.string(), message: z.string() })),
});

export const riderMatchesSchema = itemsOf(z.object({
  id: uuid, name: z.string(), phone: z.string().nullable(),
  usualTrips: z.array(z.object({ pickup: stopRef, dropoff: stopRef, timeMode: z.enum(['departAfter', 'arriveBy']), time: z.string(), count: z.int() })),
}));
export const bookingHistorySchema = itemsOf(z.object({
  at: isoTime, kind: z.string(), actor: z.object({ id: uuid, name: z.string(), role }).nullable(), reason: z.string().nullable(),
  vehicle: z.object({ id: uuid, label: z.string().nullable() }).nullable(), data: z.unknown(),
}));
export const overviewSchema = z.looseObject({
  areaId: uuid, at: isoTime, day: z.object({ from: isoTime, to: isoTime }), buses: z.array(z.looseObject({ id: uuid, label: z.string(), shifts: z.array(z.unknown()) })),
  bookings: z.looseObject({ carried: z.array(bookingViewSchema), pending: z.array(bookingViewSchema), rejected: z.array(bookingViewSchema) }), kpis: z.unknown(),
});
export const routeLineSchema = z.looseObject({ road: z.boolean() });
export const overrideResultSchema = z.looseObject({});

const manifestPlace = stopRef;
const manifestRider = z.object({ bookingId: uuid, firstName: z.string(), seats: z.int(), wheelchairs: z.int(), note: z.string().nullable(), plannedAt: isoTime });
export const manifestSchema = z.object({
  shiftId: uuid, version: z.int(), etag: z.string(),
  vehicle: z.object({ id: uuid, label: z.string(), seats: z.int(), wheelchairPlaces: z.int() }),
  shift: z.object({ startAt: isoTime, endAt: isoTime }),
  startDepot: manifestPlace, endDepot: manifestPlace, lastStopId: uuid.nullable(), committedStops: z.int(),
  stops: z.array(manifestPlace.extend({ plannedAt: isoTime, boarding: z.array(manifestRider), alighting: z.array(manifestRider) })),
});
export const driverEventAnswerSchema = z.looseObject({});

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  checks: z.record(z.string(), z.enum(['ok', 'degraded', 'down'])),
  reasons: z.record(z.string(), z.string()).optional(),
});
