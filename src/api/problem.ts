import type { ErrorRequestHandler, Response } from 'express';
import { z } from 'zod';
import { RoutingError } from '../../routing/travel-times';
import { ROAD_DATA_RETRY_AFTER_S, RoadDataUnavailableError } from '../domain/dispatch/stop-matrix';
import { DomainError, type DomainErrorKind, type FieldError } from '../domain/domain-error';

export type { FieldError };

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? title);
  }
}

const TYPE_BASE = 'https://eifel-taxibus.example/problems/';

export const problems = {
  validation: (errors: FieldError[], detail = 'The request has invalid fields.') =>
    new Problem(400, 'validation', 'Invalid request', detail, errors),
  malformedJson: (detail: string) => new Problem(400, 'malformed-json', 'Malformed JSON body', detail),
  unauthenticated: () => new Problem(401, 'unauthenticated', 'Authentication required', 'Send a bearer token in the Authorization header.'),
  forbidden: (detail: string) => new Problem(403, 'forbidden', 'Not allowed', detail),
  notFound: (what: string) => new Problem(404, 'not-found', 'Not found', `${what} was not found.`),
  conflict: (type: string, detail: string, extra?: Record<string, unknown>) => new Problem(409, type, 'Conflict', detail, undefined, extra),
  tooLarge: (limit: string) => new Problem(413, 'body-too-large', 'Request body too large', `The body may be at most ${limit}.`),
  unsupportedMediaType: () =>
    new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'Send the body as application/json in UTF-8.'),
  unsupportedContentEncoding: () =>
    new Problem(415, 'unsupported-content-encoding', 'Unsupported content encoding', 'Send the body uncompressed, or compressed with gzip, deflate or br.'),
  malformedRequest: (detail: string) => new Problem(400, 'malformed-request', 'Malformed request', detail),
  tooManyRequests: (retryAfterS: number) =>
    new Problem(429, 'rate-limited', 'Too many requests', `Too many requests from you; try again in ${retryAfterS} s.`, undefined, { retryAfterS }),
  roadDataUnavailable: (detail: string) => new Problem(503, 'road-data-unavailable', 'Road data unavailable', detail),
  unprocessable: (type: string, detail: string, errors?: FieldError[], extra?: Record<string, unknown>) =>
    new Problem(422, type, 'Booking not possible', detail, errors, extra),
};

export function fieldErrorsFromZod(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return { field: [path, ...issue.keys].filter(Boolean).join('.'), message: `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` };
    }
    return { field: path || '(body)', message: issue.message };
  });
}

/** Parses with a zod schema or throws a 400 problem naming every bad field. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, prefix = ''): T {
  const result = schema.safeParse(value);
  if (!result.success) throw problems.validation(fieldErrorsFromZod(result.error, prefix));
  return result.data;
}

export function sendProblem(res: Response, problem: Problem): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({
      type: TYPE_BASE + problem.type,
      title: problem.title,
      status: problem.status,
      ...(problem.detail ? { detail: problem.detail } : {}),
      ...(problem.errors ? { errors: problem.errors } : {}),
      ...problem.extra,
    });
}

/** JSON.parse quotes the start of what it could not read; the answer names the mistake without echoing the input. */
function withoutExcerpt(message: string): string {
  return /^Unexpected token .* is not valid JSON$/s.test(message) ? 'Unexpected character: the body is not valid JSON.' : message;
}

/** Body-parser and router failures, which carry a 4xx status and a `type` but are not Problems. */
function clientErrorProblem(err: unknown): Problem | undefined {
  const { type, status } = err as { type?: string; status?: number };
  if (type === 'entity.too.large') return problems.tooLarge('64 KiB');
  if (type === 'entity.parse.failed') return problems.malformedJson(withoutExcerpt((err as Error).message));
  if (type === 'charset.unsupported') return problems.unsupportedMediaType();
  if (type === 'encoding.unsupported') return problems.unsupportedContentEncoding();
  if (err instanceof URIError) return problems.malformedRequest('The path has a malformed percent-encoding.');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // e.g. a compressed body that does not decompress, or one shorter than its Content-Length
    return new Problem(status, 'malformed-request', 'Malformed request', 'The request body could not be read as sent.');
  }
  return undefined;
}

const STATUS_OF_KIND: Record<DomainErrorKind, { status: number; title: string }> = {
  invalid: { status: 400, title: 'Invalid request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  gone: { status: 410, title: 'Gone' },
  unprocessable: { status: 422, title: 'Not possible' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Unavailable' },
};

/** A domain error as the problem it is for HTTP clients: the kind decides the status. */
export function problemOf(error: DomainError): Problem {
  const { status, title } = STATUS_OF_KIND[error.kind];
  const extra = error.retryAfterS === undefined ? error.extra : { ...error.extra, retryAfterS: error.retryAfterS };
  return new Problem(status, error.code, error.title ?? title, error.detail, error.fields, extra);
}

/** The one error middleware: known problems as they are, client errors of the parsers mapped, the rest a 500. */
export function problemHandler(log: { error: (obj: unknown, msg: string) => void; warn?: (obj: unknown, msg: string) => void }): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof Problem) return sendProblem(res, err);
    if (err instanceof DomainError) {
      if (err.retryAfterS !== undefined) res.setHeader('retry-after', String(err.retryAfterS));
      return sendProblem(res, problemOf(err));
    }
    const roadData = roadDataFailure(err);
    if (roadData) {
      // The cause names the routing server's address: logged, not shown to clients.
      log.warn?.({ err: (err as Error).message, reqId: (req as { id?: string }).id }, 'road data unavailable');
      res.setHeader('retry-after', String(roadData));
      return sendProblem(res, problems.roadDataUnavailable(`Road travel times this request needs are unavailable right now; try again in ${roadData} s.`));
    }
    const clientError = clientErrorProblem(err);
    if (clientError) return sendProblem(res, clientError);
    log.error({ err, reqId: (req as { id?: string }).id }, 'unhandled error');
    sendProblem(res, new Problem(500, 'internal', 'Internal error', 'Something went wrong on our side; it was logged.'));
  };
}

/**
 * Seconds to wait when a request needed road data the routing server could not give: 503 with
 * Retry-After, since asking again once OSRM is back succeeds. (No route takes coordinates to OSRM,
 * so any RoutingError that gets here is the server's failure, not the client's.)
 */
function roadDataFailure(err: unknown): number | undefined {
  if (err instanceof RoadDataUnavailableError) return err.retryAfterS;
  if (err instanceof RoutingError) return ROAD_DATA_RETRY_AFTER_S;
  return undefined;
}
