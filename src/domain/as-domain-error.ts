import { SolverInputError } from '../../routing/solver';
import { RoutingError } from '../../routing/travel-times';
import { RoadDataUnavailableError } from './dispatch/stop-matrix';
import { DomainError } from './domain-error';

/**
 * A failure as the domain fact it is, or undefined for a bug. The layers below the domain (routing,
 * the solver) know nothing of DomainError; their expected failures are translated here, once, for
 * both the API (status) and the workers (retry or not):
 * - a RoutingError is the routing server's failure (no route sends client coordinates to OSRM):
 *   road data unavailable, ask again later;
 * - a SolverInputError is a planning problem no retry can fix.
 */
export function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error instanceof RoutingError) return new RoadDataUnavailableError(error.message, undefined, error);
  if (error instanceof SolverInputError) return new DomainError('invalid', 'solver-input', error.message, { cause: error });
  return undefined;
}
