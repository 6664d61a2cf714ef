import { z } from 'zod';
import { accountRoutesDocs } from '../account-routes';
import { accountRouteDocs } from '../routes/account';
import { adminAreaLinksRouteDocs } from '../routes/admin-area-links';
import { adminAreasRouteDocs } from '../routes/admin-areas';
import { adminFleetRouteDocs } from '../routes/admin-fleet';
import { adminGtfsFlexRouteDocs } from '../routes/admin-gtfs-flex';
import { adminUsersRouteDocs } from '../routes/admin-users';
import { areasRouteDocs } from '../routes/areas';
import { bookingsRouteDocs } from '../routes/bookings';
import { deskBookingsRouteDocs } from '../routes/desk-bookings';
import { dispatchRouteDocs } from '../routes/dispatch';
import { driverRouteDocs } from '../routes/driver';
import { sessionRouteDocs } from '../routes/session';
import { signupRouteDocs } from '../routes/signup';
import { stopsRouteDocs } from '../routes/stops';
import { SESSION_COOKIE } from '../session-cookie';
import { healthSchema, problemSchema } from './response-schemas';
import { errorStatusesOf, type RouteDoc } from './route-doc';

type JsonSchema = Record<string, unknown>;

/** The routes of app.ts itself: health, metrics and this document. */
export const serviceRouteDocs: RouteDoc[] = [
  {
    method: 'get', path: '/health', tag: 'Operations', callers: 'public', summary: 'ok, degraded (answers without OSRM) or down (503: database or Redis missing)',
    responses: { 200: { description: 'Up (ok or degraded)', schema: healthSchema }, 503: { description: 'Down', schema: healthSchema } },
  },
  {
    method: 'get', path: '/metrics', tag: 'Operations', callers: 'public', summary: 'Prometheus metrics, with METRICS_TOKEN as bearer token (404 while it is unset)',
    responses: { 200: { description: 'The metrics in the Prometheus text format', contentType: 'text/plain' } }, errors: [401, 404],
  },
  {
    method: 'get', path: '/v1/openapi.json', tag: 'Operations', callers: 'public', summary: 'This document: OpenAPI 3.1, made from the schemas the routes validate with',
    responses: { 200: { description: 'The OpenAPI document', schema: z.looseObject({ openapi: z.literal('3.1.0') }) } },
  },
];

/** Every documented route; test/api/openapi-routes.test.ts checks that it is every route of the app. */
export const allRouteDocs: readonly RouteDoc[] = [
  ...serviceRouteDocs, ...sessionRouteDocs, ...signupRouteDocs, ...accountRoutesDocs, ...accountRouteDocs, ...areasRouteDocs, ...stopsRouteDocs,
  ...bookingsRouteDocs, ...dispatchRouteDocs, ...deskBookingsRouteDocs, ...driverRouteDocs,
  ...adminAreasRouteDocs, ...adminAreaLinksRouteDocs, ...adminGtfsFlexRouteDocs, ...adminFleetRouteDocs, ...adminUsersRouteDocs,
];

const STATUS_TEXT: Record<number, string> = {
  400: 'A field or the request is malformed; `errors` names each field', 401: 'Not logged in, or a wrong password', 403: 'Not allowed for this caller (role, area, CSRF)',
  404: 'Not found (or not visible to the caller)', 409: 'In conflict with the current state', 410: 'The code has expired', 413: 'Body over 64 KiB (a GTFS stops.txt: 5 MiB); `detail` names the limit',
  415: 'Body not application/json', 422: 'Well-formed, but cannot be done (rules, capacity, places)', 429: 'Over a rate limit; Retry-After says when to try again',
  500: 'A bug; logged with the x-request-id', 503: 'Road data or a dependency unavailable; Retry-After when known',
};

/** zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect); named schemas (`.meta({ id })`) go to components. */
function converter(components: Record<string, JsonSchema>) {
  return (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const made = JSON.stringify(z.toJSONSchema(schema, { io, unrepresentable: 'any' }));
    const json = JSON.parse(made.replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
    const { $schema: _dialect, $defs, ...rest } = json;
    Object.assign(components, ($defs ?? {}) as Record<string, JsonSchema>);
    return rest;
  };
}

const pathParameters = (path: string) =>
  [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }));

function operationOf(route: RouteDoc, convert: ReturnType<typeof converter>) {
  const query = route.query ? convert(route.query, 'input') : undefined;
  const queryProperties = (query?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((query?.required ?? []) as string[]);
  const parameters = [
    ...pathParameters(route.path),
    ...Object.entries(queryProperties).map(([name, schema]) => ({ name, in: 'query', required: required.has(name), schema })),
    ...(route.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: false, description: h.description, schema: h.schema ? convert(h.schema, 'input') : { type: 'string' } })),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, doc] of Object.entries(route.responses)) {
    const type = doc.contentType ?? 'application/json';
    const schema = doc.schema ? convert(doc.schema, 'output') : doc.contentType ? { type: 'string' } : undefined;
    responses[status] = { description: doc.description, ...(schema && { content: { [type]: { schema } } }) };
  }
  for (const status of errorStatusesOf(route)) {
    responses[String(status)] ??= { description: STATUS_TEXT[status] ?? 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  }
  return {
    operationId: `${route.method}${route.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    tags: [route.tag],
    ...(route.callers === 'public' ? { security: [] } : { description: `Callers: ${route.callers.join(', ')}.` }),
    ...(parameters.length > 0 && { parameters }),
    ...(route.body && { requestBody: { required: !route.bodyOptional, content: { [route.bodyType ?? 'application/json']: { schema: convert(route.body, 'input') } } } }),
    responses,
  };
}

/** The OpenAPI 3.1 document of the API, built from the routes' own zod schemas. */
export function openApiDocument(routes: readonly RouteDoc[] = allRouteDocs): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  const convert = converter(components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operationOf(route, convert);
  convert(problemSchema, 'output'); // puts Problem into the components, which every error answer refers to
  return {
    openapi: '3.1.0',
    info: {
      title: 'Eifel-Taxibus API', version: '1',
      description: 'Dispatch for rural on-demand minibuses. Errors are RFC 9457 problem+json with a stable `type`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Staff and API tokens' },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The villagers\' log-in (writes need X-CSRF-Token)' },
      },
    },
  };
}
