import { Router, type Request } from 'express';
import { z } from 'zod';
import { areaReadsOf, type DomainContext } from '../../domain/context';
import type { PlanChangeNotifier } from '../../domain/dispatch/plan-change-notifier';
import { textSchema } from '../../domain/text-schema';
import { loadDayOverview, overviewDay } from '../../domain/overrides/day-overview';
import { assignBooking, setBookingLock, unassignBooking } from '../../domain/overrides/assign-booking';
import { decideAgain } from '../../domain/overrides/decide-again';
import { putBackIntoService, takeOutOfService } from '../../domain/overrides/out-of-service';
import type { OverrideDeps } from '../../domain/overrides/override-deps';
import { resequenceVehicle } from '../../domain/overrides/resequence';
import type { RouteLines } from '../../domain/overrides/route-geometry';
import { watchArea } from '../../domain/overrides/watch-area';
import { areaScopeOf, assertBookingInScope, assertVehicleInScope } from '../../domain/desk/area-scope';
import { actorOf, allowRoles } from '../auth';
import { parseOr400, problems } from '../problem';
import { bookingViews } from '../views/booking-view';
import { overviewView } from '../views/overview-view';
import { deskBookingsRouter } from './desk-bookings';
import { driverRouter, type DriverRouterDeps } from './driver';
import { requireJsonBody } from './require-json';
import type { RouteDoc } from '../openapi/route-doc';
import { bookingViewSchema, itemsOf, overrideResultSchema, overviewSchema, routeLineSchema } from '../openapi/response-schemas';

export type DispatchRouterDeps = OverrideDeps & Pick<DriverRouterDeps, 'pollMs' | 'shutdown'> & { notifier: PlanChangeNotifier; routeLines: RouteLines };

const reason = textSchema({ min: 1, max: 500, multiline: true });
const assignSchema = z.object({ vehicleId: z.uuid({ message: 'expected a vehicle id (UUID)' }), lock: z.boolean().optional(), force: z.boolean().optional(), reason: reason.optional() }).strict();
const reasonOnlySchema = z.object({ reason: reason.optional() }).strict();
const sequenceSchema = z.object({
  stops: z.array(z.object({ bookingId: z.uuid(), kind: z.enum(['pickup', 'dropoff']) }).strict()).max(500),
  shiftId: z.uuid().optional(),
  force: z.boolean().optional(),
  reason: reason.optional(),
}).strict();
const outOfServiceSchema = z.object({ reason }).strict();
const overviewQuerySchema = z.object({
  areaId: z.uuid().optional(),
  date: z.iso.date({ message: 'expected a day as YYYY-MM-DD' }).optional(),
}).strict();
const routeQuerySchema = z.object({
  stops: z.string().transform((list) => list.split(',')).pipe(z.array(z.uuid({ message: 'expected stop ids (UUIDs) separated by commas' })).min(2).max(60)),
}).strict();
const desk = ['dispatcher', 'admin'] as const;
const bookingOverride = (action: string, body: z.ZodType, summary: string): RouteDoc => ({
  method: 'post', path: `/v1/dispatch/bookings/{id}/${action}`, tag: 'Dispatch', callers: desk, body, bodyOptional: true, summary,
  responses: { 200: { description: 'The booking as it is now', schema: bookingViewSchema } }, errors: [409, 422, 503],
});
const vehicleOverride = (method: 'post' | 'put', action: string, body: z.ZodType, summary: string): RouteDoc => ({
  method, path: `/v1/dispatch/vehicles/{id}/${action}`, tag: 'Dispatch', callers: desk, body, bodyOptional: action === 'in-service', summary,
  responses: { 200: { description: 'What changed', schema: overrideResultSchema } }, errors: [409, 422, 503],
});

const deskAreaSchema = z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() });

export const dispatchRouteDocs: RouteDoc[] = [
  {
    method: 'get', path: '/v1/dispatch/areas', tag: 'Dispatch', callers: desk, summary: 'The service areas this desk login may see (a scoped dispatcher\'s own, else all): what the desk offers to choose from',
    responses: { 200: { description: 'The areas', schema: itemsOf(deskAreaSchema) } },
  },
  {
    method: 'get', path: '/v1/dispatch/overview', tag: 'Dispatch', callers: desk, query: overviewQuerySchema, summary: 'The desk\'s picture of a day: buses, plans, bookings to look at, KPIs',
    responses: { 200: { description: 'The overview', schema: overviewSchema } },
  },
  {
    method: 'get', path: '/v1/dispatch/route', tag: 'Dispatch', callers: desk, query: routeQuerySchema, summary: 'The line through a bus\'s next stops (along roads, or straight with road: false)',
    responses: { 200: { description: 'The line', schema: routeLineSchema } },
  },
  {
    method: 'get', path: '/v1/dispatch/stream', tag: 'Dispatch', callers: desk, query: overviewQuerySchema, summary: 'Server-sent events: `change` whenever the overview would differ, `ping` to keep the line open',
    responses: { 200: { description: 'The event stream', contentType: 'text/event-stream' } }, errors: [404],
  },
  bookingOverride('assign', assignSchema, 'Put a booking on a bus (optionally locked there)'),
  bookingOverride('unassign', reasonOnlySchema, 'Take a booking off its bus'),
  bookingOverride('decide', reasonOnlySchema, 'Let the planner decide the booking again'),
  bookingOverride('lock', reasonOnlySchema, 'Keep the booking on its bus when the planner re-plans'),
  bookingOverride('unlock', reasonOnlySchema, 'Let the planner move the booking again'),
  vehicleOverride('put', 'sequence', sequenceSchema, 'Set the order of a bus\'s stops'),
  vehicleOverride('post', 'out-of-service', outOfServiceSchema, 'Take a bus out of service; its bookings are planned again'),
  vehicleOverride('post', 'in-service', reasonOnlySchema, 'Put a bus back into service'),
];

/** A `ping` event this often keeps proxies from closing a quiet stream and tells the desk it is still connected. */
const STREAM_HEARTBEAT_MS = 20_000;

const uuidParam = (what: string) => (req: Request) => {
  const result = z.uuid().safeParse(req.params.id);
  if (!result.success) throw problems.notFound(what);
  return result.data;
};
const bookingIdOf = uuidParam('Booking');
const vehicleIdOf = uuidParam('Vehicle');

/** The dispatch desk: overview and manual overrides, each checked like a planner's write and logged. */
export function dispatchRouter(ctx: DomainContext, deps: DispatchRouterDeps): Router {
  const router = Router();
  router.use(allowRoles('dispatcher', 'admin'));
  const view = async (booking: Parameters<typeof bookingViews>[0][number]) => (await bookingViews([booking], (ids) => areaReadsOf(ctx).stopsByIds(ids)))[0];
  const override = (req: Request, body: { reason?: string; force?: boolean }) => ({ actor: actorOf(req), reason: body.reason, force: body.force });

  // Overrides on a booking or bus of another area answer as if it did not exist (a scoped dispatcher).
  const scopedBookingId = async (req: Request) => {
    const id = bookingIdOf(req);
    await assertBookingInScope(ctx.repos, actorOf(req), id);
    return id;
  };
  const scopedVehicleId = async (req: Request) => {
    const id = vehicleIdOf(req);
    await assertVehicleInScope(ctx.repos, actorOf(req), id);
    return id;
  };

  // A dispatcher scoped to areas (by an admin) sees those only; unscoped staff see every area.
  const visibleAreas = async (req: Request) => {
    const all = await ctx.repos.areas.list();
    const scope = await areaScopeOf(ctx.repos, actorOf(req));
    return { all, areas: scope ? all.filter((a) => scope.includes(a.id)) : all };
  };
  const areaIdOf = async (req: Request, query: { areaId?: string }) => {
    const { all, areas } = await visibleAreas(req);
    const areaId = query.areaId ?? (areas.length === 1 ? areas[0].id : undefined);
    if (!areaId) throw problems.validation([{ field: 'areaId', message: 'required when there is more than one service area' }]);
    if (!all.some((a) => a.id === areaId)) throw problems.notFound('Service area');
    if (!areas.some((a) => a.id === areaId)) throw problems.forbidden('This service area is not one of your areas.');
    return areaId;
  };

  router.get('/areas', async (req, res) => {
    const { areas } = await visibleAreas(req);
    res.json({ items: areas.map((a) => ({ id: a.id, name: a.name, timeZone: a.timeZone })) });
  });

  router.get('/overview', async (req, res) => {
    const query = parseOr400(overviewQuerySchema, req.query);
    res.json(overviewView(await loadDayOverview(ctx, deps, await areaIdOf(req, query), query.date)));
  });

  // The line through a bus's next stops for the map: along the roads with OSRM, else straight (`road: false`).
  router.get('/route', async (req, res) => {
    const query = parseOr400(routeQuerySchema, req.query);
    res.json(await deps.routeLines(ctx, query.stops));
  });

  // Server-sent events: `change` with the area's new stamp whenever the overview would differ; the desk then reads it again.
  router.get('/stream', async (req, res) => {
    const query = parseOr400(overviewQuerySchema, req.query);
    const areaId = await areaIdOf(req, query);
    const day = await overviewDay(ctx, areaId, query.date);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    res.write('retry: 2000\n\n');
    const closed = new AbortController();
    const signal = deps.shutdown ? AbortSignal.any([closed.signal, deps.shutdown]) : closed.signal;
    const heartbeat = setInterval(() => res.write('event: ping\ndata: {}\n\n'), STREAM_HEARTBEAT_MS);
    res.on('close', () => closed.abort());
    signal.addEventListener('abort', () => {
      clearInterval(heartbeat);
      res.end();
    }, { once: true });
    watchArea(ctx.repos, deps.notifier, areaId, day, { pollMs: deps.pollMs, signal }, (stamp) => {
      res.write(`event: change\ndata: ${JSON.stringify({ stamp })}\n\n`);
    });
  });

  router.post('/bookings/:id/assign', requireJsonBody, async (req, res) => {
    const body = parseOr400(assignSchema, req.body ?? {});
    res.json(await view(await assignBooking(ctx, deps, override(req, body), await scopedBookingId(req), body.vehicleId, body.lock)));
  });

  router.post('/bookings/:id/unassign', requireJsonBody, async (req, res) => {
    const body = parseOr400(reasonOnlySchema, req.body ?? {});
    res.json(await view(await unassignBooking(ctx, deps, override(req, body), await scopedBookingId(req))));
  });

  router.post('/bookings/:id/decide', requireJsonBody, async (req, res) => {
    const body = parseOr400(reasonOnlySchema, req.body ?? {});
    res.json(await view(await decideAgain(ctx, override(req, body), await scopedBookingId(req))));
  });

  for (const [action, locked] of [['lock', true], ['unlock', false]] as const) {
    router.post(`/bookings/:id/${action}`, requireJsonBody, async (req, res) => {
      const body = parseOr400(reasonOnlySchema, req.body ?? {});
      res.json(await view(await setBookingLock(ctx, override(req, body), await scopedBookingId(req), locked)));
    });
  }

  router.put('/vehicles/:id/sequence', requireJsonBody, async (req, res) => {
    const body = parseOr400(sequenceSchema, req.body ?? {});
    res.json(await resequenceVehicle(ctx, deps, override(req, body), await scopedVehicleId(req), body.stops, body.shiftId));
  });

  router.post('/vehicles/:id/out-of-service', requireJsonBody, async (req, res) => {
    const body = parseOr400(outOfServiceSchema, req.body ?? {});
    res.json(await takeOutOfService(ctx, deps, override(req, body), await scopedVehicleId(req)));
  });

  router.post('/vehicles/:id/in-service', requireJsonBody, async (req, res) => {
    const body = parseOr400(reasonOnlySchema, req.body ?? {});
    res.json(await putBackIntoService(ctx, override(req, body), await scopedVehicleId(req)));
  });

  return router;
}

/** Both routers for AppDependencies.extraRoutes, sharing one notifier and the stored stop matrices. */
export function driverAndDispatchRoutes(ctx: DomainContext, deps: DriverRouterDeps & Pick<OverrideDeps, 'areaLock'> & { notifier: PlanChangeNotifier; routeLines: RouteLines }) {
  return [
    { path: '/v1/driver', router: driverRouter(ctx, deps) },
    { path: '/v1/dispatch', router: dispatchRouter(ctx, deps) },
    { path: '/v1/dispatch', router: deskBookingsRouter(ctx) },
  ];
}
