import { Router, type Request } from 'express';
import { z } from 'zod';
import type { StopsChanged } from '../../domain/admin/manage-stops';
import type { ForgetUser } from '../../domain/admin/manage-staff';
import type { OverrideDeps } from '../../domain/overrides/override-deps';
import { actorOf, allowRoles } from '../auth';
import { problems } from '../problem';
import type { ResponseDoc, RouteDoc } from '../openapi/route-doc';

/** What the operator API needs besides the domain context. */
export interface AdminRouteDeps {
  /** The desk's re-dispatch (shift cancellations, buses out of service). */
  overrides: OverrideDeps;
  /** Queues the rebuild of an area's travel times after its stops changed. */
  stopsChanged: StopsChanged;
  /** Forgets a login's cached token at once (deactivation, reset). */
  forgetUser: ForgetUser;
}

/** An operator route (admins only): `conflicts` are 409s and 422s its changes can meet. */
export const adminDoc = (method: RouteDoc['method'], path: string, summary: string, responses: Record<number, ResponseDoc>, more: Partial<RouteDoc> = {}): RouteDoc => ({
  method, path: `/v1/admin${path}`, summary, responses, tag: 'Operator', callers: ['admin'], ...more,
});

/** A router for admins only; everyone else gets 403 before the body is looked at. */
export function adminOnlyRouter(): Router {
  return Router().use(allowRoles('admin'));
}

/** The `:id` (or another) parameter as a UUID; anything else is the thing not found. */
export const uuidParam = (what: string, name = 'id') => (req: Request): string => {
  const result = z.uuid().safeParse(req.params[name]);
  if (!result.success) throw problems.notFound(what);
  return result.data;
};

/** Who changes it and why (the body's `reason`), for the event log. */
export const changeOf = (req: Request, body: { reason?: string }) => ({ actor: actorOf(req), reason: body.reason });
