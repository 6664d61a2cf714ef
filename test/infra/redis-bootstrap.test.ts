import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ensureRedis, RedisUnavailableError } from '../../src/infra/redis-bootstrap';

const hasRedisServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
// A port nothing listens on stands in for "no Redis on this machine".
const NOBODY = 1;

describe('finding Redis on a fresh machine', () => {
  it('takes REDIS_URL as given', async () => {
    expect(await ensureRedis('redis://example.invalid:6379', '/tmp')).toEqual({ url: 'redis://example.invalid:6379', source: 'configured' });
  });

  it.skipIf(!hasRedisServer)('starts redis-server with its files under the data folder when none answers', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taxibus-redis-'));
    const endpoint = await ensureRedis(undefined, dataDir, { localPort: NOBODY });
    try {
      expect(endpoint.source).toBe('started');
      const client = new Redis(endpoint.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await client.connect();
      expect(await client.ping()).toBe('PONG');
      client.disconnect();
      expect(existsSync(join(dataDir, 'redis'))).toBe(true);
    } finally {
      endpoint.stop?.();
    }
  });

  it('says in one line how to get Redis when it cannot be found or started', async () => {
    const attempt = ensureRedis(undefined, '/tmp', { localPort: NOBODY, redisServer: 'no-such-redis-server' });
    await expect(attempt).rejects.toThrow(RedisUnavailableError);
    await expect(attempt).rejects.toThrow(/^Redis is needed: .*apt-get install redis-server.*$/);
  });
});
