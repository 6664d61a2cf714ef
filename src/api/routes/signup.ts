import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { AccountsContext } from '../../domain/accounts/account-context';
import { accountErrors } from '../../domain/accounts/account-errors';
import { requestAccessCode, useAccessCode } from '../../domain/accounts/access-codes';
import { startSignup, verifySignup } from '../../domain/accounts/sign-up';
import { textSchema } from '../../domain/text-schema';
import { phoneNumberSchema } from '../../domain/users/phone-number';
import { parseOr400 } from '../problem';
import { passwordField, sendStartedSession } from './session';
import type { RouteDoc } from '../openapi/route-doc';
import { accessCodeSentSchema, signupStartedSchema, startedSessionSchema } from '../openapi/response-schemas';

const codeField = z.string({ message: 'expected the 6-digit code from the SMS' }).trim().regex(/^[0-9]{6}$/, 'expected the 6-digit code from the SMS');
const signupSchema = z.object({ name: textSchema({ min: 1, max: 200 }), phone: phoneNumberSchema, password: passwordField }).strict();
const verifySchema = z.object({ code: codeField }).strict();
const accessCodeSchema = z.object({ phone: phoneNumberSchema }).strict();
const accessSchema = z.object({ phone: phoneNumberSchema, code: codeField, password: passwordField }).strict();
const signupIdSchema = z.uuid();

/** Log-ins, sign-ups and code requests: refused from other sites (403) and counted per address (429). */
const accountWrite = { tag: 'Session', callers: 'public' as const, errors: [403] };

export const signupRouteDocs: RouteDoc[] = [
  {
    ...accountWrite, method: 'post', path: '/v1/signup', body: signupSchema, summary: 'Start a sign-up: a 6-digit code goes to the phone by SMS',
    responses: { 202: { description: 'The code is on its way', schema: signupStartedSchema } }, errors: [403, 409],
  },
  {
    ...accountWrite, method: 'post', path: '/v1/signup/{signupId}/verify', body: verifySchema, summary: 'Finish the sign-up with the code (logs in)',
    responses: { 201: { description: 'Signed up and logged in', schema: startedSessionSchema } }, errors: [403, 409, 410],
  },
  {
    ...accountWrite, method: 'post', path: '/v1/access-code', body: accessCodeSchema, summary: 'Ask for an access code by SMS (forgot password, first access)',
    responses: { 202: { description: 'The code is on its way when the number is known', schema: accessCodeSentSchema } },
  },
  {
    ...accountWrite, method: 'post', path: '/v1/access', body: accessSchema, summary: 'Log in with an access code and set a new password',
    responses: { 201: { description: 'Logged in', schema: startedSessionSchema } }, errors: [403, 409, 410],
  },
];

/** Sign-up with an SMS code, and access codes (forgot password, first access of a phone caller). */
export function signupRouter(actx: AccountsContext, mw: { guard: RequestHandler; limit: RequestHandler; json: RequestHandler }): Router {
  const router = Router();
  const write = [mw.guard, mw.limit, mw.json];
  router.post('/signup', ...write, async (req, res) => {
    const body = parseOr400(signupSchema, req.body);
    const started = await startSignup(actx, body);
    res.status(202).json({ signupId: started.signupId, expiresAt: started.expiresAt.toISOString(), ...(started.demoCode && { demoCode: started.demoCode }) });
  });
  router.post('/signup/:signupId/verify', ...write, async (req, res) => {
    const body = parseOr400(verifySchema, req.body);
    const signupId = signupIdSchema.safeParse(req.params.signupId);
    if (!signupId.success) throw accountErrors.invalidCode();
    sendStartedSession(actx, res, 201, await verifySignup(actx, signupId.data, body.code));
  });
  router.post('/access-code', ...write, async (req, res) => {
    const body = parseOr400(accessCodeSchema, req.body);
    const issued = await requestAccessCode(actx, body.phone);
    res.status(202).json({ expiresAt: issued.expiresAt.toISOString(), ...(issued.demoCode && { demoCode: issued.demoCode }) });
  });
  router.post('/access', ...write, async (req, res) => {
    const body = parseOr400(accessSchema, req.body);
    sendStartedSession(actx, res, 201, await useAccessCode(actx, body));
  });
  return router;
}
