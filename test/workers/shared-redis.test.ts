import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openConfiguredDatabase, redisPrefix } from '../../src/bootstrap';
import { parseConfig } from '../../src/config/env';
import { capturedLog } from './support/captured-log';
import { demoRides, startWorkerApp, type WorkerApp } from './support/worker-app';

describe('the Redis key prefix', () => {
  it('is REDIS_PREFIX when set, else derived from the database the install serves', () => {
    const prefix = (env: Record<string, string>) => redisPrefix(parseConfig(env));
    expect(prefix({ REDIS_PREFIX: 'county-a', DATABASE_URL: 'postgres://x@db/one' })).toBe('county-a');
    const one = prefix({ DATABASE_URL: 'postgres://taxibus:secret@DB.example:5432/one' });
    expect(one).toMatch(/^taxibus:[0-9a-f]{12}$/);
    // Another user, password, default port or option is still the same database…
    expect(prefix({ DATABASE_URL: 'postgres://other:pw@db.example/one?sslmode=require' })).toBe(one);
    // …another database name, host or port is not.
    expect(prefix({ DATABASE_URL: 'postgres://taxibus@db.example/two' })).not.toBe(one);
    expect(prefix({ DATABASE_URL: 'postgres://taxibus@db2.example/one' })).not.toBe(one);
    expect(prefix({ DATABASE_URL: 'postgres://taxibus@db.example:5433/one' })).not.toBe(one);
    // Embedded databases: one per data folder, wherever the folder is named from.
    expect(prefix({ DATA_DIR: '/srv/a' })).not.toBe(prefix({ DATA_DIR: '/srv/b' }));
    expect(prefix({ DATA_DIR: '/srv/a' })).toBe(prefix({ DATA_DIR: '/srv/x/../a' }));
  });
});

describe('two installs on one Redis', () => {
  it('never run each other\'s jobs', async () => {
    const redisUrl = inject('redisUrl');
    const installs: Array<{ app: WorkerApp; prefix: string; lines: Array<Record<string, unknown>> }> = [];
    try {
      for (const name of ['a', 'b']) {
        const config = parseConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), `taxibus-install-${name}-`)), REDIS_URL: redisUrl });
        const prefix = redisPrefix(config);
        const { log, lines } = capturedLog('warn');
        const database = await openConfiguredDatabase(config);
        const app = await startWorkerApp({ driver: 'pglite', redisUrl, workers: true, database, env: { REDIS_PREFIX: prefix, BATCH_WINDOW_MS: '50' }, log });
        installs.push({ app, prefix, lines });
      }
      expect(installs[0].prefix).not.toBe(installs[1].prefix);
      // Both post at once, so both pools poll the one Redis while the other's jobs wait there.
      await Promise.all(installs.map(async ({ app }, i) => {
        for (const ride of demoRides(await app.stopIds(), 6, 31 + i)) {
          const res = await app.post('/v1/bookings', app.token('dispatcher'), ride);
          expect(res.status).toBe(201);
          expect(['offered', 'rejected']).toContain(res.body.status);
        }
      }));
      for (const { app, lines } of installs) {
        const jobs = await app.dispatch.queues.bookings.getJobs(['completed', 'failed']);
        expect(jobs.length).toBeGreaterThan(0);
        for (const job of jobs) {
          expect(job.data.areaId).toBe(app.demo.areaId);
          expect(job.returnvalue?.dropped).toBeUndefined();
        }
        expect(lines.filter((line) => /unknown service area/.test(String(line.msg)))).toEqual([]);
        expect(((await app.repos.bookings.countByStatus()).pending ?? 0)).toBe(0);
      }
    } finally {
      for (const { app } of installs) {
        await app.close();
        await app.database.close();
      }
    }
  }, 120_000);
});
