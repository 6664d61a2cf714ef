import { Router, type Request } from 'express';
import { z } from 'zod';
import { BOOKING_STATUSES, CARRIED_STATUSES } from '../../data-access/bookings-repository';
import { areaReadsOf, type DomainContext } from '../../domain/context';
import { cancelBookingSchema, createBookingSchema } from '../../domain/bookings/booking-request';
import { createBooking } from '../../domain/bookings/create-booking';
import { textSchema } from '../../domain/text-schema';
import { phonePrefixOf } from '../../domain/desk/rider-search';
import type { User } from '../../data-access/users-repository';
import { whyPending } from '../../domain/bookings/pending-reason';
import { areaFilterOf } from '../../domain/desk/area-scope';
import { cancelBooking, confirmBooking, findVisibleBooking } from '../../domain/bookings/manage-booking';
import { actorOf, allowRoles } from '../auth';
import { parseOr400, problems } from '../problem';
import { bookingViews, busPositionView, etaView } from '../views/booking-view';
import { decodeCursor, encodeCursor } from './cursor';
import { requireJsonBody } from './require-json';
import type { RouteDoc } from '../openapi/route-doc';
import { bookingDetailSchema, bookingPageSchema, bookingViewSchema, pendingBookingSchema } from '../openapi/response-schemas';

const listQuerySchema = z
  .object({
    status: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(z.enum(BOOKING_STATUSES)))
      .optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    /** Dispatchers: one rider's bookings, one local day, one village, a search over rider, phone and stops. */
    riderId: z.uuid({ message: 'expected a rider id (UUID)' }).optional(),
    /** Staff: one area's bookings (a scoped dispatcher sees only their areas' in any case). */
    areaId: z.uuid({ message: 'expected a service area id (UUID)' }).optional(),
    day: z.iso.date({ message: 'expected a date, e.g. 2026-12-01' }).optional(),
    village: textSchema({ min: 1, max: 100 }).optional(),
    q: textSchema({ min: 1, max: 100 }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: textSchema({ max: 200 }).optional(),
  })
  .strict();

const idSchema = z.uuid({ message: 'expected a booking id (UUID)' });
const idempotencyKeySchema = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');
const confirmSchema = z.object({}).strict();
const callers = ['rider', 'dispatcher', 'admin'] as const;

export const bookingsRouteDocs: RouteDoc[] = [
  {
    method: 'post', path: '/v1/bookings', tag: 'Bookings', callers, body: createBookingSchema,
    summary: 'Book a ride: decided at once (201, or 200 for a replayed Idempotency-Key) or later (202 with statusUrl)',
    headers: [{ name: 'Idempotency-Key', description: 'The same key answers with the same booking instead of a second one.', schema: idempotencyKeySchema }],
    responses: { 200: { description: 'The booking made earlier with this Idempotency-Key', schema: bookingViewSchema }, 201: { description: 'Booked and decided', schema: bookingViewSchema }, 202: { description: 'Booked; the decision follows', schema: pendingBookingSchema } },
    errors: [409, 422, 503],
  },
  {
    method: 'get', path: '/v1/bookings', tag: 'Bookings', callers, query: listQuerySchema,
    summary: 'Bookings, newest requested time last; riders see their own, staff filter by rider, area, day, village or search',
    responses: { 200: { description: 'One page; nextCursor reads the next', schema: bookingPageSchema } }, errors: [404],
  },
  {
    method: 'get', path: '/v1/bookings/{id}', tag: 'Bookings', callers, summary: 'One booking, with the bus\'s planned times and position when it is on its way',
    responses: { 200: { description: 'The booking', schema: bookingDetailSchema } },
  },
  {
    method: 'post', path: '/v1/bookings/{id}/cancel', tag: 'Bookings', callers, body: cancelBookingSchema, bodyOptional: true, summary: 'Cancel a booking',
    responses: { 200: { description: 'The cancelled booking', schema: bookingViewSchema } }, errors: [409],
  },
  {
    method: 'post', path: '/v1/bookings/{id}/confirm', tag: 'Bookings', callers, body: confirmSchema, bodyOptional: true, summary: 'Accept the offered ride',
    responses: { 200: { description: 'The confirmed booking', schema: bookingViewSchema } }, errors: [409, 422],
  },
];

export function bookingsRouter(ctx: DomainContext): Router {
  const router = Router();
  const views = (list: Parameters<typeof bookingViews>[0]) => bookingViews(list, (ids) => areaReadsOf(ctx).stopsByIds(ids));
  /** Staff see whom each booking is for (name and phone), as a caller on the phone is asked. */
  const withRiders = async <V extends { riderId: string }>(actor: User, list: V[]) => {
    if (actor.role === 'rider') return list;
    const riders = new Map((await ctx.repos.users.findByIds(list.map((v) => v.riderId))).map((u) => [u.id, u]));
    return list.map((v) => ({ ...v, rider: riders.has(v.riderId) ? { name: riders.get(v.riderId)!.name, phone: riders.get(v.riderId)!.phone } : null }));
  };
  const idOf = (req: Request) => {
    const result = idSchema.safeParse(req.params.id);
    if (!result.success) throw problems.notFound('Booking');
    return result.data;
  };

  router.post('/', allowRoles('rider', 'dispatcher', 'admin'), requireJsonBody, async (req, res) => {
    const body = parseOr400(createBookingSchema, req.body);
    const keyHeader = req.get('idempotency-key');
    const idempotencyKey = keyHeader === undefined ? undefined : parseOr400(idempotencyKeySchema, keyHeader, 'Idempotency-Key');
    const outcome = await createBooking(ctx, { actor: actorOf(req), body, idempotencyKey });
    const [view] = await views([outcome.booking]);
    res.location(`/v1/bookings/${outcome.booking.id}`);
    if (!outcome.decided) {
      return res.status(202).json({ ...view, statusUrl: `/v1/bookings/${outcome.booking.id}`, pending: await whyPending(ctx, outcome.booking.id) });
    }
    res.status(outcome.created ? 201 : 200).json(view);
  });

  router.get('/', allowRoles('rider', 'dispatcher', 'admin'), async (req, res) => {
    const query = parseOr400(listQuerySchema, req.query);
    const actor = actorOf(req);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const areas = actor.role === 'rider' ? {} : await areaFilterOf(ctx.repos, actor, query.areaId);
    const rows = await ctx.repos.bookings.list({
      ...areas,
      riderId: actor.role === 'rider' ? actor.id : query.riderId,
      village: query.village,
      day: query.day,
      search: query.q === undefined ? undefined : { text: query.q, phonePrefix: phonePrefixOf(query.q) },
      statuses: query.status,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      after,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    res.json({
      items: await withRiders(actor, await views(page)),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ requestedTime: last.requestedTime, id: last.id }) : null,
    });
  });

  router.get('/:id', allowRoles('rider', 'dispatcher', 'admin'), async (req, res) => {
    const booking = await findVisibleBooking(ctx, actorOf(req), idOf(req));
    const [[view], [plan]] = await Promise.all([
      views([booking]),
      booking.shiftId && CARRIED_STATUSES.has(booking.status) ? ctx.repos.fleet.plansForShifts([booking.shiftId]) : [],
    ]);
    const eta = etaView(booking, plan);
    const vehicle = booking.vehicleId && eta?.pickupAt ? await ctx.repos.fleet.findVehicle(booking.vehicleId) : undefined;
    const [shown] = await withRiders(actorOf(req), [view]);
    res.json({ ...shown, eta: eta && { ...eta, bus: busPositionView(booking, eta.pickupAt, ctx.now(), vehicle) } });
  });

  router.post('/:id/cancel', allowRoles('rider', 'dispatcher', 'admin'), requireJsonBody, async (req, res) => {
    const body = parseOr400(cancelBookingSchema, req.body ?? {});
    const booking = await cancelBooking(ctx, actorOf(req), idOf(req), body.reason);
    const [view] = await views([booking]);
    res.json(view);
  });

  router.post('/:id/confirm', allowRoles('rider', 'dispatcher', 'admin'), requireJsonBody, async (req, res) => {
    parseOr400(confirmSchema, req.body ?? {});
    const booking = await confirmBooking(ctx, actorOf(req), idOf(req));
    const [view] = await views([booking]);
    res.json(view);
  });

  return router;
}
