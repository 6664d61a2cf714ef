import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canConnect } from '../../src/infra/redis-bootstrap';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT_TAIL_CHARS = 20_000;

/** A port nobody listens on right now (the kernel's pick), so a restarted process can come back on it. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A child process the soak runs, with the tail of its output for when something goes wrong. */
export interface Child {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  /** Set once the soak itself signalled it, so an exit is expected. */
  signalled: boolean;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** Every child still running, so that any way out (Ctrl-C, a failure half-way through start-up) can stop them. */
const live = new Set<Child>();
let stoppingAll = false;

/** Stops every child the soak started that still runs; from now on no exit is unexpected. */
export async function stopAllChildren(graceMs = 10_000): Promise<void> {
  stoppingAll = true;
  await Promise.all([...live].map((c) => stopChild(c, graceMs)));
}

/** The error and fatal log lines of all children (pino levels 50 and 60), grouped by what they say. */
export const childErrors = new Map<string, number>();
const ERROR_LINE = /"level":(50|60)\b/;
const VARIABLE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b\d+\b/gi;

/** "worker: worker error: connect ECONNREFUSED 127.0.0.1:#", ids and numbers left out so that alike lines count as one. */
function errorKind(who: string, line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: string; err?: string | { type?: string; message?: string } };
    const err = typeof entry.err === 'string' ? entry.err : entry.err ? `${entry.err.type ?? ''} ${entry.err.message ?? ''}` : '';
    return `${who.split('-')[0]}: ${entry.msg ?? ''}: ${err}`.replace(VARIABLE, '#').slice(0, 240);
  } catch {
    return `${who.split('-')[0]}: ${line.slice(0, 200)}`;
  }
}

function track(name: string, child: ChildProcess, onUnexpectedExit: (c: Child, code: number | null) => void): Child {
  let output = '';
  const keep = (d: Buffer) => {
    const text = d.toString();
    for (const line of text.split('\n')) {
      if (!ERROR_LINE.test(line)) continue;
      const kind = errorKind(name, line);
      childErrors.set(kind, (childErrors.get(kind) ?? 0) + 1);
    }
    output = (output + text).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((done) => child.once('exit', (code, signal) => done(code ?? (signal ? -1 : null))));
  const tracked: Child = {
    name,
    child,
    exited,
    output: () => output,
    signalled: false,
    async kill(signal) {
      tracked.signalled = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  live.add(tracked);
  void exited.then((code) => {
    live.delete(tracked);
    if (!tracked.signalled && !stoppingAll) onUnexpectedExit(tracked, code);
  });
  return tracked;
}

/** Stops a child gently, then firmly when it does not go within `graceMs`. */
export async function stopChild(c: Child, graceMs = 10_000): Promise<void> {
  const timer = setTimeout(() => c.child.kill('SIGKILL'), graceMs);
  await c.kill('SIGTERM');
  clearTimeout(timer);
}

/**
 * Starts `src/main.ts --role ROLE` as `npm run api` / `npm run worker` would, and resolves once it
 * says it is ready (the API prints its URL, a worker that its queues run).
 */
export async function startService(
  name: string,
  role: 'api' | 'worker',
  env: Record<string, string>,
  onUnexpectedExit: (c: Child, code: number | null) => void,
  timeoutMs = 90_000,
): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--role', role], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own: Ctrl-C in the terminal reaches the soak, which stops its children itself.
    detached: true,
  });
  const tracked = track(name, child, onUnexpectedExit);
  const ready = role === 'api' ? /listening on http:\/\/\S+/ : /dispatch workers are running/;
  const deadline = Date.now() + timeoutMs;
  while (!ready.test(tracked.output())) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited before it was ready:\n${tracked.output()}`);
    if (Date.now() > deadline) {
      await stopChild(tracked, 2000);
      throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${tracked.output()}`);
    }
    await sleep(100);
  }
  return tracked;
}

/**
 * A redis-server of the soak's own on `port`, its append-only file in `dir`, so that a restart
 * finds the queues again as a production Redis with persistence would.
 */
export async function startRedis(port: number, dir: string, onUnexpectedExit: (c: Child, code: number | null) => void): Promise<Child> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const tracked = track('redis', child, onUnexpectedExit);
  for (let i = 0; i < 100; i += 1) {
    if (await canConnect('127.0.0.1', port)) return tracked;
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  await stopChild(tracked, 1000);
  throw new Error(`redis-server did not answer on port ${port}:\n${tracked.output()}`);
}
