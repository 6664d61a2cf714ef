import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import type { User, UserRole } from '../data-access/users-repository';
import { hashToken } from '../domain/auth/tokens';
import type { LiveSession } from '../domain/accounts/sessions';
import { csrfProblem, csrfTokenMatches, isSafeMethod } from './csrf';
import { problems } from './problem';
import { sessionTokenOf } from './session-cookie';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
    id?: string;
    /** Set when the request came with a session cookie rather than a bearer token. */
    authSession?: { id: string; csrfToken: string };
  }
}

/** A session cookie's token → its live session (browser log-ins). */
export type SessionLookup = (token: string) => Promise<LiveSession | undefined>;

/** The token of an `Authorization: Bearer …` header, if the request has one. */
export function bearerTokenOf(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
}

/**
 * Who is asking: a bearer token wins (API clients); else the session cookie (the web app). Neither, or
 * one that is unknown, expired or ended: undefined. Tokens and cookies are only ever looked up by hash.
 */
async function callerOf(req: Request, findByTokenHash: (hash: string) => Promise<User | undefined>, findSession?: SessionLookup) {
  const token = bearerTokenOf(req);
  if (token) {
    const user = await findByTokenHash(hashToken(token));
    return user && { user };
  }
  const cookie = findSession && sessionTokenOf(req);
  if (!cookie) return undefined;
  const session = await findSession(cookie);
  return session && { user: session.user, session: { id: session.id, csrfToken: session.csrfToken } };
}

/**
 * Authentication by bearer token or session cookie. A cookie-authenticated write must carry the
 * session's X-CSRF-Token: the browser sends the cookie with any site's request, but only this
 * service's own pages can read the token.
 */
export function authenticate(findByTokenHash: (hash: string) => Promise<User | undefined>, findSession?: SessionLookup): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const caller = await callerOf(req, findByTokenHash, findSession);
    if (!caller) return next(problems.unauthenticated());
    if (caller.session && !isSafeMethod(req) && !csrfTokenMatches(req, caller.session.csrfToken)) {
      return next(csrfProblem('This write needs the X-CSRF-Token header of the session (GET /v1/session gives it).'));
    }
    req.user = caller.user;
    req.authSession = caller.session;
    next();
  };
}

/** As `authenticate`, but an unknown or missing credential lets the request through without a user. */
export function identify(findByTokenHash: (hash: string) => Promise<User | undefined>, findSession?: SessionLookup): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const caller = await callerOf(req, findByTokenHash, findSession);
    req.user = caller?.user;
    req.authSession = caller?.session;
    next();
  };
}

/**
 * The token lookup with the users it found kept for `ttlMs` (default 10 s), so a client polling or
 * booking in a burst costs one read per token and interval, not one per request. Unknown tokens are
 * never kept. A token goes only when its account is deleted; the TTL bounds how long a kept entry
 * serves it after that.
 */
export function cacheTokenLookups(
  lookup: (hash: string) => Promise<User | undefined>,
  options: { ttlMs?: number; nowMs?: () => number } = {},
): CachedTokenLookup {
  type Entry = { user: Promise<User | undefined>; found?: User };
  // Bounded, least recently used first out: a flood of guessed tokens cannot grow it (they are not kept anyway).
  const kept = new LRUCache<string, Entry>({ max: 10_000, ttl: options.ttlMs ?? 10_000, ttlResolution: 0, perf: { now: options.nowMs ?? Date.now } });
  const find = (hash: string) => {
    const hit = kept.get(hash);
    if (hit) return hit.user;
    const user = lookup(hash);
    const entry: Entry = { user };
    kept.set(hash, entry);
    const forget = () => {
      if (kept.peek(hash) === entry) kept.delete(hash);
    };
    user.then((found) => (found ? (entry.found = found) : forget()), forget);
    return user;
  };
  const forgetUser = (userId: string) => {
    for (const [hash, entry] of kept.entries()) if (entry.found?.id === userId) kept.delete(hash);
  };
  return Object.assign(find, { known: (hash: string) => kept.get(hash)?.found, forgetUser });
}

/**
 * A token lookup that can also tell, without a lookup, whether a token is one it already knows, and
 * forget a user's tokens at once (an admin deactivated the login; other processes follow within the TTL).
 */
export type CachedTokenLookup = ((hash: string) => Promise<User | undefined>) & { known(hash: string): User | undefined; forgetUser(userId: string): void };

export function allowRoles(...roles: UserRole[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user || !roles.includes(req.user.role)) {
      return next(problems.forbidden(`This needs one of the roles: ${roles.join(', ')}.`));
    }
    next();
  };
}

/** The authenticated user; only for handlers behind `authenticate`. */
export function actorOf(req: Request): User {
  if (!req.user) throw problems.unauthenticated();
  return req.user;
}
