import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { User } from '../../data-access/users-repository';
import type { AccountsContext } from '../../domain/accounts/account-context';
import { logIn } from '../../domain/accounts/log-in';
import { endSession, endSessionsOf, type StartedSession } from '../../domain/accounts/sessions';
import { phoneNumberSchema } from '../../domain/users/phone-number';
import { actorOf } from '../auth';
import { csrfProblem, csrfTokenMatches } from '../csrf';
import { parseOr400 } from '../problem';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from '../session-cookie';
import type { RouteDoc } from '../openapi/route-doc';
import { sessionSchema, startedSessionSchema } from '../openapi/response-schemas';

export const passwordField = z.string({ message: 'expected the password as text' }).max(1000);

const logInSchema = z.object({ phone: phoneNumberSchema, password: passwordField.min(1, 'please give your password') }).strict();

export const sessionRouteDocs: RouteDoc[] = [
  {
    method: 'get', path: '/v1/session', tag: 'Session', callers: 'public', summary: 'Who is logged in (user null when nobody), with the CSRF token of the session',
    responses: { 200: { description: 'The session', schema: sessionSchema } },
  },
  {
    method: 'post', path: '/v1/session', tag: 'Session', callers: 'public', body: logInSchema, summary: 'Log in with phone number and password (sets the session cookie)',
    responses: { 200: { description: 'Logged in', schema: startedSessionSchema } }, errors: [401, 403, 409],
  },
  {
    method: 'delete', path: '/v1/session', tag: 'Session', callers: 'public', summary: 'Log out (needs X-CSRF-Token when a session is open)',
    responses: { 204: { description: 'Logged out; the cookie is cleared' } }, errors: [403],
  },
  {
    method: 'delete', path: '/v1/sessions', tag: 'Session', callers: ['rider', 'dispatcher', 'driver', 'admin'], summary: 'Log out everywhere (bearer tokens stay)',
    responses: { 204: { description: 'Every session ended' } },
  },
];

export const userView = (user: User) => ({ id: user.id, name: user.name, phone: user.phone, role: user.role });

/** The answer to every log-in (password, sign-up, access code): the user and the CSRF token, with the cookie. */
export function sendStartedSession(actx: AccountsContext, res: Response, status: number, session: StartedSession): void {
  setSessionCookie(res, session.token, session.expiresAt, actx.now());
  res.status(status).json({ user: userView(session.user), csrfToken: session.csrfToken });
}

/**
 * The session routes that work without a log-in: who am I (never 401), log in, log out. `guard`
 * checks unauthenticated writes (JSON, origin); `limit` counts log-ins per client address.
 */
export function publicSessionRouter(actx: AccountsContext, mw: { identify: RequestHandler; guard: RequestHandler; limit: RequestHandler; json: RequestHandler }): Router {
  const router = Router();
  router.get('/session', mw.identify, (req, res) => {
    // A cookie whose session has ended is of no more use: the browser may forget it.
    if (!req.user && sessionTokenOf(req)) clearSessionCookie(res);
    res.json({ user: req.user ? userView(req.user) : null, csrfToken: req.authSession?.csrfToken ?? null });
  });
  router.post('/session', mw.guard, mw.limit, mw.json, async (req, res) => {
    const body = parseOr400(logInSchema, req.body);
    sendStartedSession(actx, res, 200, await logIn(actx, body));
  });
  // Logging out of a session that has already ended is no mistake: the cookie goes either way.
  router.delete('/session', mw.identify, async (req: Request, res) => {
    if (req.authSession) {
      if (!csrfTokenMatches(req, req.authSession.csrfToken)) throw csrfProblem('Logging out needs the X-CSRF-Token header of the session.');
      await endSession(actx, req.authSession.id);
    }
    clearSessionCookie(res);
    res.status(204).end();
  });
  return router;
}

/** Log out everywhere: every session of the user ends (bearer tokens are not sessions and stay). */
export function sessionsRouter(actx: AccountsContext): Router {
  const router = Router();
  router.delete('/sessions', async (req, res) => {
    await endSessionsOf(actx, actorOf(req).id);
    clearSessionCookie(res);
    res.status(204).end();
  });
  return router;
}
