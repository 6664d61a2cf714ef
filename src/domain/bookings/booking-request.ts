import { z } from 'zod';
import { phoneNumberSchema } from '../users/phone-number';
import { textSchema } from '../text-schema';

const isoWithOffset = z.iso.datetime({ offset: true, message: 'expected ISO 8601 date-time with offset, e.g. 2026-12-01T08:30:00+01:00' });

const place = z.union(
  [
    z.object({ stopId: z.uuid({ message: 'expected a stop id (UUID)' }) }).strict(),
    z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).strict(),
  ],
  { message: 'expected {stopId} or {lat, lon}' },
);

export const createBookingSchema = z
  .object({
    pickup: place,
    dropoff: place,
    departAfter: isoWithOffset.optional(),
    arriveBy: isoWithOffset.optional(),
    seats: z.number().int().min(1).max(50).default(1),
    wheelchairs: z.number().int().min(0).max(10).default(0),
    note: textSchema({ max: 500, multiline: true }).optional(),
    /** Dispatchers book for a caller: an existing rider id, or name and phone to create one. */
    riderId: z.uuid().optional(),
    rider: z
      .object({
        name: textSchema({ min: 1, max: 200 }),
        phone: phoneNumberSchema,
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.departAfter === undefined) === (body.arriveBy === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['departAfter'], message: 'give exactly one of departAfter and arriveBy' });
    }
    if (body.riderId && body.rider) {
      ctx.addIssue({ code: 'custom', path: ['rider'], message: 'give riderId or rider, not both' });
    }
  });

export type CreateBookingRequest = z.infer<typeof createBookingSchema>;
export type Place = CreateBookingRequest['pickup'];

export const cancelBookingSchema = z.object({ reason: textSchema({ min: 1, max: 500, multiline: true }).optional() }).strict();
