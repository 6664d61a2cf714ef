import express, { type Express, type Router } from 'express';
import type { DomainContext } from '../domain/context';
import { hashToken } from '../domain/auth/tokens';
import type { Logger } from '../infra/logger';
import type { Metrics } from '../infra/metrics';
import { authenticate, bearerTokenOf, cacheTokenLookups } from './auth';
import type { EdgeSettings } from './edge-settings';
import { problemHandler, problems } from './problem';
import { createRateLimits } from './rate-limits';
import { bookingsRouter } from './routes/bookings';
import { stopsRouter } from './routes/stops';
import { corsPolicy, noStore, requestIdOf, requireOperatorToken, securityHeaders } from './security';

export interface AppDependencies {
  ctx: DomainContext;
  log: Logger;
  metrics: Metrics;
  /** Proxies, CORS, /metrics access and rate limits; `edgeSettingsFrom(config, redis)` builds them. */
  edge: EdgeSettings;
  /** Health of what the service leans on; each check resolves true when fine. */
  checks: Record<string, () => Promise<boolean>>;
  /** Extra routers mounted after authentication, e.g. the dispatch and driver APIs. */
  extraRoutes?: Array<{ path: string; router: Router }>;
  /** Mounted before the API's own JSON handling (the queue dashboard serves HTML). */
  adminRoutes?: Array<{ path: string; router: Router }>;
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
    const entries = await Promise.all(Object.entries(deps.checks).map(async ([name, check]) => [name, await check().catch(() => false)] as const));
    const healthy = entries.every(([, ok]) => ok);
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'degraded', checks: Object.fromEntries(entries.map(([n, ok]) => [n, ok ? 'ok' : 'down'])) });
  });

  const tokens = cacheTokenLookups((hash) => ctx.repos.users.findByTokenHash(hash));
  const isKnownToken = (req: express.Request) => {
    const token = bearerTokenOf(req);
    return token !== undefined && tokens.known(hashToken(token)) !== undefined;
  };
  const limits = createRateLimits(deps.edge.rateLimits, isKnownToken, log);
  const auth = authenticate(tokens);
  app.use(corsPolicy(deps.edge.corsOrigins));

  app.get('/metrics', limits.unauthenticated, requireOperatorToken(deps.edge.metricsToken), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  for (const { path, router } of deps.adminRoutes ?? []) {
    // The queue dashboard's own markup carries inline styles; scripts stay as strict as everywhere.
    app.use(path, securityHeaders({ inlineStyles: true }), limits.unauthenticated, auth, router);
  }

  // Unauthenticated callers are turned away before their bodies are read.
  app.use('/v1', noStore, limits.unauthenticated, auth);
  app.use(express.json({ limit: '64kb', strict: true, type: ['application/json', 'application/*+json'] }));
  app.post('/v1/bookings', limits.bookingCreation);
  app.use('/v1/bookings', bookingsRouter(ctx));
  app.use('/v1/stops', stopsRouter(ctx));
  for (const { path, router } of deps.extraRoutes ?? []) app.use(path, router);

  app.use((req, _res, next) => next(problems.notFound(`${req.method} ${req.path}`)));
  app.use(problemHandler(log));
  return app;
}
