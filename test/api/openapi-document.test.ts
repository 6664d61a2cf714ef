import { Validator } from '@seriousme/openapi-schema-validator';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRouteDocs, openApiDocument } from '../../src/api/openapi/openapi-document';
import { startTestApp, type TestApp } from '../support/test-app';
import { mismatchOf } from './support/openapi-check';

interface Layer { rawPath?: unknown; route?: { path: unknown; methods: Record<string, boolean> }; handle: { stack?: Layer[] } }

/** Every route the app answers, as `METHOD /path/{param}`, from express's router stacks. */
function expressRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      const path = typeof layer.rawPath === 'string' ? layer.rawPath : undefined;
      if (layer.route) {
        if (typeof layer.route.path !== 'string') continue; // the web app's catch-all patterns
        const full = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');
        for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${full}`);
      } else if (layer.handle.stack && path !== undefined) {
        walk(layer.handle.stack, path === '/' ? prefix : `${prefix}${path}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  // The queue dashboard (HTML, its own routes) and the web app are no part of the API.
  return [...new Set(found.filter((r) => !/^\w+ \/admin\/queues/.test(r)))].sort();
}

describe('the OpenAPI document', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(openApiDocument());
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('documents every route of the app, and no route the app does not have', () => {
    const documented = allRouteDocs.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
    expect(new Set(documented).size).toBe(documented.length);
    expect(expressRoutes(app.service.app!)).toEqual(documented);
  });

  it('is served at /v1/openapi.json without a log-in', async () => {
    const res = await app.request('GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});

describe('the check of the API tests\' answers against the document', () => {
  const booking = { method: 'GET', path: '/v1/bookings/6f1c2a52-6a55-4a43-9d55-6c1c1c7d3f10', contentType: 'application/problem+json', routed: true };
  const problem = JSON.stringify({ type: 'https://eifel-taxibus.example/problems/not-found', title: 'Not found', status: 404 });

  it('passes a documented answer', () => {
    expect(mismatchOf({ ...booking, status: 404, body: problem })).toBeUndefined();
  });

  it('names a status the route does not document', () => {
    expect(mismatchOf({ ...booking, status: 418, body: problem })).toMatch(/status 418 is not documented for GET \/v1\/bookings\/\{id\}/);
  });

  it('names a body that differs from the schema', () => {
    expect(mismatchOf({ ...booking, status: 404, body: JSON.stringify({ title: 'Not found', status: 404 }) })).toMatch(/does not match the document: \(root\) must have required property 'type'/);
    expect(mismatchOf({ ...booking, status: 200, contentType: 'application/json', body: JSON.stringify({ id: 'x' }) })).toMatch(/does not match the document/);
  });

  it('names a content type other than the documented one', () => {
    expect(mismatchOf({ ...booking, status: 404, contentType: 'text/html', body: '<p>no</p>' })).toMatch(/content type text\/html where the document says application\/problem\+json/);
  });

  it('names a route that answered without being documented', () => {
    expect(mismatchOf({ ...booking, path: '/v1/secret-route', status: 200, contentType: 'application/json', body: '{}' })).toMatch(/not in the OpenAPI document/);
    expect(mismatchOf({ ...booking, path: '/v1/no-such-thing', status: 404, routed: false, body: problem })).toBeUndefined();
  });
});
