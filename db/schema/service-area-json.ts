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
  })
  .strict();
export type BookingRules = z.infer<typeof bookingRulesSchema>;

export const areaPolygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(z.tuple([z.number(), z.number()])).min(4)).min(1),
});
export type AreaPolygon = z.infer<typeof areaPolygonSchema>;
