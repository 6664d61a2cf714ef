import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { Problem } from './problem';

export const csrfProblem = (detail: string) => new Problem(403, 'csrf', 'Request refused (CSRF)', detail);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (req: Request) => SAFE_METHODS.has(req.method);

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The request's X-CSRF-Token equals the session's (compared in constant time). */
export function csrfTokenMatches(req: Request, expected: string): boolean {
  const given = req.get('x-csrf-token');
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

/**
 * Writes without a session (log-in, sign-up, codes) have no token to check, so: JSON only (a form
 * on another site cannot send it without a CORS preflight) and, when the browser names the page's
 * origin, it must be this service's own or one of CORS_ORIGINS.
 */
export function guardUnauthenticatedWrite(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, _res, next) => {
    if (isSafeMethod(req)) return next();
    if (!req.is('application/json')) return next(csrfProblem('Send the body as application/json.'));
    const origin = req.get('origin');
    if (origin === undefined || allowed.has(origin)) return next();
    const sameHost = URL.canParse(origin) && new URL(origin).host === req.get('host');
    if (!sameHost) return next(csrfProblem('Requests from other sites are refused.'));
    next();
  };
}
