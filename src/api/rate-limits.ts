import type { Request, RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import type { Logger } from '../infra/logger';
import { RedisStore } from 'rate-limit-redis';
import { problems } from './problem';

export interface RateLimitSettings {
  windowS: number;
  /** Requests without a valid token (none, unknown, wrong scheme) per client address and window; 0 turns the limit off. */
  unauthenticatedPerAddress: number;
  /** POST /v1/bookings per user and window; 0 turns the limit off. */
  bookingsPerUser: number;
  /** Log-ins, sign-ups and code requests per client address and window; 0 turns the limit off. */
  accountAttemptsPerAddress?: number;
  /**
   * Where the counters live: Redis shared by every API process (so a limit holds however many
   * there are), under `prefix`. Unset: counted in this process only.
   */
  redis?: { sendCommand: (...args: string[]) => Promise<unknown>; prefix: string };
}

export interface RateLimits {
  /** Per client address, before the token lookup; requests with a token already known skip it. */
  unauthenticated: RequestHandler;
  /** Per authenticated user, for booking creation. */
  bookingCreation: RequestHandler;
  /** Per client address, for log-in, sign-up and code requests (every one counts, answered or not). */
  accountAttempts: RequestHandler;
}

const pass: RequestHandler = (_req, _res, next) => next();

/** The limiter's complaints (a Redis outage fails every request's count) at most once per 10 s. */
function throttledLog(log: Pick<Logger, 'warn'>) {
  let lastMs = 0;
  const warn = (err: unknown, message?: string) => {
    if (Date.now() - lastMs < 10_000) return;
    lastMs = Date.now();
    log.warn({ err }, message ?? 'rate limit');
  };
  return { error: warn, warn };
}

/**
 * RedisStore keeps the load of its scripts as one promise: should Redis be slow or away when the
 * service starts, that promise stays rejected and every count fails (no limit, for the life of the
 * process). Here a failed load is tried again by the next request.
 */
export class ReloadingRedisStore extends RedisStore {
  override increment(key: string) {
    this.incrementScriptSha = this.incrementScriptSha.catch(() => this.loadIncrementScript());
    return super.increment(key);
  }

  override get(key: string) {
    this.getScriptSha = this.getScriptSha.catch(() => this.loadGetScript());
    return super.get(key);
  }
}

function storeFor(settings: RateLimitSettings, name: string): Store | undefined {
  if (!settings.redis) return undefined;
  const { sendCommand, prefix } = settings.redis;
  return new ReloadingRedisStore({ sendCommand: (...args: string[]) => sendCommand(...args) as Promise<never>, prefix: `${prefix}:rate-limit:${name}:` });
}

type LimiterOptions = NonNullable<Parameters<typeof rateLimit>[0]>;

function limiter(settings: RateLimitSettings, name: string, limit: number, extra: Partial<LimiterOptions>): RequestHandler {
  if (limit <= 0) return pass;
  return rateLimit({
    windowMs: settings.windowS * 1000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: storeFor(settings, name),
    // Should Redis be unreachable, the service keeps answering without limits rather than failing.
    passOnStoreError: true,
    // Behind a proxy the client address comes from TRUST_PROXY; a forged X-Forwarded-For is simply ignored.
    validate: { xForwardedForHeader: false },
    handler: (_req, res, next) => next(problems.tooManyRequests(Number(res.getHeader('retry-after') ?? settings.windowS))),
    ...extra,
  });
}

/**
 * The limits in front of the API. Unauthenticated and failed-auth requests are counted per client
 * address before the token is looked up, so guessing tokens costs no database read once over the
 * limit; a request that turns out authenticated is taken off the count when it is answered.
 */
export function createRateLimits(settings: RateLimitSettings, isKnownToken: (req: Request) => boolean, log: Pick<Logger, 'warn'>): RateLimits {
  const logger = throttledLog(log);
  return {
    unauthenticated: limiter(settings, 'unauthenticated', settings.unauthenticatedPerAddress, {
      logger,
      skip: isKnownToken,
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    }),
    bookingCreation: limiter(settings, 'bookings', settings.bookingsPerUser, {
      logger,
      keyGenerator: (req) => req.user?.id ?? 'anonymous',
    }),
    accountAttempts: limiter(settings, 'accounts', settings.accountAttemptsPerAddress ?? 0, { logger }),
  };
}
