import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { distance as turfDistance } from '@turf/turf';

/** One recorded OSRM exchange, as stored in the fixture files. */
export interface RecordedResponse {
  request: { method: string; path: string };
  status: number;
  contentType: string;
  body: unknown;
}

export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as received. */
  path: string;
}

export interface SynthesisOptions {
  /** Answer TooBig above this many coordinates, like osrm-routed --max-table-size. */
  maxTableSize?: number;
  /** Coordinates (as written in the request, `lon,lat`) no other coordinate can reach. */
  unreachable?: ReadonlySet<string>;
  /** Coordinates off the road network: a request holding one answers NoSegment naming its index. */
  offRoad?: ReadonlySet<string>;
}

export interface OsrmReplayServer {
  url: string;
  requests: ReceivedRequest[];
  /** Answers `path` (path + query, exact) with a recording, e.g. one recorded for an equivalent request. */
  serve(path: string, response: RecordedResponse): void;
  /** The next `count` requests get a 503, or no answer at all ('hang'). */
  failNext(count: number, how: 503 | 'hang'): void;
  /** Stops listening (connections are refused, as when osrm-routed is stopped) until `comeBack`. */
  goDown(): Promise<void>;
  /** Listens again on the same port. */
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

export function readFixture(dir: string, name: string): RecordedResponse {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as RecordedResponse;
}

export function readFixtures(dir: string): RecordedResponse[] {
  return readdirSync(dir).filter((file) => file.endsWith('.json')).map((file) => readFixture(dir, file.slice(0, -5)));
}

/**
 * A stand-in for osrm-routed on 127.0.0.1 and a free port. It replays recordings by exact
 * method + path + query and, with `synthesiseTables`, answers any other /table request with a
 * consistent made-up matrix (see `syntheticCell`), so chunking can be tested at any size.
 * Anything else gets a 404 naming the path, which fails the test loudly.
 */
export async function startOsrmReplayServer(
  options: { fixtures?: RecordedResponse[]; synthesiseTables?: boolean | SynthesisOptions } = {},
): Promise<OsrmReplayServer> {
  const routes = new Map<string, RecordedResponse>();
  for (const fixture of options.fixtures ?? []) routes.set(key(fixture.request.method, fixture.request.path), fixture);
  const synthesis = options.synthesiseTables === true ? {} : options.synthesiseTables || undefined;
  const requests: ReceivedRequest[] = [];
  const failures: (503 | 'hang')[] = [];

  const server = createServer((req, res) => {
    const request = { method: req.method ?? 'GET', path: req.url ?? '/' };
    requests.push(request);
    const failure = failures.shift();
    if (failure === 'hang') return;
    if (failure === 503) return send(res, 503, 'text/plain', 'Service Unavailable');
    const recorded = routes.get(key(request.method, request.path));
    if (recorded) return send(res, recorded.status, recorded.contentType, JSON.stringify(recorded.body));
    if (synthesis && request.path.startsWith('/table/v1/')) {
      const { status, body } = synthesiseTable(request.path, synthesis);
      return send(res, status, 'application/json; charset=UTF-8', JSON.stringify(body));
    }
    if (synthesis && request.path.startsWith('/nearest/v1/')) {
      // Every point lies on a road: snapped where it is.
      const location = new URL(request.path, 'http://replay').pathname.split('/')[4].split(',').map(Number);
      return send(res, 200, 'application/json; charset=UTF-8', JSON.stringify({ code: 'Ok', waypoints: [{ hint: '', location, name: '', distance: 0 }] }));
    }
    send(res, 404, 'application/json', JSON.stringify({ code: 'NoRecording', message: `no recording for ${request.path}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    serve: (path, response) => void routes.set(key(response.request.method, path), response),
    failNext: (count, how) => failures.push(...Array.from({ length: count }, () => how)),
    goDown: () => stopListening(server),
    comeBack: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () => (server.listening ? stopListening(server) : Promise.resolve()),
  };
}

function stopListening(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections(); // keep-alive and hanging sockets
  });
}

function key(method: string, path: string): string {
  return `${method} ${path}`;
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}

/**
 * The made-up table cell from `from` to `to`: road distance 1.3 × great circle, 12 m/s, and
 * 20 s more when heading north, so the matrix is not symmetric and a transposed block shows.
 * Both rounded to 0.1 like OSRM. Identical points give 0.
 */
export function syntheticCell(from: [number, number], to: [number, number]): { duration: number; distance: number } {
  if (from[0] === to[0] && from[1] === to[1]) return { duration: 0, distance: 0 };
  const distance = round1(turfDistance(from, to, { units: 'meters' }) * 1.3);
  return { duration: round1(distance / 12 + (to[1] > from[1] ? 20 : 0)), distance };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function synthesiseTable(path: string, options: SynthesisOptions): { status: number; body: unknown } {
  const url = new URL(path, 'http://replay');
  const written = decodeURIComponent(url.pathname.split('/')[4] ?? '').split(';');
  const coordinates = written.map((pair) => pair.split(',').map(Number) as [number, number]);
  if (written.length < 1 || coordinates.some((c) => c.length !== 2 || c.some((v) => !Number.isFinite(v)))) {
    return { status: 400, body: { code: 'InvalidQuery', message: 'Query string malformed' } };
  }
  if (coordinates.length > (options.maxTableSize ?? 100)) {
    return { status: 400, body: { code: 'TooBig', message: 'Too many table coordinates' } };
  }
  const offRoad = written.findIndex((pair) => options.offRoad?.has(pair));
  if (offRoad >= 0) {
    return { status: 400, body: { code: 'NoSegment', message: `Could not find a matching segment for coordinate ${offRoad}` } };
  }
  const indices = (name: string) => url.searchParams.get(name)?.split(';').map(Number) ?? coordinates.map((_, i) => i);
  const sources = indices('sources');
  const destinations = indices('destinations');
  if ([...sources, ...destinations].some((i) => !Number.isInteger(i) || i < 0 || i >= coordinates.length)) {
    return { status: 400, body: { code: 'InvalidOptions', message: '' } };
  }
  const annotations = (url.searchParams.get('annotations') ?? 'duration').split(',');
  const cell = (s: number, d: number) =>
    written[s] !== written[d] && (options.unreachable?.has(written[s]) || options.unreachable?.has(written[d]))
      ? null
      : syntheticCell(coordinates[s], coordinates[d]);
  const grid = sources.map((s) => destinations.map((d) => cell(s, d)));
  const waypoint = (i: number) => ({ hint: '', location: coordinates[i], name: '', distance: 0 });
  return {
    status: 200,
    body: {
      code: 'Ok',
      ...(annotations.includes('duration') && { durations: grid.map((row) => row.map((c) => c?.duration ?? null)) }),
      ...(annotations.includes('distance') && { distances: grid.map((row) => row.map((c) => c?.distance ?? null)) }),
      sources: sources.map(waypoint),
      destinations: destinations.map(waypoint),
    },
  };
}
