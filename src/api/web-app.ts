import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response, type Router } from 'express';
import { CSP_DIRECTIVES, securityHeaders } from './security';

/** Where `vite build` puts the villagers' web app (see web/vite.config.ts). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Paths that belong to the service, never to the app: an unknown one stays a problem+json 404. */
const SERVICE_PATHS = /^\/(v1|health|metrics|admin)(\/|$)/;
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.html', '.webmanifest', '.json']);
const YEAR_S = 365 * 24 * 3600;

/**
 * Serves the built web app: hashed files under /assets/ are kept by browsers for a year, everything
 * else (the page, the service worker, the manifest) is checked on every visit. Paths of the app
 * (/buchen, /fahrten/…) get the page, which routes in the browser. Null when the app is not built.
 */
export function webApp(dist = WEB_DIST, options: { mapTileUrl?: string | null } = {}): Router | null {
  if (!existsSync(join(dist, 'index.html'))) return null;
  const router = express.Router();
  const tileOrigin = options.mapTileUrl ? tileOriginOf(options.mapTileUrl) : undefined;
  // The page may show map tiles from the configured tile server: that one origin, for images only.
  if (tileOrigin) router.use(securityHeaders({ imgSrc: [...CSP_DIRECTIVES.imgSrc, tileOrigin] }));
  const cacheHeaders = (res: Response, path: string) => {
    const hashed = path.startsWith(join(dist, 'assets'));
    res.setHeader('cache-control', hashed ? `public, max-age=${YEAR_S}, immutable` : 'no-cache');
  };

  // A gzip copy made at build time, when the browser takes gzip: smaller on a weak connection, no work per request.
  router.get(/.*/, (req, res, next) => {
    const type = extname(req.path);
    if (!COMPRESSIBLE.has(type) || SERVICE_PATHS.test(req.path) || !req.acceptsEncodings('gzip')) return next();
    const file = join(dist, req.path);
    if (!file.startsWith(dist + '/') || !existsSync(`${file}.gz`)) return next();
    res.vary('accept-encoding');
    res.setHeader('content-encoding', 'gzip');
    res.type(type);
    cacheHeaders(res, file);
    res.sendFile(`${file}.gz`);
  });
  router.use(express.static(dist, { index: false, etag: true, setHeaders: cacheHeaders }));
  router.get(/.*/, (req: Request, res, next) => {
    if (SERVICE_PATHS.test(req.path) || extname(req.path) !== '' || !req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(join(dist, 'index.html'));
  });
  return router;
}

/** The origin of a tile URL template (https://{s}.tile.example.org/{z}/{x}/{y}.png → https://*.tile.example.org); none for a path on this service. */
export function tileOriginOf(template: string): string | undefined {
  if (template.startsWith('/')) return undefined;
  const url = new URL(template.replace(/\{s\}/g, 'a').replace(/\{[a-z]+\}/g, '0'));
  const host = /\{s\}/.test(template) ? url.host.replace(/^a\./, '*.') : url.host;
  return `${url.protocol}//${host}`;
}
