import type { Router } from 'express';
import { reasonBodySchema, staffInputSchema, staffPatchSchema } from '../../domain/admin/admin-schemas';
import { createStaff, deactivateStaff, resetStaffCredentials, updateStaff } from '../../domain/admin/manage-staff';
import type { DomainContext } from '../../domain/context';
import { parseOr400, problems } from '../problem';
import { requireJsonBody } from './require-json';
import { adminOnlyRouter, changeOf, uuidParam, type AdminRouteDeps } from './admin-deps';

const userIdOf = uuidParam('User');

/**
 * `/v1/admin/users`: staff logins (dispatchers, optionally scoped to areas; drivers, optionally tied to buses; admins). The
 * password and token are in the answer to create and reset only, never stored or shown again.
 */
export function adminUsersRouter(ctx: DomainContext, deps: AdminRouteDeps): Router {
  const router = adminOnlyRouter();
  router.get('/', async (_req, res) => {
    res.json({ items: await ctx.repos.admin.listStaff() });
  });
  router.post('/', requireJsonBody, async (req, res) => {
    const body = parseOr400(staffInputSchema, req.body ?? {});
    res.status(201).json(await createStaff(ctx, changeOf(req, body), body));
  });
  router.get('/:id', async (req, res) => {
    const user = await ctx.repos.admin.findStaff(userIdOf(req));
    if (!user) throw problems.notFound('User');
    res.json(user);
  });
  router.patch('/:id', requireJsonBody, async (req, res) => {
    const id = userIdOf(req);
    const body = parseOr400(staffPatchSchema, req.body ?? {});
    res.json(await updateStaff(ctx, changeOf(req, body), id, body));
  });
  router.post('/:id/deactivate', requireJsonBody, async (req, res) => {
    const id = userIdOf(req);
    const body = parseOr400(reasonBodySchema, req.body ?? {});
    res.json(await deactivateStaff(ctx, changeOf(req, body), deps.forgetUser, id));
  });
  router.post('/:id/reset', requireJsonBody, async (req, res) => {
    const id = userIdOf(req);
    const body = parseOr400(reasonBodySchema, req.body ?? {});
    res.json(await resetStaffCredentials(ctx, changeOf(req, body), deps.forgetUser, id));
  });
  return router;
}
