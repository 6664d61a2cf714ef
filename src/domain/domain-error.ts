import type { CodeOfKind, DomainErrorCode, DomainErrorKind, KindOf } from './error-codes';

/**
 * The one error the domain throws for an expected failure: what went wrong as a fact of the domain
 * (a kind and a stable code), never an HTTP status. `src/api/problem.ts` alone turns kinds into
 * statuses; workers decide retry or not by kind. Codes and their titles are listed in error-codes.ts.
 */
export type { DomainErrorCode, DomainErrorKind };

export interface FieldError {
  field: string;
  message: string;
}

export interface DomainErrorOptions {
  /** Fields at fault, with paths as the request spells them ("pickup.stopId"). */
  fields?: FieldError[];
  /** More facts for the client, e.g. `cutoffAt` or `violations`. */
  extra?: Record<string, unknown>;
  /** A short human title; the code's title in error-codes.ts otherwise. */
  title?: string;
  /** For `rate-limited` and `unavailable`: when asking again makes sense. */
  retryAfterS?: number;
  /** What failed underneath, for the log (it may name servers the client must not see). */
  cause?: unknown;
}

const RETRYABLE_KINDS: ReadonlySet<DomainErrorKind> = new Set(['unavailable', 'rate-limited']);

export class DomainError<C extends DomainErrorCode = DomainErrorCode> extends Error {
  readonly fields?: FieldError[];
  readonly extra?: Record<string, unknown>;
  readonly title?: string;
  readonly retryAfterS?: number;

  constructor(
    readonly kind: KindOf<C>,
    /** Stable, kebab-case; the last part of the problem `type` and a row of the README's error table. */
    readonly code: C,
    readonly detail: string,
    options: DomainErrorOptions = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.fields = options.fields;
    this.extra = options.extra;
    this.title = options.title;
    this.retryAfterS = options.retryAfterS;
  }

  /** True when asking again later can succeed, so a worker retries instead of giving up. */
  get retryable(): boolean {
    return RETRYABLE_KINDS.has(this.kind);
  }
}

const BOOKING_CHANGED = 'The booking changed meanwhile; fetch it and try again.';

export const domainErrors = {
  invalid: (fields: FieldError[], detail = 'The request has invalid fields.') => new DomainError('invalid', 'validation', detail, { fields }),
  notFound: (what: string) => new DomainError('not-found', 'not-found', `${what} was not found.`),
  forbidden: (detail: string) => new DomainError('forbidden', 'forbidden', detail),
  conflict: <C extends CodeOfKind<'conflict'>>(code: C, detail: string, extra?: Record<string, unknown>) =>
    new DomainError<C>('conflict' as KindOf<C>, code, detail, { extra }),
  unprocessable: <C extends CodeOfKind<'unprocessable'>>(code: C, detail: string, fields?: FieldError[], extra?: Record<string, unknown>) =>
    new DomainError<C>('unprocessable' as KindOf<C>, code, detail, { fields, extra }),
  /**
   * Another action moved the booking between reading and writing it. A driver is sent to the manifest;
   * a change that names the booking says which one.
   */
  bookingChanged: (about: { bookingId?: string; manifestUrl?: string } = {}) => {
    if (about.manifestUrl) {
      return domainErrors.conflict('booking-changed', 'The booking changed meanwhile; fetch the manifest and try again.', { manifestUrl: about.manifestUrl });
    }
    return domainErrors.conflict('booking-changed', about.bookingId ? `Booking ${about.bookingId} changed meanwhile; retry.` : BOOKING_CHANGED);
  },
};
