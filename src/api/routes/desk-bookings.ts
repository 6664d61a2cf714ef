import { Router } from 'express';
import { z } from 'zod';
import { areaReadsOf, type DomainContext } from '../../domain/context';
import { bookingHistory } from '../../domain/desk/booking-history';
import { findRiders } from '../../domain/desk/rider-search';
import { assertBookingInScope } from '../../domain/desk/area-scope';
import { textSchema } from '../../domain/text-schema';
import { actorOf, allowRoles } from '../auth';
import { parseOr400, problems } from '../problem';
import type { RouteDoc } from '../openapi/route-doc';
import { bookingHistorySchema, riderMatchesSchema } from '../openapi/response-schemas';

const riderQuerySchema = z.object({ q: textSchema({ min: 1, max: 100 }) }).strict();

export const deskBookingsRouteDocs: RouteDoc[] = [
  {
    method: 'get', path: '/v1/dispatch/riders', tag: 'Dispatch', callers: ['dispatcher', 'admin'], query: riderQuerySchema, summary: 'Callers found by phone or name, with their usual trips',
    responses: { 200: { description: 'The riders found', schema: riderMatchesSchema } },
  },
  {
    method: 'get', path: '/v1/dispatch/bookings/{id}/history', tag: 'Dispatch', callers: ['dispatcher', 'admin'], summary: 'What happened to a booking, by whom and why',
    responses: { 200: { description: 'The history, oldest first', schema: bookingHistorySchema } },
  },
];

/** The desk's phone booking: callers found by phone or name with their usual trips, and a booking's history. */
export function deskBookingsRouter(ctx: DomainContext): Router {
  const router = Router();
  router.use(allowRoles('dispatcher', 'admin'));

  router.get('/riders', async (req, res) => {
    const { q } = parseOr400(riderQuerySchema, req.query);
    const found = await findRiders(ctx, q);
    const stops = await areaReadsOf(ctx).stopsByIds(found.flatMap((f) => f.usualTrips.flatMap((t) => [t.pickupStopId, t.dropoffStopId])));
    const byId = new Map(stops.map((s) => [s.id, s]));
    const stop = (id: string) => {
      const s = byId.get(id);
      return s ? { stopId: s.id, code: s.code, name: s.name, village: s.village } : { stopId: id };
    };
    res.json({
      items: found.map(({ rider, usualTrips }) => ({
        id: rider.id,
        name: rider.name,
        phone: rider.phone,
        usualTrips: usualTrips.map((t) => ({
          pickup: stop(t.pickupStopId),
          dropoff: stop(t.dropoffStopId),
          timeMode: t.timeMode === 'depart_after' ? 'departAfter' : 'arriveBy',
          time: t.localTime,
          count: t.count,
        })),
      })),
    });
  });

  router.get('/bookings/:id/history', async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    if (!id.success) throw problems.notFound('Booking');
    await assertBookingInScope(ctx.repos, actorOf(req), id.data);
    const entries = await bookingHistory(ctx, id.data);
    res.json({
      items: entries.map(({ event, actor, vehicleLabel }) => ({
        at: event.at.toISOString(),
        kind: event.kind,
        actor: actor ? { id: actor.id, name: actor.name, role: actor.role } : null,
        reason: event.reason,
        vehicle: event.vehicleId ? { id: event.vehicleId, label: vehicleLabel ?? null } : null,
        data: event.data ?? {},
      })),
    });
  });

  return router;
}
