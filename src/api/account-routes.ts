import express, { Router, type RequestHandler } from 'express';
import { resolveSession } from '../domain/accounts/sessions';
import type { DomainContext } from '../domain/context';
import type { User } from '../data-access/users-repository';
import { accountsContext, type AccountWiring } from './account-wiring';
import { identify, type SessionLookup } from './auth';
import { guardUnauthenticatedWrite } from './csrf';
import { accountRouter } from './routes/account';
import { areasRouter } from './routes/areas';
import { publicSessionRouter, sessionsRouter } from './routes/session';
import { signupRouter } from './routes/signup';
import type { RouteDoc } from './openapi/route-doc';
import { clientSettingsSchema } from './openapi/response-schemas';

export const accountRoutesDocs: RouteDoc[] = [{
  method: 'get', path: '/v1/client-settings', tag: 'Session', callers: 'public', summary: 'What the web app needs to know before log-in (map tiles, SMS demo, retention)',
  responses: { 200: { description: 'The settings', schema: clientSettingsSchema } },
}];

export interface AccountRoutes {
  /** For `authenticate`: the session cookie's lookup. */
  findSession: SessionLookup;
  /** Mounted at /v1 before authentication: session, sign-up, codes, client settings. */
  publicRoutes: Router;
  /** Mounted at /v1 after authentication: log out everywhere, own account, access codes, areas. */
  privateRoutes: Router;
}

export function accountRoutes(deps: {
  ctx: DomainContext;
  wiring: AccountWiring;
  findByTokenHash: (hash: string) => Promise<User | undefined>;
  accountLimit: RequestHandler;
  corsOrigins: readonly string[];
}): AccountRoutes {
  const actx = accountsContext(deps.ctx, deps.wiring);
  const findSession: SessionLookup = (token) => resolveSession(actx, token);
  const json = express.json({ limit: '64kb', strict: true, type: ['application/json', 'application/*+json'] });
  const mw = { identify: identify(deps.findByTokenHash, findSession), guard: guardUnauthenticatedWrite(deps.corsOrigins), limit: deps.accountLimit, json };

  const publicRoutes = Router();
  publicRoutes.use(publicSessionRouter(actx, mw));
  publicRoutes.use(signupRouter(actx, mw));
  publicRoutes.get('/client-settings', (_req, res) => {
    const retentionDays = Math.round(deps.wiring.settings.retentionMs / 86_400_000);
    res.json({ ...deps.wiring.client, smsDemo: deps.wiring.settings.smsDemo, retentionDays });
  });

  const privateRoutes = Router();
  privateRoutes.use(sessionsRouter(actx));
  privateRoutes.use(accountRouter(actx));
  privateRoutes.use('/areas', areasRouter(deps.ctx));
  return { findSession, publicRoutes, privateRoutes };
}
