import { appendFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument } from '../../../src/api/openapi/openapi-document';
import { noteMismatch } from '../../support/openapi-mismatches';

/**
 * Checks every answer a test app gives against the OpenAPI document (/v1/openapi.json): the route
 * and its status must be documented, the content type the documented one, a JSON body valid
 * against the documented schema. Mistakes are collected here and fail the test that caused them
 * (test/support/openapi-after-each.ts) or, at the latest, the app's close().
 */

type Doc = ReturnType<typeof openApiDocument> & { paths: Record<string, Record<string, Operation>> };
interface Operation { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }
interface Matcher { method: string; template: string; pattern: RegExp; params: number }

const UNROUTED_STATUSES = new Set([400, 401, 404, 413, 415, 429]);
const SERVICE_PATH = /^\/(v1|health|metrics)(\/|$)/;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

let compiled: { doc: Doc; ajv: Ajv2020; matchers: Matcher[]; validators: Map<string, ValidateFunction> } | undefined;

function spec() {
  if (compiled) return compiled;
  const doc = openApiDocument() as Doc;
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: false }));
  ajv.addSchema({ ...doc, $id: 'openapi' });
  const matchers = Object.entries(doc.paths).flatMap(([template, ops]) => Object.keys(ops).map((method) => ({
    method: method.toUpperCase(),
    template,
    pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
    params: (template.match(/\{/g) ?? []).length,
  })));
  compiled = { doc, ajv, matchers, validators: new Map() };
  return compiled;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

function validatorOf(ref: string): ValidateFunction {
  const { ajv, validators } = spec();
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.getSchema(ref);
    if (!validate) throw new Error(`no schema at ${ref}`);
    validators.set(ref, validate);
  }
  return validate;
}

export interface Answer {
  method: string;
  path: string;
  status: number;
  contentType: string | undefined;
  body: string;
  /** An API route (a string path: the web app's catch-all routes are patterns) handled the request, rather than the 404 fallback. */
  routed: boolean;
}

/** What is wrong with the answer, measured against the document; undefined when it matches. */
export function mismatchOf(answer: Answer): string | undefined {
  const { method, path, status } = answer;
  if (method === 'OPTIONS' || method === 'HEAD' || !SERVICE_PATH.test(path)) return undefined;
  const where = `${method} ${path} → ${status}`;
  const type = answer.contentType?.split(';')[0].trim();
  const op = spec().matchers.filter((m) => m.method === method && m.pattern.test(path)).sort((a, b) => a.params - b.params)[0];
  if (!op) {
    if (answer.routed) return `${where}: the route answered but is not in the OpenAPI document`;
    // No route: a path or method the API does not have (404), refused before routing (a path it cannot
    // read, no log-in, a body it will not read, rate limits) as a problem like any route's.
    if (!UNROUTED_STATUSES.has(status)) return `${where}: no route, and ${status} is not an answer before routing`;
    return bodyMismatch(where, 'openapi#/components/schemas/Problem', type, 'application/problem+json', answer.body);
  }
  const documented = spec().doc.paths[op.template][op.method.toLowerCase()].responses[String(status)];
  if (!documented) return `${where}: status ${status} is not documented for ${op.method} ${op.template}`;
  const content = Object.keys(documented.content ?? {});
  if (content.length === 0) return answer.body.length > 0 ? `${where}: documented without a body, but has one` : undefined;
  const expected = content[0];
  const ref = `openapi#/${pointer('paths', op.template, op.method.toLowerCase(), 'responses', String(status), 'content', expected, 'schema')}`;
  return bodyMismatch(where, ref, type, expected, answer.body);
}

function bodyMismatch(where: string, ref: string, type: string | undefined, expected: string, body: string): string | undefined {
  if (type !== expected) return `${where}: content type ${type} where the document says ${expected}`;
  if (!expected.endsWith('json')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return `${where}: the body is not JSON: ${JSON.stringify(body.slice(0, 80))}`;
  }
  const validate = validatorOf(ref);
  if (validate(value)) return undefined;
  const [first] = validate.errors ?? [];
  return `${where}: the body does not match the document: ${first?.instancePath || '(root)'} ${first?.message} (${JSON.stringify(first?.params)})`;
}

let checked = 0;

/** Watches every answer of the server; each is checked when it has been sent. */
export function checkAnswersOf(server: Server): void {
  // Ahead of express, which may answer at once (a refused write) before later listeners run.
  server.prependListener('request', (req: IncomingMessage & { route?: { path?: unknown } }, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    };
    const { write, end } = res;
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof res.write;
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    } as typeof res.end;
    let done = false;
    const check = () => {
      if (done || !res.headersSent) return;
      done = true;
      checked++;
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const mismatch = mismatchOf({
        method: req.method ?? 'GET', path, status: res.statusCode, contentType: res.getHeader('content-type')?.toString(),
        body: Buffer.concat(chunks).toString('utf8'), routed: typeof req.route?.path === 'string',
      });
      if (mismatch) noteMismatch(mismatch);
      if (process.env.OPENAPI_TALLY) appendFileSync(process.env.OPENAPI_TALLY, `${req.method} ${path} ${res.statusCode} ${mismatch ?? 'ok'}\n`);
    };
    res.once('finish', check);
    res.once('close', check);
  });
}

/** How many answers were checked in this test process. */
export const answersChecked = () => checked;
