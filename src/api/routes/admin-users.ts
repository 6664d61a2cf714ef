import type { Router } from 'express';
import { reasonBodySchema, staffInputSchema, staffPatchSchema } from '../../domain/admin/admin-schemas';
import { createStaff, deactivateStaff, resetStaffCredentials, updateStaff } from '../../domain/admin/manage-staff';
import type { DomainContext } from '../../domain/context';
import { parseOr400, problems } from '../problem';
import { requireJsonBody } from './require-json';
import { adminDoc, adminOnlyRouter, changeOf, uuidParam, type AdminRouteDeps } from './admin-deps';
import type { RouteDoc } from '../openapi/route-doc';
import { itemsOf, staffSchema } from '../openapi/response-schemas';

const userIdOf = uuidParam('User');

export const adminUsersRouteDocs: RouteDoc[] = [
  adminDoc('get', '/users', 'The staff logins', { 200: { description: 'The staff', schema: itemsOf(staffSchema) } }),
  adminDoc('post', '/users', 'Create a staff login; the answer holds its password or token, shown this once', { 201: { description: 'The login with its secret', schema: staffSchema } }, { body: staffInputSchema, errors: [409, 422] }),
  adminDoc('get', '/users/{id}', 'One staff login', { 200: { description: 'The login', schema: staffSchema } }),
  adminDoc('patch', '/users/{id}', 'Change a staff login: name, a dispatcher\'s areas, a driver\'s buses', { 200: { description: 'The login as it is now', schema: staffSchema } }, { body: staffPatchSchema, errors: [409, 422] }),
  adminDoc('post', '/users/{id}/deactivate', 'Deactivate a staff login (its token stops at once)', { 200: { description: 'The login', schema: staffSchema } }, { body: reasonBodySchema, errors: [409] }),
  adminDoc('post', '/users/{id}/reset', 'New password or token for a staff login, shown this once', { 200: { description: 'The login with its new secret', schema: staffSchema } }, { body: reasonBodySchema, errors: [409] }),
];

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
