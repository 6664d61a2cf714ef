import { Router } from 'express';
import { z } from 'zod';
import type { AccountsContext } from '../../domain/accounts/account-context';
import { accessCodeForRider } from '../../domain/accounts/access-codes';
import { changePassword } from '../../domain/accounts/change-password';
import { deleteAccount } from '../../domain/accounts/delete-account';
import { exportAccount } from '../../domain/accounts/export-account';
import { actorOf, allowRoles } from '../auth';
import { parseOr400, problems } from '../problem';
import { clearSessionCookie } from '../session-cookie';
import { requireJsonBody } from './require-json';
import { passwordField } from './session';
import type { RouteDoc } from '../openapi/route-doc';
import { accessCodeSchema, accountExportSchema } from '../openapi/response-schemas';

const changePasswordSchema = z.object({ currentPassword: passwordField, newPassword: passwordField }).strict();
const deleteSchema = z.object({ password: passwordField }).strict();
const riderIdSchema = z.uuid();

export const accountRouteDocs: RouteDoc[] = [
  {
    method: 'post', path: '/v1/account/password', tag: 'Account', callers: ['rider'], body: changePasswordSchema, summary: 'Change the password; other sessions end',
    responses: { 204: { description: 'Changed' } },
  },
  {
    method: 'get', path: '/v1/account/export', tag: 'Account', callers: ['rider', 'dispatcher', 'driver', 'admin'], summary: 'Everything stored about the caller, as a JSON download',
    responses: { 200: { description: 'The data (Content-Disposition: attachment)', schema: accountExportSchema } },
  },
  {
    method: 'post', path: '/v1/account/delete', tag: 'Account', callers: ['rider'], body: deleteSchema, summary: 'Delete the account (with the password)',
    responses: { 204: { description: 'Deleted; the session cookie is cleared' } }, errors: [409],
  },
  {
    method: 'post', path: '/v1/riders/{id}/access-code', tag: 'Account', callers: ['dispatcher', 'admin'], summary: 'A one-time access code for a rider on the phone',
    responses: { 201: { description: 'The code, to be read out to the caller', schema: accessCodeSchema } },
  },
];

/** The logged-in villager's own account: password, export, deletion; and access codes given by dispatchers. */
export function accountRouter(actx: AccountsContext): Router {
  const router = Router();
  router.post('/account/password', allowRoles('rider'), requireJsonBody, async (req, res) => {
    const body = parseOr400(changePasswordSchema, req.body);
    await changePassword(actx, actorOf(req), { ...body, keepSessionId: req.authSession?.id });
    res.status(204).end();
  });
  router.get('/account/export', async (req, res) => {
    const data = await exportAccount(actx, actorOf(req));
    res.setHeader('content-disposition', 'attachment; filename="eifel-taxibus-meine-daten.json"');
    res.json(data);
  });
  router.post('/account/delete', allowRoles('rider'), requireJsonBody, async (req, res) => {
    const body = parseOr400(deleteSchema, req.body);
    await deleteAccount(actx, actorOf(req), body.password);
    clearSessionCookie(res);
    res.status(204).end();
  });
  router.post('/riders/:id/access-code', allowRoles('dispatcher', 'admin'), async (req, res) => {
    const id = riderIdSchema.safeParse(req.params.id);
    if (!id.success) throw problems.notFound('Rider');
    const issued = await accessCodeForRider(actx, id.data);
    res.status(201).json({ code: issued.code, expiresAt: issued.expiresAt.toISOString() });
  });
  return router;
}
