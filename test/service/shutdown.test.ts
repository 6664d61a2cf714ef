import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { seedDemo } from '../../src/seed/seed-demo';
import { createRepositories } from '../../src/domain/context';
import { startServiceProcess } from '../support/service-process';

/**
 * A data folder with the demo seeded and a bus whose shift runs now, driven by the first demo
 * driver, so the driver's manifest exists whatever the time of day. Returns that driver's token.
 */
async function seededWithShiftNow(dataDir: string): Promise<string> {
  const database = await openDatabase({ pgliteDir: join(dataDir, 'pglite') });
  try {
    const repos = createRepositories(database.db);
    const now = Date.now();
    const demo = await seedDemo(repos, { now: new Date(now), credentialsPath: join(dataDir, 'demo-credentials.json') });
    const driver = demo.users.find((u) => u.role === 'driver')!;
    const [depot] = await repos.areas.allStops(demo.areaId);
    const vehicle = await repos.fleet.createVehicle({ areaId: demo.areaId, label: 'Spätbus', seats: 8, wheelchairPlaces: 1, depotStopId: depot.id });
    await repos.fleet.createShifts([{
      vehicleId: vehicle.id, driverId: driver.userId, startAt: new Date(now - 3_600_000), endAt: new Date(now + 3 * 3_600_000), startDepotStopId: depot.id, endDepotStopId: depot.id,
    }]);
    return driver.token;
  } finally {
    await database.close();
  }
}

/** A GET on the given agent (one kept-alive connection), resolving with status and ETag; `sent` once the request is written. */
function get(agent: Agent, url: string, headers: Record<string, string>, sent?: () => void): Promise<{ status: number; etag?: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, etag: res.headers.etag, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.on('finish', () => sent?.());
    req.end();
  });
}

describe('shutdown on SIGTERM', () => {
  for (const launcher of ['node', 'npm'] as const) {
    it(`answers a waiting long-poll with 304 and exits 0 promptly (started with ${launcher === 'npm' ? 'npm start' : 'node --import tsx'})`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'taxibus-shutdown-'));
      const token = await seededWithShiftNow(dataDir);
      const env = { DATA_DIR: dataDir, REDIS_URL: inject('redisUrl'), SHUTDOWN_GRACE_MS: '600000', REOPTIMISE_EVERY_S: '0', LOG_LEVEL: 'info' };
      const service = await startServiceProcess(env, [], 60_000, undefined, launcher);
      const lockPath = join(dataDir, 'pglite.lock');
      const servicePid = (JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number }).pid;
      const exited = new Promise<number | null>((resolve) => service.child.once('exit', (code) => resolve(code)));

      // One kept-alive connection: the long-poll travels on a connection the server has already accepted.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const manifestUrl = `${service.url}/v1/driver/manifest`;
      const first = await get(agent, manifestUrl, { authorization: `Bearer ${token}` });
      expect(first.status).toBe(200);
      let written!: () => void;
      const isWritten = new Promise<void>((resolve) => (written = resolve));
      const longPoll = get(agent, `${manifestUrl}?wait=30`, { authorization: `Bearer ${token}`, 'if-none-match': first.etag! }, () => written());
      await isWritten;
      expect((await fetch(`${service.url}/health`)).status).toBe(200); // the server has read what came before

      service.child.kill('SIGTERM');
      const answer = await longPoll;
      expect(answer.status).toBe(304);
      expect(answer.etag).toBe(first.etag);
      // Cut short by the shutdown (a long-poll that ran out would keep its connection).
      expect(answer.connection).toBe('close');
      // Exited within the test's time: nothing waited for the 10-minute grace period.
      expect(await exited).toBe(0);
      expect(() => process.kill(servicePid, 0)).toThrow(); // the service itself is gone, not only npm
      expect(existsSync(lockPath)).toBe(false); // the embedded database was closed and released
      expect(service.output()).toMatch(/"msg":"shut down"/);
      agent.destroy();
    }, 120_000);
  }
});
