import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { resolve } from 'node:path';

export interface RedisEndpoint {
  url: string;
  /** How it was found: given by REDIS_URL, already running locally, or started here. */
  source: 'configured' | 'local' | 'started';
  stop?: () => void;
}

export class RedisUnavailableError extends Error {}

const INSTALL_HINT =
  'Redis is needed: set REDIS_URL, run one on 127.0.0.1:6379, or install it (Debian/Ubuntu: `apt-get install redis-server`; macOS: `brew install redis`).';

/** Whether a Redis answers PING on host:port within the timeout. */
export function canConnect(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host, port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => {
      socket.write('PING\r\n');
    });
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG')));
    socket.once('error', () => finish(false));
  });
}

function hasRedisServer(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Finds a Redis to talk to: REDIS_URL when given, else one on 127.0.0.1:6379, else a redis-server
 * started from PATH with its files under `dataDir`, else a RedisUnavailableError with one line saying
 * how to get it.
 */
export async function ensureRedis(
  configuredUrl: string | undefined,
  dataDir: string,
  options: { localPort?: number; redisServer?: string } = {},
): Promise<RedisEndpoint> {
  const localPort = options.localPort ?? 6379;
  const redisServer = options.redisServer ?? 'redis-server';
  if (configuredUrl) return { url: configuredUrl, source: 'configured' };
  if (await canConnect('127.0.0.1', localPort)) return { url: `redis://127.0.0.1:${localPort}`, source: 'local' };
  if (!hasRedisServer(redisServer)) throw new RedisUnavailableError(INSTALL_HINT);

  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = 6390 + Math.floor(Math.random() * 500);
  const child = spawn(
    redisServer,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'],
    { stdio: 'ignore', detached: false },
  );
  for (let i = 0; i < 50; i += 1) {
    if (await canConnect('127.0.0.1', port)) {
      return { url: `redis://127.0.0.1:${port}`, source: 'started', stop: () => child.kill('SIGTERM') };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new RedisUnavailableError(`redis-server did not answer on port ${port}. ${INSTALL_HINT}`);
}
