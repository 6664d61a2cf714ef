import { z } from 'zod';

const clientEventId = z.string().min(1).max(100).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');
const planVersion = z.number().int().min(0);
const at = z.iso.datetime({ offset: true }).optional();
const bookingEvent = { clientEventId, planVersion, bookingId: z.uuid({ message: 'expected a booking id (UUID)' }), at };
const stopEvent = { clientEventId, planVersion, stopId: z.uuid({ message: 'expected a stop id (UUID)' }), at };

/** One event from a driver's tablet; `planVersion` is the manifest version the driver acted on. */
export const driverEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('arrived'), ...stopEvent }).strict(),
  z.object({ type: z.literal('departed'), ...stopEvent }).strict(),
  z.object({ type: z.literal('picked_up'), ...bookingEvent }).strict(),
  z.object({ type: z.literal('dropped_off'), ...bookingEvent }).strict(),
  z.object({ type: z.literal('no_show'), ...bookingEvent }).strict(),
  z.object({
    type: z.literal('position'),
    clientEventId,
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    time: z.iso.datetime({ offset: true }),
  }).strict(),
]);

export type DriverEvent = z.infer<typeof driverEventSchema>;
export type BookingEvent = Extract<DriverEvent, { bookingId: string }>;
export type StopEvent = Extract<DriverEvent, { stopId: string }>;
