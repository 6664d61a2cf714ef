import type { Config } from '../config/env';
import type { RateLimitSettings } from './rate-limits';

/** What the API shows to the internet beyond its routes: proxies, browsers, operators, abuse. */
export interface EdgeSettings {
  /** Express `trust proxy`: which proxies' X-Forwarded-For give the client address (false: none). */
  trustProxy: false | number | string[];
  /** Origins whose pages may call the API from a browser; empty: same origin only. */
  corsOrigins: string[];
  /** Bearer token for GET /metrics; unset: /metrics answers 404. */
  metricsToken?: string;
  rateLimits: RateLimitSettings;
}

/**
 * The edge settings of a configuration. `redis` holds the rate-limit counters shared by every API
 * process (`prefix` keeps them apart from other deployments on the same Redis).
 */
export function edgeSettingsFrom(config: Config, redis?: RateLimitSettings['redis']): EdgeSettings {
  return {
    trustProxy: config.TRUST_PROXY,
    corsOrigins: config.CORS_ORIGINS ?? [],
    metricsToken: config.METRICS_TOKEN,
    rateLimits: {
      windowS: config.RATE_LIMIT_WINDOW_S,
      unauthenticatedPerAddress: config.RATE_LIMIT_UNAUTHENTICATED,
      bookingsPerUser: config.RATE_LIMIT_BOOKINGS,
      accountAttemptsPerAddress: config.RATE_LIMIT_ACCOUNT,
      redis,
    },
  };
}
