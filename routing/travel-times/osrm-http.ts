import { RoutingError } from './routing-error';

export interface HttpOptions {
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  fetch: typeof fetch;
}

export interface HttpAnswer {
  status: number;
  /** Parsed JSON, or undefined when the body was not JSON. */
  body: unknown;
}

/** Raised inside one attempt when a retry may help (5xx, network error, timeout). */
class TransientFailure extends Error {
  constructor(
    readonly kind: 'UpstreamError' | 'Unreachable' | 'Timeout',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * GETs a URL and parses the JSON body. Network errors, timeouts and 5xx answers are retried with
 * exponential backoff (backoffMs, 2×, 4×, …); any other answer, 4xx included, is returned at once
 * because asking again gets the same answer. Node's global fetch runs on undici's default agent,
 * which keeps connections alive, so successive OSRM requests reuse sockets.
 */
export async function getJson(url: string, options: HttpOptions): Promise<HttpAnswer> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce(url, options);
    } catch (error) {
      if (!(error instanceof TransientFailure)) throw error;
      if (attempt >= options.retries) throw asRoutingError(error, url, attempt + 1);
      await sleep(options.backoffMs * 2 ** attempt);
    }
  }
}

async function attemptOnce(url: string, options: HttpOptions): Promise<HttpAnswer> {
  let response: Response;
  let text: string;
  try {
    response = await options.fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
    // The timeout signal also covers reading the body.
    text = await response.text();
  } catch (error) {
    if (isTimeout(error)) throw new TransientFailure('Timeout', `no answer within ${options.timeoutMs} ms`, { cause: error });
    throw new TransientFailure('Unreachable', describeNetworkError(error), { cause: error });
  }
  if (response.status >= 500) {
    throw new TransientFailure('UpstreamError', `HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
  return { status: response.status, body: parseJsonOrUndefined(text) };
}

function asRoutingError(failure: TransientFailure, url: string, attempts: number): RoutingError {
  const where = `${new URL(url).origin} (${attempts} attempt${attempts === 1 ? '' : 's'})`;
  return new RoutingError(failure.kind, `OSRM at ${where}: ${failure.message}`, { cause: failure.cause ?? failure });
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
