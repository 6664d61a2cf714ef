/**
 * The environment of every API and worker process the soak starts, in one place.
 */
export function serviceEnv(where: { databaseUrl: string; redisUrl: string; dataDir: string; port?: number; metricsToken: string }): Record<string, string> {
  return {
    DATABASE_URL: where.databaseUrl,
    REDIS_URL: where.redisUrl,
    REDIS_PREFIX: 'soak',
    DATA_DIR: where.dataDir,
    HOST: '127.0.0.1',
    PORT: String(where.port ?? 0),
    LOG_LEVEL: 'warn',
    // The soak seeds its own world (more buses, drivers and riders than the demo) before anything starts.
    SEED_DEMO: 'false',
    MIGRATE_ON_START: 'true',
    // Several re-optimisations during a run of a few minutes, so they meet bookings, overrides and
    // driver events (production: every 300 s, at least 60 s apart).
    REOPTIMISE_EVERY_S: '45',
    REPLAN_MIN_INTERVAL_S: '20',
    METRICS_TOKEN: where.metricsToken,
    // One client address sends all the soak's traffic, and one rider books many rides: limits off (0).
    RATE_LIMIT_UNAUTHENTICATED: '0',
    RATE_LIMIT_BOOKINGS: '0',
  };
}
