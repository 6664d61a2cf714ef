import express, { type Express, type Router } from 'express';
import type { DomainContext } from '../domain/context';
import { hashToken } from '../domain/auth/tokens';
import type { Logger } from '../infra/logger';
import type { Metrics } from '../infra/metrics';
import { accountRoutes } from './account-routes';
import { accountWiringFrom, type AccountWiring } from './account-wiring';
import { authenticate, bearerTokenOf, cacheTokenLookups } from './auth';
import { parseConfig } from '../config/env';
import type { EdgeSettings } from './edge-settings';
import { openApiDocument } from './openapi/openapi-document';
import { problemHandler, problems } from './problem';
import { createRateLimits } from './rate-limits';
import { bookingsRouter } from './routes/bookings';
import { stopsRouter } from './routes/stops';
import { adminGtfsFlexRouter } from './routes/admin-gtfs-flex';
import { adminAreasRouter } from './routes/admin-areas';
import { adminAreaLinksRouter } from './routes/admin-area-links';
import type { AdminRouteDeps } from './routes/admin-deps';
import { adminFleetRouter } from './routes/admin-fleet';
import { adminUsersRouter } from './routes/admin-users';
import { gtfsFlexPublisherFrom } from '../config/gtfs-flex-settings';
import type { FlexFeedPublisher } from '../domain/gtfs/flex-export';
import { corsPolicy, noStore, requestIdOf, requireOperatorToken, securityHeaders } from './security';
import { WEB_DIST, webApp } from './web-app';

/** Resolves true (or `{ ok: true }`) when fine; a reason says what is wrong, in words fit for the public. */
export type HealthCheck = () => Promise<boolean | { ok: boolean; reason?: string }>;

export interface AppDependencies {
  ctx: DomainContext;
  log: Logger;
  metrics: Metrics;
  /** Proxies, CORS, /metrics access and rate limits; `edgeSettingsFrom(config, redis)` builds them. */
  edge: EdgeSettings;
  /** Health of what the service cannot work without (database, Redis): one failing makes /health 503. */
  checks: Record<string, HealthCheck>;
  /** Dependencies it answers without, worse (OSRM): one failing makes /health 200 "degraded" with the reason. */
  softChecks?: Record<string, HealthCheck>;
  /** Extra routers mounted after authentication, e.g. the dispatch and driver APIs. */
  extraRoutes?: Array<{ path: string; router: Router }>;
  /** Mounted before the API's own JSON handling (the queue dashboard serves HTML). */
  adminRoutes?: Array<{ path: string; router: Router }>;
  /** Villager accounts: SMS delivery, session and retention settings; the defaults' (demo SMS) when unset. */
  accounts?: AccountWiring;
  /** Agency and publisher of the GTFS-Flex feeds; the settings' defaults when unset. */
  gtfsFlex?: FlexFeedPublisher;
  /** The operator API under /v1/admin (areas, stops, fleet, shifts, users); left out when unset. */
  admin?: Omit<AdminRouteDeps, 'forgetUser'>;
  /** TOKEN_CACHE_TTL_MS: how long a token lookup is remembered. */
  tokenCacheTtlMs?: number;
}

export function createApp(deps: AppDependencies): Express {
  const { ctx, log, metrics } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.edge.trustProxy);
  app.use(securityHeaders());

  app.use((req, res, next) => {
    req.id = requestIdOf(req.get('x-request-id'));
    res.setHeader('x-request-id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, seconds);
      log.info({ reqId: req.id, method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    next();
  });

  app.get('/health', async (_req, res) => {
    const report = await health(deps.checks, deps.softChecks ?? {});
    res.status(report.status === 'down' ? 503 : 200).json(report);
  });

  const tokens = cacheTokenLookups((hash) => ctx.repos.users.findByTokenHash(hash), { ttlMs: deps.tokenCacheTtlMs });
  const isKnownToken = (req: express.Request) => {
    const token = bearerTokenOf(req);
    return token !== undefined && tokens.known(hashToken(token)) !== undefined;
  };
  const limits = createRateLimits(deps.edge.rateLimits, isKnownToken, log);
  // Villager accounts: log-in, sign-up and codes before authentication; session cookies for it.
  const wiring = deps.accounts ?? accountWiringFrom(parseConfig({}), log);
  const accounts = accountRoutes({ ctx, wiring, findByTokenHash: tokens, accountLimit: limits.accountAttempts, corsOrigins: deps.edge.corsOrigins });
  const auth = authenticate(tokens, accounts.findSession);
  app.use(corsPolicy(deps.edge.corsOrigins));

  app.get('/metrics', limits.unauthenticated, requireOperatorToken(deps.edge.metricsToken), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  for (const { path, router } of deps.adminRoutes ?? []) {
    // The queue dashboard's own markup carries inline styles; scripts stay as strict as everywhere.
    app.use(path, securityHeaders({ inlineStyles: true }), limits.unauthenticated, auth, router);
  }

  const spec = JSON.stringify(openApiDocument());
  app.get('/v1/openapi.json', limits.unauthenticated, (_req, res) => {
    res.type('application/json').send(spec);
  });
  app.use('/v1', noStore, accounts.publicRoutes);
  // Unauthenticated callers are turned away before their bodies are read.
  app.use('/v1', noStore, limits.unauthenticated, auth);
  app.use(express.json({ limit: '64kb', strict: true, type: ['application/json', 'application/*+json'] }));
  app.post('/v1/bookings', limits.bookingCreation);
  app.use('/v1/bookings', bookingsRouter(ctx));
  app.use('/v1/stops', stopsRouter(ctx));
  app.use('/v1', accounts.privateRoutes);
  app.use('/v1/admin/areas', adminGtfsFlexRouter(ctx, deps.gtfsFlex ?? gtfsFlexPublisherFrom(parseConfig({}))));
  if (deps.admin) {
    const admin = { ...deps.admin, forgetUser: tokens.forgetUser };
    app.use('/v1/admin/areas', adminAreasRouter(ctx, admin));
    app.use('/v1/admin/areas', adminAreaLinksRouter(ctx, admin));
    app.use('/v1/admin/users', adminUsersRouter(ctx, admin));
    app.use('/v1/admin', adminFleetRouter(ctx, admin));
  }
  for (const { path, router } of deps.extraRoutes ?? []) app.use(path, router);
  const web = webApp(WEB_DIST, { mapTileUrl: wiring.client.mapTileUrl });
  if (web) app.use(web);

  app.use((req, _res, next) => next(problems.notFound(`${req.method} ${req.path}`)));
  app.use(problemHandler(log));
  return app;
}

/**
 * `status`: ok; degraded (200, so load balancers keep the process: it answers, e.g. from the stored
 * road data while OSRM is away); or down (503: database or Redis missing). `checks` names each
 * dependency's state, `reasons` what is wrong with the ones that are not ok.
 */
async function health(hard: Record<string, HealthCheck>, soft: Record<string, HealthCheck>) {
  const run = async ([name, check]: [string, HealthCheck], failed: 'down' | 'degraded') => {
    const answer = await check().catch(() => false);
    const { ok, reason } = typeof answer === 'boolean' ? { ok: answer, reason: undefined } : answer;
    return { name, state: ok ? ('ok' as const) : failed, reason: reason ?? `${name} does not answer` };
  };
  const results = await Promise.all([
    ...Object.entries(hard).map((entry) => run(entry, 'down')),
    ...Object.entries(soft).map((entry) => run(entry, 'degraded')),
  ]);
  const status = results.some((r) => r.state === 'down') ? 'down' : results.some((r) => r.state === 'degraded') ? 'degraded' : 'ok';
  const reasons = Object.fromEntries(results.filter((r) => r.state !== 'ok').map((r) => [r.name, r.reason]));
  return { status, checks: Object.fromEntries(results.map((r) => [r.name, r.state])), ...(Object.keys(reasons).length > 0 && { reasons }) };
}
