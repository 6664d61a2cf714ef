/** The public /v1 API as the browser sees it: cookie session, CSRF header on writes, problem+json errors. */

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The stable code at the end of the problem's `type`, e.g. "validation", "lead-time". */
    readonly code: string,
    readonly errors: FieldError[],
    readonly body: Record<string, unknown>,
  ) {
    super(`${status} ${code}`);
  }
}

/** The request never reached the service (offline, network gone). */
export class OfflineError extends Error {}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

export interface ApiResponse<T> {
  status: number;
  body: T;
}

/** A body sent as it is (a file's text), not as JSON. */
export class RawBody {
  constructor(readonly text: string, readonly contentType: string) {}
}

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json', ...headers } };
  if (method !== 'GET' && method !== 'HEAD') {
    const raw = body instanceof RawBody ? body : undefined;
    init.headers = { ...init.headers, 'content-type': raw?.contentType ?? 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) };
    if (body !== undefined) init.body = raw ? raw.text : JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new OfflineError('offline');
  }
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!response.ok) {
    const code = typeof parsed.type === 'string' ? parsed.type.slice(parsed.type.lastIndexOf('/') + 1) : String(response.status);
    const errors = Array.isArray(parsed.errors) ? (parsed.errors as FieldError[]) : [];
    throw new ApiError(response.status, code, errors, parsed);
  }
  return { status: response.status, body: parsed as T };
}

export const get = <T>(path: string) => api<T>('GET', path).then((r) => r.body);
