/**
 * The one error the domain throws for an expected failure: what went wrong as a fact of the domain
 * (a kind and a stable code), never an HTTP status. `src/api/problem.ts` alone turns kinds into
 * statuses; workers decide retry or not by kind.
 */
export type DomainErrorKind =
  | 'invalid' // the request breaks a rule of its fields → 400
  | 'unauthenticated' // who asks is not known → 401
  | 'forbidden' // known, but not allowed → 403
  | 'not-found' // → 404
  | 'conflict' // the state does not allow it now → 409
  | 'gone' // it existed and has expired → 410
  | 'unprocessable' // well-formed but a booking rule refuses it → 422
  | 'rate-limited' // too many attempts → 429
  | 'unavailable'; // a dependency is away; asking again later helps → 503

export interface FieldError {
  field: string;
  message: string;
}

export interface DomainErrorOptions {
  /** Fields at fault, with paths as the request spells them ("pickup.stopId"). */
  fields?: FieldError[];
  /** More facts for the client, e.g. `cutoffAt` or `violations`. */
  extra?: Record<string, unknown>;
  /** A short human title; the kind's default otherwise. */
  title?: string;
  /** For `rate-limited` and `unavailable`: when asking again makes sense. */
  retryAfterS?: number;
}

export class DomainError extends Error {
  readonly fields?: FieldError[];
  readonly extra?: Record<string, unknown>;
  readonly title?: string;
  readonly retryAfterS?: number;

  constructor(
    readonly kind: DomainErrorKind,
    /** Stable, kebab-case; the last part of the problem `type` and a row of the README's error table. */
    readonly code: string,
    readonly detail: string,
    options: DomainErrorOptions = {},
  ) {
    super(detail);
    this.name = 'DomainError';
    this.fields = options.fields;
    this.extra = options.extra;
    this.title = options.title;
    this.retryAfterS = options.retryAfterS;
  }

  /** True when asking again later can succeed, so a worker retries instead of giving up. */
  get retryable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'rate-limited';
  }
}

export const domainErrors = {
  invalid: (fields: FieldError[], detail = 'The request has invalid fields.') => new DomainError('invalid', 'validation', detail, { fields }),
  notFound: (what: string) => new DomainError('not-found', 'not-found', `${what} was not found.`),
  forbidden: (detail: string) => new DomainError('forbidden', 'forbidden', detail),
  conflict: (code: string, detail: string, extra?: Record<string, unknown>) => new DomainError('conflict', code, detail, { extra }),
  unprocessable: (code: string, detail: string, fields?: FieldError[], extra?: Record<string, unknown>) =>
    new DomainError('unprocessable', code, detail, { fields, extra }),
};
