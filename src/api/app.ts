import { randomUUID } from 'node:crypto';
import express, { type Express, type Router } from 'express';
import type { DomainContext } from '../domain/context';
import type { Logger } from '../infra/logger';
import type { Metrics } from '../infra/metrics';
import { authenticate, cacheTokenLookups } from './auth';
import { problemHandler, problems } from './problem';
import { bookingsRouter } from './routes/bookings';
import { stopsRouter } from './routes/stops';

export interface AppDependencies {
  ctx: DomainContext;
  log: Logger;
  metrics: Metrics;
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

  app.use((req, res, next) => {
    req.id = req.get('x-request-id')?.slice(0, 100) || randomUUID();
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

  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  const auth = authenticate(cacheTokenLookups((hash) => ctx.repos.users.findByTokenHash(hash)));
  for (const { path, router } of deps.adminRoutes ?? []) app.use(path, auth, router);

  app.use(express.json({ limit: '64kb', strict: true, type: ['application/json', 'application/*+json'] }));
  app.use('/v1', auth);
  app.use('/v1/bookings', bookingsRouter(ctx));
  app.use('/v1/stops', stopsRouter(ctx));
  for (const { path, router } of deps.extraRoutes ?? []) app.use(path, router);

  app.use((req, _res, next) => next(problems.notFound(`${req.method} ${req.path}`)));
  app.use(problemHandler(log));
  return app;
}
