import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import type { User, UserRole } from '../data-access/users-repository';
import { hashToken } from '../domain/auth/tokens';
import { problems } from './problem';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
    id?: string;
  }
}

/** The token of an `Authorization: Bearer …` header, if the request has one. */
export function bearerTokenOf(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
}

/** Bearer-token authentication: the token's hash is looked up; the token itself is never stored. */
export function authenticate(findByTokenHash: (hash: string) => Promise<User | undefined>): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = bearerTokenOf(req);
    if (!token) return next(problems.unauthenticated());
    const user = await findByTokenHash(hashToken(token));
    if (!user) return next(problems.unauthenticated());
    req.user = user;
    next();
  };
}

/**
 * The token lookup with the users it found kept for `ttlMs` (default 10 s), so a client polling or
 * booking in a burst costs one read per token and interval, not one per request. Unknown tokens are
 * never kept. Users and their tokens are only ever created, so a kept entry cannot go stale; the TTL
 * bounds how long one would be served if that changes.
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
  return Object.assign(find, { known: (hash: string) => kept.get(hash)?.found });
}

/** A token lookup that can also tell, without a lookup, whether a token is one it already knows. */
export type CachedTokenLookup = ((hash: string) => Promise<User | undefined>) & { known(hash: string): User | undefined };

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
