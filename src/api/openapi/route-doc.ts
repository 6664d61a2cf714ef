import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Caller = 'rider' | 'dispatcher' | 'driver' | 'admin';

export interface ResponseDoc {
  description: string;
  /** The JSON body; none for 204 and 304. */
  schema?: z.ZodType;
  /** Default application/json when there is a schema. */
  contentType?: string;
}

/**
 * One route as the OpenAPI document shows it, declared beside the route with the zod schemas the
 * route parses its query and body with. The document adds the problem answers every route can give
 * (see `commonErrorsOf`); `errors` lists the others this route gives.
 */
export interface RouteDoc {
  method: HttpMethod;
  /** OpenAPI form: /v1/bookings/{id}. */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it; `public`: no log-in. */
  callers: 'public' | readonly Caller[];
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Default application/json. */
  bodyType?: string;
  /** A body may be left out (confirm, cancel without reason). */
  bodyOptional?: boolean;
  headers?: Array<{ name: string; description: string; schema?: z.ZodType }>;
  responses: Record<number, ResponseDoc>;
  errors?: readonly number[];
}

/** Problem answers of every route: a malformed request, rate limits, bugs; log-in and roles; bodies of writes; ids in the path. */
export function commonErrorsOf(route: RouteDoc): number[] {
  const statuses = [400, 429, 500];
  if (route.callers !== 'public') statuses.push(401, 403);
  // The JSON parser reads every body sent with a write, whether the route takes one or not.
  if (route.body || route.method !== 'get') statuses.push(413, 415);
  if (route.path.includes('{')) statuses.push(404);
  return statuses;
}

/** Every problem status the route can answer with, sorted. */
export function errorStatusesOf(route: RouteDoc): number[] {
  return [...new Set([...commonErrorsOf(route), ...(route.errors ?? [])])].sort((a, b) => a - b);
}
