import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { EmbeddedDatabaseInUseError, holdEmbeddedDatabase } from '../../db/pglite-holder';
import { startServiceProcess } from '../support/service-process';

function cli(dataDir: string, ...args: string[]) {
  const run = spawnSync('npx', ['tsx', 'scripts/cli.ts', ...args], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir }, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const gone = spawnSync(process.execPath, ['-e', '']);
  return gone.pid!;
}

describe('the embedded database is held by one process', () => {
  it('refuses a second holder while the first lives, and takes over a lock whose process is gone', () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'taxibus-hold-')), 'pglite');
    const held = holdEmbeddedDatabase(folder);
    expect(() => holdEmbeddedDatabase(folder)).toThrow(EmbeddedDatabaseInUseError);
    expect(() => holdEmbeddedDatabase(folder)).toThrow(new RegExp(`in use by a running service \\(pid ${process.pid}\\)`));
    held.release();
    holdEmbeddedDatabase(folder).release();

    writeFileSync(`${folder}.lock`, JSON.stringify({ pid: deadPid(), host: 'elsewhere', started: '1' }));
    holdEmbeddedDatabase(folder).release(); // a killed service's lock blocks nothing
    writeFileSync(`${folder}.lock`, 'half a line');
    holdEmbeddedDatabase(folder).release(); // nor does a torn one
  });

  it('npm run cli refuses to create a user while the service runs, prints no token, and works once it stopped', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taxibus-cli-lock-'));
    const env = { DATA_DIR: dataDir, REDIS_URL: inject('redisUrl'), REOPTIMISE_EVERY_S: '0' };
    const service = await startServiceProcess(env);
    let again: Awaited<ReturnType<typeof startServiceProcess>> | undefined;
    try {
      const refused = cli(dataDir, 'user:create', '--role', 'dispatcher', '--name', 'Petra Leisen');
      expect(refused.status).toBe(1);
      expect(refused.stdout).not.toMatch(/etb_/);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(new RegExp(`in use by a running service \\(pid ${service.child.pid}\\): stop the service first, or make the change through its API`));
      expect(await service.stop('SIGTERM')).toBe(0);

      const created = cli(dataDir, 'user:create', '--role', 'dispatcher', '--name', 'Petra Leisen');
      expect(created.status).toBe(0);
      const token = /etb_\S+/.exec(created.stdout)![0];
      again = await startServiceProcess(env);
      const res = await fetch(`${again.url}/v1/stops`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200); // the user the CLI printed a token for exists for the service
    } finally {
      if (service.child.exitCode === null) await service.stop('SIGTERM');
      await again?.stop('SIGTERM');
    }
  }, 180_000);
});
