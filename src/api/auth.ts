import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { User, UserRole } from '../data-access/users-repository';
import { hashToken } from '../domain/auth/tokens';
import { problems } from './problem';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
    id?: string;
  }
}

/** Bearer-token authentication: the token's hash is looked up; the token itself is never stored. */
export function authenticate(findByTokenHash: (hash: string) => Promise<User | undefined>): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return next(problems.unauthenticated());
    const user = await findByTokenHash(hashToken(match[1]));
    if (!user) return next(problems.unauthenticated());
    req.user = user;
    next();
  };
}

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
