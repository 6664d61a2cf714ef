import { z } from 'zod';

// The shapes of the service areas' JSON columns (polygon, operating hours, booking rules): the database
// stores them, the domain reads them, so they live with the schema (db/ imports nothing of src/).

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'expected HH:MM');

export const operatingHoursSchema = z.record(
  z.enum(['1', '2', '3', '4', '5', '6', '7']),
  z.array(z.object({ from: hhmm, to: hhmm }).strict()),
);
/** ISO weekday (1 = Monday) → service spans in local time. */
export type OperatingHours = z.infer<typeof operatingHoursSchema>;

export const bookingRulesSchema = z
  .object({
    minLeadMin: z.number().int().min(0),
    maxHorizonDays: z.number().int().min(1),
    cancellationCutoffMin: z.number().int().min(0),
    pickupWindowMin: z.number().int().min(1),
    maxRideAlpha: z.number().min(1),
    maxRideBetaMin: z.number().min(0),
    maxActiveBookingsPerRider: z.number().int().min(1),
    /** The largest party booked online or at the desk in one booking (larger groups call the hotline); none: the largest bus decides. */
    maxPartySize: z.number().int().min(1).max(60).optional(),
  })
  .strict();
export type BookingRules = z.infer<typeof bookingRulesSchema>;

const ring = z.array(z.tuple([z.number(), z.number()])).min(4);

/** GeoJSON (WGS84, [lon, lat]): one polygon, or several for an area in parts (enclaves, islands). */
export const areaPolygonSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
export type AreaPolygon = z.infer<typeof areaPolygonSchema>;

const isoDate = z.iso.date();

/** Dated exceptions to the weekly hours: a closure (no spans) or other hours on that local date (public holidays). */
export const operatingExceptionsSchema = z.array(
  z.object({ date: isoDate, spans: z.array(z.object({ from: hhmm, to: hhmm }).strict()), note: z.string().max(200).optional() }).strict(),
);
export type OperatingExceptions = z.infer<typeof operatingExceptionsSchema>;
