/**
 * Seeded random mutations of a valid HTTP request, for the write-route fuzz test. Everything is
 * derived from one PRNG, so a seed names one exact sequence of requests.
 */

export type Rng = () => number;

/** mulberry32: small, fast, and the same numbers on every platform for a seed. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** A JSON value to serialise, unless `rawBody` is set. */
  body?: unknown;
  rawBody?: string;
  /** What was done to the valid request, for the failure message. */
  mutation: string;
}

const CONTROL_CHARS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u000d', '\u001b', '\u001f', '\u007f'];

/** Values that have broken parsers, databases and type checks somewhere. */
const NASTY_VALUES: unknown[] = [
  null, true, false, 0, -1, -0, 1.5, 1e308, -1e308, 2 ** 53 + 1, '', ' ', '\u0000', 'a\u0000b', '\u0007bell', '\u001b[31m',
  'x'.repeat(5000), '\ud800', 'a\udc00b', '😀🚌', '<script>alert(1)</script>', "'; drop table bookings; --", '%00', '%E0%A4%A',
  'NaN', 'Infinity', '1', '-1', '[]', [], [null], [1, 2, 3], {}, { __proto__: { polluted: 1 } }, { constructor: { prototype: { polluted: 1 } } },
  '2026-02-30T10:00:00+01:00', '9999-12-31T23:59:59+14:00', '0000-01-01T00:00:00Z', '2026-12-01T10:00:00+25:00',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '2a0d3b96-63b4-4d3a-9b1c-2d1e4c6f8a10',
];

/** Every path to a leaf or sub-object of a JSON value, e.g. ['rider', 'name']. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

function setAt(value: unknown, path: string[], replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(value);
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
  const [head, ...rest] = path;
  copy[head] = setAt(copy[head], rest, replace);
  return copy;
}

function deleteAt(value: unknown, path: string[]): unknown {
  if (path.length === 0) return undefined;
  const parent = path.slice(0, -1);
  const key = path[path.length - 1];
  return setAt(value, parent, (obj) => {
    if (obj === null || typeof obj !== 'object') return obj;
    const copy = (Array.isArray(obj) ? [...obj] : { ...obj }) as Record<string, unknown>;
    delete copy[key];
    return copy;
  });
}

function withControlChar(rng: Rng, text: string): string {
  const at = Math.floor(rng() * (text.length + 1));
  return text.slice(0, at) + pick(rng, CONTROL_CHARS) + text.slice(at);
}

function deeplyNested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

type Mutator = (rng: Rng, req: FuzzRequest) => FuzzRequest;

const bodyMutators: Mutator[] = [
  (rng, req) => {
    const path = pick(rng, pathsOf(req.body));
    const value = pick(rng, NASTY_VALUES);
    return { ...req, body: setAt(req.body, path, () => value), mutation: `${path.join('.') || '(body)'} = ${JSON.stringify(value)?.slice(0, 40)}` };
  },
  (rng, req) => {
    const strings = pathsOf(req.body).filter((p) => p.length > 0 && typeof p.reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], req.body) === 'string');
    if (strings.length === 0) return { ...req, body: withControlChar(rng, JSON.stringify(req.body ?? {})), mutation: 'body as a string with a control character' };
    const path = pick(rng, strings);
    return { ...req, body: setAt(req.body, path, (old) => withControlChar(rng, String(old))), mutation: `control character in ${path.join('.')}` };
  },
  (rng, req) => {
    const path = pick(rng, pathsOf(req.body).filter((p) => p.length > 0));
    return path ? { ...req, body: deleteAt(req.body, path), mutation: `without ${path.join('.')}` } : req;
  },
  (rng, req) => {
    const objects = pathsOf(req.body).filter((p) => { const v = p.reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], req.body); return v !== null && typeof v === 'object' && !Array.isArray(v); });
    const path = objects.length ? pick(rng, objects) : [];
    const key = pick(rng, ['extra', '__proto__', 'constructor', '', '\u0000', 'note'.repeat(50)]);
    return { ...req, body: setAt(req.body, path, (o) => ({ ...(o as object), [key]: pick(rng, NASTY_VALUES) })), mutation: `unknown field ${JSON.stringify(key).slice(0, 20)} in ${path.join('.') || '(body)'}` };
  },
  (rng, req) => ({ ...req, body: pick(rng, [[req.body], 'a string', 42, deeplyNested(20), { wrapper: req.body }]), mutation: 'body replaced' }),
];

const wireMutators: Mutator[] = [
  (rng, req) => {
    const depth = pick(rng, [100, 5000, 100_000]);
    return { ...req, body: undefined, rawBody: '['.repeat(depth) + ']'.repeat(depth), mutation: `arrays nested ${depth} deep` };
  },
  (rng, req) => {
    const text = JSON.stringify(req.body ?? {});
    const cut = Math.floor(rng() * text.length);
    return { ...req, body: undefined, rawBody: text.slice(0, cut), mutation: `JSON cut at ${cut}` };
  },
  (rng, req) => {
    const text = JSON.stringify(req.body ?? {});
    const at = Math.floor(rng() * text.length);
    return { ...req, body: undefined, rawBody: text.slice(0, at) + pick(rng, [...CONTROL_CHARS, '"', '}', '\\', '\\u00', '\\ud800']) + text.slice(at), mutation: `raw character inserted at ${at}` };
  },
  (rng, req) => {
    const encoding = pick(rng, ['gzip', 'deflate', 'br', 'x-gzip', 'compress', 'zstd', 'identity', 'gzip, gzip', 'GZIP', 'nonsense']);
    return { ...req, headers: { ...req.headers, 'content-encoding': encoding }, mutation: `Content-Encoding: ${encoding} on a plain body` };
  },
  (rng, req) => {
    const type = pick(rng, ['text/plain', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset=nonsense', 'application/merge-patch+json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-8']);
    return { ...req, headers: { ...req.headers, 'content-type': type }, mutation: `Content-Type: ${type}` };
  },
  (rng, req) => {
    const segment = pick(rng, ['%E0%A4%A', '%', '%zz', '%00', '%C0%AF', 'not-a-uuid', '..%2F..%2Fmetrics', 'x'.repeat(3000), '00000000-0000-4000-8000-000000000000', '%F0%9F%9A%8C']);
    const parts = req.path.split('/');
    const ids = parts.map((p, i) => (/^[0-9a-f-]{36}$/.test(p) ? i : -1)).filter((i) => i >= 0);
    if (ids.length === 0) return { ...req, path: `${req.path}/${segment}`, mutation: `path + /${segment.slice(0, 20)}` };
    parts[pick(rng, ids)] = segment;
    return { ...req, path: parts.join('/'), mutation: `path id ${segment.slice(0, 20)}` };
  },
  (rng, req) => {
    const header = pick(rng, ['idempotency-key', 'x-request-id', 'if-none-match']);
    const value = pick(rng, ['', ' ', 'x'.repeat(500), '<script>', 'ä', 'a b', 'tab\tinside']);
    return { ...req, headers: { ...req.headers, [header]: value }, mutation: `${header}: ${JSON.stringify(value).slice(0, 20)}` };
  },
];

/** One or two random mutations of a valid request; body changes are the most frequent. */
export function mutate(rng: Rng, valid: FuzzRequest): FuzzRequest {
  const rounds = rng() < 0.8 ? 1 : 2;
  let req = valid;
  const done: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const mutator = rng() < 0.65 ? pick(rng, bodyMutators) : pick(rng, wireMutators);
    req = mutator(rng, req);
    done.push(req.mutation);
  }
  return { ...req, mutation: done.join(' + ') };
}
