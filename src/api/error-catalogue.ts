import { domainErrorCodes, type DomainErrorKind } from '../domain/error-codes';

/** The status of each domain error kind: the one place the domain's failures become HTTP. */
export const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
  'rate-limited': 429,
  unavailable: 503,
};

/**
 * Codes only the HTTP edge answers (the parsers, authentication, rate limits, bugs). Domain codes
 * are listed in src/domain/error-codes.ts; one line there or here adds a code and its README row.
 */
export const httpErrorCodes = {
  'malformed-json': { status: 400, title: 'Malformed JSON body', when: 'the body is not valid JSON (or is a bare `null`)' },
  'malformed-request': { status: 400, title: 'Malformed request', when: 'a malformed percent-encoding in the path; a body marked compressed that does not decompress' },
  unauthenticated: { status: 401, title: 'Authentication required', when: 'no or unknown bearer token or session cookie (an ended or expired session too; also `/metrics` without its token)' },
  csrf: { status: 403, title: 'Request refused (CSRF)', when: 'a cookie-authenticated write without the session\'s `X-CSRF-Token`; a log-in, sign-up or code request from another site\'s origin or not as JSON' },
  'body-too-large': { status: 413, title: 'Request body too large', when: 'body over 64 KiB (a GTFS stops.txt: 5 MiB); `detail` names the limit' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type', when: 'body not `application/json`, or in a charset other than UTF-8' },
  'unsupported-content-encoding': { status: 415, title: 'Unsupported content encoding', when: 'a `Content-Encoding` other than `gzip`, `deflate`, `br` (or none)' },
  'rate-limited': {
    status: 429, title: 'Too many requests',
    when: 'over a rate limit: requests without a valid token from one address, log-ins, sign-ups and code requests from one address, or bookings by one user (`RATE_LIMIT_*`); `Retry-After` says when to try again',
  },
  internal: { status: 500, title: 'Internal error', when: 'a bug; logged with the request id (`x-request-id`: the caller\'s when it is 1–64 of `A-Z a-z 0-9 . _ -`, else a new one)' },
} as const satisfies Record<string, { status: number; title: string; when: string }>;

export type HttpErrorCode = keyof typeof httpErrorCodes;

export interface CatalogueRow {
  status: number;
  code: string;
  title: string;
  when: string;
}

/** Every code an HTTP client can get, by status then code: the README's error table. */
export function errorCatalogue(): CatalogueRow[] {
  const domain = Object.entries(domainErrorCodes)
    .filter(([, entry]) => !('jobsOnly' in entry))
    .map(([code, entry]) => ({ status: STATUS_OF_KIND[entry.kind], code, title: entry.title, when: entry.when }));
  const http = Object.entries(httpErrorCodes).map(([code, entry]) => ({ code, ...entry }));
  return [...domain, ...http].sort((a, b) => a.status - b.status || a.code.localeCompare(b.code));
}

/** The table as markdown, one row per code. */
export function errorTableMarkdown(): string {
  const rows = errorCatalogue().map((row) => `| ${row.status} | \`${row.code}\` | ${row.when} |`);
  return ['| status | type | when |', '|---|---|---|', ...rows].join('\n');
}
