import type { TestApp } from '../../support/test-app';

export interface BrowserAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * A browser as far as the API can tell: it keeps the session cookie it is given and sends it back,
 * and sends the CSRF token of the last log-in answer on writes unless told otherwise.
 */
export class Browser {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(readonly app: Pick<TestApp, 'url'>) {}

  async request(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; csrf?: string | false } = {}): Promise<BrowserAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = `etb_session=${this.cookie}`;
    const csrf = options.csrf === undefined ? this.csrfToken : options.csrf;
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(this.app.url + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    for (const line of res.headers.getSetCookie()) {
      const match = /^etb_session=([^;]*);.*Max-Age=(\d+)/.exec(line);
      if (match) this.cookie = match[2] === '0' || match[1] === '' ? undefined : match[1];
    }
    const text = await res.text();
    const body = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (body && typeof body === 'object' && typeof body.csrfToken === 'string') this.csrfToken = body.csrfToken;
    return { status: res.status, headers: res.headers, body };
  }

  /** Signs up with the demo code; resolves with the verify answer. */
  async signUp(account: { name: string; phone: string; password: string }): Promise<BrowserAnswer> {
    const started = await this.request('POST', '/v1/signup', { body: account });
    if (started.status !== 202) throw new Error(`sign-up answered ${started.status}: ${JSON.stringify(started.body)}`);
    return this.request('POST', `/v1/signup/${started.body.signupId}/verify`, { body: { code: started.body.demoCode } });
  }

  logIn(phone: string, password: string): Promise<BrowserAnswer> {
    return this.request('POST', '/v1/session', { body: { phone, password } });
  }
}
