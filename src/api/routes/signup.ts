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

const codeField = z.string({ message: 'expected the 6-digit code from the SMS' }).trim().regex(/^[0-9]{6}$/, 'expected the 6-digit code from the SMS');
const signupSchema = z.object({ name: textSchema({ min: 1, max: 200 }), phone: phoneNumberSchema, password: passwordField }).strict();
const verifySchema = z.object({ code: codeField }).strict();
const accessCodeSchema = z.object({ phone: phoneNumberSchema }).strict();
const accessSchema = z.object({ phone: phoneNumberSchema, code: codeField, password: passwordField }).strict();
const signupIdSchema = z.uuid();

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
