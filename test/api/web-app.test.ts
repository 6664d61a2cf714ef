import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../src/api/server';
import { tileOriginOf, webApp } from '../../src/api/web-app';

describe('the web app as the service serves it', () => {
  let dist: string;
  let server: WebServer;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("app")');
    writeFileSync(join(dist, 'assets', 'index-abc123.js.gz'), gzipSync('console.log("app")'));
    writeFileSync(join(dist, 'sw.js'), '// worker');
    const app = express();
    app.use(webApp(dist)!);
    app.use((_req, res) => res.status(404).type('application/problem+json').json({ type: 'not-found' }));
    server = await startWebServer(app, 0);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('keeps hashed assets a year and sends their gzip copy to browsers that take gzip', async () => {
    const res = await fetch(`${server.url}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toBe('console.log("app")');
  });

  it('answers app paths with the page, checked on every visit', async () => {
    for (const path of ['/', '/buchen', '/fahrten/5e3f']) {
      const res = await fetch(server.url + path, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>app</title>');
    }
    expect((await fetch(`${server.url}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('leaves the service paths and missing files to the service (404, not the page)', async () => {
    for (const path of ['/v1/nothing', '/health/x', '/metrics', '/admin/queues', '/assets/missing.js', '/nothing.png']) {
      const res = await fetch(server.url + path, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(404);
    }
  });

  it('lets the page load map tiles from the configured tile server only, for images only', async () => {
    const app = express();
    app.use(webApp(dist, { mapTileUrl: 'https://{s}.tiles.kreis.example/{z}/{x}/{y}.png' })!);
    const tiles = await startWebServer(app, 0);
    try {
      const csp = (await fetch(`${tiles.url}/fahrten`, { headers: { accept: 'text/html' } })).headers.get('content-security-policy')!;
      expect(csp).toContain("img-src 'self' data: https://*.tiles.kreis.example");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self';");
    } finally {
      await tiles.close();
    }
    expect(tileOriginOf('https://tiles.example.org/{z}/{x}/{y}.png')).toBe('https://tiles.example.org');
    expect(tileOriginOf('/tiles/{z}/{x}/{y}.png')).toBeUndefined();
  });

  it('is absent when the app is not built', () => {
    expect(webApp(join(dist, 'nowhere'))).toBeNull();
  });
});
