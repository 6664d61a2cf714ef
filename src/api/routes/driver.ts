import { Router, type Request } from 'express';
import { z } from 'zod';
import type { DomainContext } from '../../domain/context';
import type { PlanChangeNotifier } from '../../domain/dispatch/plan-change-notifier';
import { applyDriverEvent, type DriverEventDeps } from '../../domain/driver/apply-driver-event';
import { driverEventSchema } from '../../domain/driver/driver-event-schema';
import { assertMayDriveShift, createDriverShiftResolver } from '../../domain/driver/driver-shift';
import { etagOf, loadManifest } from '../../domain/driver/manifest';
import { createPlanVersionReader, waitForPlanChange } from '../../domain/driver/plan-versions';
import { actorOf, allowRoles } from '../auth';
import { parseOr400, problems } from '../problem';
import { manifestView } from '../views/manifest-view';
import { requireJsonBody } from './require-json';
import type { RouteDoc } from '../openapi/route-doc';
import { driverEventAnswerSchema, manifestSchema } from '../openapi/response-schemas';

export interface DriverRouterDeps {
  notifier: PlanChangeNotifier;
  stopMatrix: DriverEventDeps['stopMatrix'];
  /** Re-plans an area when a bus runs late; the worker pool provides it. Default: nothing. */
  replan?: DriverEventDeps['replan'];
  /** LATE_THRESHOLD_S: seconds behind plan that trigger re-planning. */
  lateThresholdS: number;
  /** MANIFEST_POLL_MS: fallback poll of the plan version during a long-poll, for changes whose notification was missed. */
  pollMs: number;
  /** PLAN_VERSION_TTL_MS: how long a plan version read from the database answers conditional requests. */
  versionTtlMs: number;
  /** Aborted when the process shuts down: waiting long-polls answer 304 at once, as on their timeout. */
  shutdown?: AbortSignal;
}

export const MAX_WAIT_S = 30;

const manifestQuerySchema = z.object({ wait: z.coerce.number().int().min(0).max(MAX_WAIT_S).optional() }).strict();

export const driverRouteDocs: RouteDoc[] = [
  {
    method: 'get', path: '/v1/driver/manifest', tag: 'Driver', callers: ['driver'], query: manifestQuerySchema,
    summary: 'The run sheet of the driver\'s shift today; with If-None-Match and `wait`, a long-poll that answers when the plan changes',
    headers: [{ name: 'If-None-Match', description: 'The ETag of the run sheet the tablet has: 304 while it is current' }],
    responses: { 200: { description: 'The run sheet (ETag header)', schema: manifestSchema }, 304: { description: 'The run sheet has not changed' } },
  },
  {
    method: 'post', path: '/v1/driver/events', tag: 'Driver', callers: ['driver'], body: driverEventSchema,
    summary: 'What happened on the road (arrived, picked up, no-show, dropped off, position); replayed events answer 200',
    responses: { 200: { description: 'The event was already applied', schema: driverEventAnswerSchema }, 201: { description: 'Applied', schema: driverEventAnswerSchema } },
    errors: [404, 409, 422],
  },
];

/** `If-None-Match` holds the given strong ETag (or `*`). */
function matches(req: Request, etag: string): boolean {
  const header = req.get('if-none-match');
  return header !== undefined && header.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
}

export function driverRouter(ctx: DomainContext, deps: DriverRouterDeps): Router {
  const router = Router();
  const driverShift = createDriverShiftResolver(ctx.repos, ctx.now);
  const versions = createPlanVersionReader(ctx.repos, deps.notifier, deps.versionTtlMs);
  const eventDeps: DriverEventDeps = {
    notifier: deps.notifier,
    stopMatrix: deps.stopMatrix,
    replan: deps.replan ?? (() => undefined),
    lateThresholdS: deps.lateThresholdS,
  };
  router.use(allowRoles('driver'));

  router.get('/manifest', async (req, res) => {
    const query = parseOr400(manifestQuerySchema, req.query);
    const shift = await driverShift(actorOf(req).id);
    if (!shift) throw problems.notFound('A shift of yours today');
    await assertMayDriveShift(ctx.repos, actorOf(req).id, shift);
    const shiftId = shift.shift.id;
    const seen = await versions.current(shiftId);
    if (matches(req, etagOf(shiftId, seen))) {
      const aborted = new AbortController();
      res.on('close', () => aborted.abort());
      const signal = deps.shutdown ? AbortSignal.any([aborted.signal, deps.shutdown]) : aborted.signal;
      const changed = query.wait
        ? await waitForPlanChange(deps.notifier, versions, shiftId, seen, { timeoutMs: query.wait * 1000, pollMs: deps.pollMs, signal })
        : undefined;
      if (changed === undefined) {
        res.setHeader('etag', etagOf(shiftId, seen));
        // Cut short because this process is stopping: the tablet asks again on a new connection (to another process).
        if (deps.shutdown?.aborted) res.setHeader('connection', 'close');
        return res.status(304).end();
      }
    }
    const view = manifestView(await loadManifest(ctx, shift));
    res.setHeader('etag', view.etag);
    res.json(view);
  });

  router.post('/events', requireJsonBody, async (req, res) => {
    const event = parseOr400(driverEventSchema, req.body);
    const actor = actorOf(req);
    const shift = await driverShift(actor.id);
    await assertMayDriveShift(ctx.repos, actor.id, shift);
    const answer = await applyDriverEvent(ctx, eventDeps, actor, shift, event);
    if (answer.replayed) res.setHeader('idempotent-replayed', 'true');
    res.status(answer.created ? 201 : 200).json(answer.body);
  });

  return router;
}
