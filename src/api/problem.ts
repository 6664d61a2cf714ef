import type { ErrorRequestHandler, Response } from 'express';
import { z } from 'zod';
import { asDomainError } from '../domain/as-domain-error';
import { DomainError, domainErrors, type FieldError } from '../domain/domain-error';
import { domainErrorCodes } from '../domain/error-codes';
import { httpErrorCodes, STATUS_OF_KIND, type HttpErrorCode } from './error-catalogue';

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

/** A problem only the HTTP edge raises, with the status and title of its catalogue entry. */
function httpProblem(code: HttpErrorCode, detail: string, extra?: Record<string, unknown>): Problem {
  const { status, title } = httpErrorCodes[code];
  return new Problem(status, code, title, detail, undefined, extra);
}

/** Problems the routes raise themselves; the domain's failures arrive as DomainErrors. */
export const problems = {
  validation: (errors: FieldError[], detail?: string) => problemOf(domainErrors.invalid(errors, detail)),
  malformedJson: (detail: string) => httpProblem('malformed-json', detail),
  unauthenticated: () => httpProblem('unauthenticated', 'Send a bearer token in the Authorization header.'),
  forbidden: (detail: string) => problemOf(domainErrors.forbidden(detail)),
  notFound: (what: string) => problemOf(domainErrors.notFound(what)),
  tooLarge: (limit: string) => httpProblem('body-too-large', `The body may be at most ${limit}.`),
  unsupportedMediaType: () => httpProblem('unsupported-media-type', 'Send the body as application/json in UTF-8.'),
  unsupportedContentEncoding: () => httpProblem('unsupported-content-encoding', 'Send the body uncompressed, or compressed with gzip, deflate or br.'),
  malformedRequest: (detail: string) => httpProblem('malformed-request', detail),
  tooManyRequests: (retryAfterS: number) => httpProblem('rate-limited', `Too many requests from you; try again in ${retryAfterS} s.`, { retryAfterS }),
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

/** A body-parser limit as people write it: 65536 → "64 KiB", 5 MB → "5 MiB". */
function sizeOf(bytes: number): string {
  return bytes >= 1 << 20 ? `${Math.round(bytes / (1 << 20))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** Body-parser and router failures, which carry a 4xx status and a `type` but are not Problems. */
function clientErrorProblem(err: unknown): Problem | undefined {
  const { type, status } = err as { type?: string; status?: number };
  if (type === 'entity.too.large') return problems.tooLarge(sizeOf((err as { limit?: number }).limit ?? 65_536));
  if (type === 'entity.parse.failed') return problems.malformedJson(withoutExcerpt((err as Error).message));
  if (type === 'charset.unsupported') return problems.unsupportedMediaType();
  if (type === 'encoding.unsupported') return problems.unsupportedContentEncoding();
  if (err instanceof URIError) return problems.malformedRequest('The path has a malformed percent-encoding.');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // e.g. a compressed body that does not decompress, or one shorter than its Content-Length
    return problems.malformedRequest('The request body could not be read as sent.');
  }
  return undefined;
}

/** A domain error as the problem it is for HTTP clients: the kind decides the status, the code the title. */
export function problemOf(error: DomainError): Problem {
  const extra = error.retryAfterS === undefined ? error.extra : { ...error.extra, retryAfterS: error.retryAfterS };
  const title = error.title ?? domainErrorCodes[error.code].title;
  return new Problem(STATUS_OF_KIND[error.kind], error.code, title, error.detail, error.fields, extra);
}

/** The one error middleware: known problems as they are, client errors of the parsers mapped, the rest a 500. */
export function problemHandler(log: { error: (obj: unknown, msg: string) => void; warn?: (obj: unknown, msg: string) => void }): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof Problem) return sendProblem(res, err);
    const domainError = asDomainError(err);
    if (domainError) {
      // The cause names the routing server's address: logged, not shown to clients.
      if (domainError.kind === 'unavailable') log.warn?.({ err: causeOf(domainError), code: domainError.code, reqId: (req as { id?: string }).id }, 'dependency unavailable');
      if (domainError.retryAfterS !== undefined) res.setHeader('retry-after', String(domainError.retryAfterS));
      return sendProblem(res, problemOf(domainError));
    }
    const clientError = clientErrorProblem(err);
    if (clientError) return sendProblem(res, clientError);
    log.error({ err, reqId: (req as { id?: string }).id }, 'unhandled error');
    sendProblem(res, httpProblem('internal', 'Something went wrong on our side; it was logged.'));
  };
}

function causeOf(error: DomainError): string {
  if ('reason' in error && typeof error.reason === 'string') return error.reason;
  return error.cause instanceof Error ? error.cause.message : error.message;
}
