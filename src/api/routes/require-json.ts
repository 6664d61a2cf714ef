import type { RequestHandler } from 'express';
import { problems } from '../problem';

/**
 * Bodies must be JSON. A POST without a body is allowed where the route's schema accepts `{}`
 * (confirm, cancel without reason); anything else that is not application/json is a 415.
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const length = Number(req.get('content-length') ?? 0);
  const hasBody = length > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is('application/json')) return next(problems.unsupportedMediaType());
  next();
};
