import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { seedDemo } from '../../src/seed/seed-demo';
import { createRepositories } from '../../src/domain/context';
import { startOsrmReplayServer } from '../support/osrm-replay-server';
import { TEST_NOW } from '../support/test-app';

/** Runs the CLI as `npm run cli` does; resolves with its exit code and output. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'scripts/cli.ts', ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

it('matrix:build with OSRM away prints one line naming the server and exits 1', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'taxibus-matrix-'));
  const database = await openDatabase({ pgliteDir: join(dataDir, 'pglite') });
  const { areaId } = await seedDemo(createRepositories(database.db), { now: TEST_NOW });
  await database.close();
  const osrm = await startOsrmReplayServer();
  await osrm.close(); // a port nothing listens on

  const run = await cli(['matrix:build', '--area', areaId], { DATABASE_URL: '', DATA_DIR: dataDir, OSRM_URL: osrm.url, OSRM_TIMEOUT_MS: '1000' });
  expect(run.code).toBe(1);
  const errorLines = run.stderr.split('\n').filter((line) => line.trim() !== '' && !/^matrix \[/.test(line));
  expect(errorLines).toHaveLength(1);
  expect(errorLines[0]).toMatch(new RegExp(`^matrix:build: OSRM at ${osrm.url.replace(/\./g, '\\.')} .*ECONNREFUSED.* the stored matrix of "[^"]+" is unchanged\\.$`));
  expect(run.stderr).not.toMatch(/\n\s+at /);
}, 120_000);
