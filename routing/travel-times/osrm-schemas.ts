import { z } from 'zod';

/*
 * The parts of OSRM v5 answers this client relies on. Objects are lenient (zod drops unknown
 * keys), so newer servers adding fields still parse; what is used is checked.
 */

const lonLatPair = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const waypointSchema = z.object({
  location: lonLatPair,
  /** Metres from the input coordinate to the snapped one. */
  distance: z.number().nonnegative(),
  name: z.string().default(''),
});

/** Any answer carries a code; a non-Ok one a message too. */
export const codeSchema = z.object({
  code: z.string(),
  message: z.string().optional(),
});

const cell = z.number().nonnegative().nullable();
const cells = z.array(z.array(cell));

export const tableResponseSchema = z.object({
  code: z.literal('Ok'),
  durations: cells,
  distances: cells.optional(),
  /** Where each source and destination was snapped; `distance` says how far it moved. */
  sources: z.array(waypointSchema).optional(),
  destinations: z.array(waypointSchema).optional(),
});

export type TableResponse = z.infer<typeof tableResponseSchema>;

const legSchema = z.object({
  duration: z.number().nonnegative(),
  distance: z.number().nonnegative(),
});

export const routeResponseSchema = z.object({
  code: z.literal('Ok'),
  routes: z
    .array(
      z.object({
        duration: z.number().nonnegative(),
        distance: z.number().nonnegative(),
        legs: z.array(legSchema),
        geometry: z
          .object({ type: z.literal('LineString'), coordinates: z.array(lonLatPair) })
          .optional(),
      }),
    )
    .min(1),
});

export type RouteResponse = z.infer<typeof routeResponseSchema>;

export const nearestResponseSchema = z.object({
  code: z.literal('Ok'),
  waypoints: z.array(waypointSchema).min(1),
});

export type NearestResponse = z.infer<typeof nearestResponseSchema>;
