import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { postgresUrl } from '../support/databases';
import { startServiceProcess } from '../support/service-process';

describe.skipIf(!postgresUrl)('MIGRATE_ON_START=false and npm run db:migrate', () => {
  it('refuses to start on a schema that is behind, with one line; starts once db:migrate ran', async () => {
    const name = `taxibus_premigrate_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'taxibus-premigrate-')), REDIS_URL: inject('redisUrl'), DATABASE_URL: url.toString(), MIGRATE_ON_START: 'false', REOPTIMISE_EVERY_S: '0' };
    try {
      const refused = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, PORT: '0', ...env }, encoding: 'utf8' });
      expect(refused.status).toBe(1);
      expect(refused.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^The database schema is not current \(0 of \d+ migrations applied\): run `npm run db:migrate`/)]);

      const migrated = spawnSync('npm', ['run', '--silent', 'db:migrate'], { env: { ...process.env, ...env }, encoding: 'utf8' });
      expect(migrated.status).toBe(0);
      expect(migrated.stdout).toMatch(/Database schema is current: (\d+) of \1 migrations applied \(postgres\)/);

      const service = await startServiceProcess(env);
      expect((await fetch(`${service.url}/health`)).status).toBe(200);
      expect(await service.stop('SIGTERM')).toBe(0);
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);
});
