/** Every answer the soak's clients got, by status, and the 5xx ones by route. */
export function createHttpStats() {
  const byStatus = new Map<number, number>();
  const serverErrors = new Map<string, number>();
  const refusals = new Map<string, number>();
  return {
    byStatus,
    serverErrors,
    /** 4xx answers by route and problem type (what the service refused, and why). */
    refusals,
    connectionErrors: 0,
    retries: 0,
    gaveUp: 0,
    requests: 0,
    count(route: string, status: number, type?: string) {
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      if (status >= 500) serverErrors.set(`${route} ${status}`, (serverErrors.get(`${route} ${status}`) ?? 0) + 1);
      if (status >= 400 && status < 500) {
        const key = `${route} ${status} ${type ?? ''}`.trim();
        refusals.set(key, (refusals.get(key) ?? 0) + 1);
      }
    },
    total5xx: () => [...byStatus].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0),
  };
}
export type HttpStats = ReturnType<typeof createHttpStats>;

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Which API process to try first (the clients spread over both). */
  prefer?: number;
  timeoutMs?: number;
}

/** A 500 is a bug and answered as it is; these say "try again". */
const RETRIED_STATUSES = new Set([502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** The route without ids or query, so the figures group by what was asked. */
export const routeOf = (method: string, path: string) => `${method} ${path.split('?')[0].replace(UUID, ':id')}`;

/**
 * HTTP to the API processes as a real app would do it: a connection error, a 502, 503 or 504 is retried with
 * backoff on the other process, with the same request (so with its Idempotency-Key or client event
 * id), until `retryForMs` has passed; undefined when it never got an answer.
 */
export function createHttp(apiUrls: string[], stats: HttpStats, retryForMs = 60_000) {
  let next = 0;
  return async function request(method: string, path: string, token: string, options: RequestOptions = {}): Promise<Answer | undefined> {
    const route = routeOf(method, path);
    const started = Date.now();
    let api = options.prefer ?? next++;
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 0) stats.retries += 1;
      stats.requests += 1;
      try {
        const res = await fetch(`${apiUrls[api % apiUrls.length]}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
          body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
        const text = await res.text();
        const body = text && res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : {};
        stats.count(route, res.status, typeof body.type === 'string' ? body.type.split('/').at(-1) : undefined);
        if (!RETRIED_STATUSES.has(res.status)) return { status: res.status, body, headers: res.headers };
      } catch {
        stats.connectionErrors += 1;
      }
      if (Date.now() - started > retryForMs) {
        stats.gaveUp += 1;
        return undefined;
      }
      api += 1;
      await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
    }
  };
}
export type Http = ReturnType<typeof createHttp>;
