import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { seedDemo } from '../../src/seed/seed-demo';
import { CliUsageError } from '../../src/cli/commands';
import { gtfsFlexExport } from '../../src/cli/gtfs-flex-export';
import { parseConfig } from '../../src/config/env';
import { createRepositories, type Repositories } from '../../src/domain/context';
import { freshDatabase } from '../support/databases';
import { validateGtfsFlexFeed } from '../support/gtfs-flex-validator';
import { TEST_NOW } from '../support/test-app';

const dir = mkdtempSync(join(tmpdir(), 'taxibus-gtfs-flex-'));
const out = () => {
  const info: string[] = [];
  return { info, out: { info: (l: string) => info.push(l), error: (l: string) => info.push(l) } };
};

describe('gtfs-flex:export', () => {
  let database: Database;
  let repos: Repositories;
  let areaId: string;
  beforeAll(async () => {
    database = await freshDatabase('pglite');
    repos = createRepositories(database.db);
    areaId = (await seedDemo(repos, { now: TEST_NOW })).areaId;
  });
  afterAll(() => database.close());

  it('writes the area\'s feed as a ZIP with the agency, publisher and booking page from the settings', async () => {
    const file = join(dir, 'feed.zip');
    const config = parseConfig({ GTFS_AGENCY_NAME: 'Kreisverwaltung Bitburg-Prüm', GTFS_FEED_PUBLISHER_NAME: 'Open Data Eifel', GTFS_FEED_PUBLISHER_URL: 'https://daten.example', GTFS_BOOKING_URL: 'https://rufbus.example/buchen' });
    const { info, out: lines } = out();
    await expect(gtfsFlexExport(repos, { area: areaId, out: file }, config, lines, TEST_NOW)).resolves.toBe(0);
    const files = Object.fromEntries(Object.entries(unzipSync(readFileSync(file))).map(([name, data]) => [name, strFromU8(data)]));
    expect(validateGtfsFlexFeed(files)).toEqual([]);
    expect(info).toEqual([expect.stringMatching(/^Wrote the GTFS-Flex feed \(agency\.txt, booking_rules\.txt, .*; \d+ bytes\) to .*feed\.zip\.$/)]);
    expect(files['agency.txt']).toContain('Kreisverwaltung Bitburg-Prüm,https://www.bitburg-pruem.de,Europe/Berlin');
    expect(files['feed_info.txt']).toContain('Open Data Eifel,https://daten.example,de');
    expect(files['booking_rules.txt']).toContain('telefonisch unter +49 6561 15-0 oder online.');
    expect(files['booking_rules.txt']).toMatch(/,https:\/\/rufbus\.example\/buchen\n$/);
  });

  it('names the option that is wrong', async () => {
    const config = parseConfig({});
    await expect(gtfsFlexExport(repos, { out: join(dir, 'x.zip') }, config, out().out)).rejects.toThrow(new CliUsageError('--area: expected the service area id (UUID)'));
    await expect(gtfsFlexExport(repos, { area: areaId }, config, out().out)).rejects.toThrow(/^--out: /);
    await expect(gtfsFlexExport(repos, { area: randomUUID(), out: join(dir, 'x.zip') }, config, out().out)).rejects.toThrow(/^--area: no service area /);
    await expect(gtfsFlexExport(repos, { area: areaId, out: join(dir, 'missing', 'x.zip') }, config, out().out)).rejects.toThrow(/^--out: cannot write /);
  });

  it('is a command of npm run cli, exiting 2 with the reason on a usage error', { timeout: 90_000 }, () => {
    let failure: { status?: number; stderr?: string } = {};
    try {
      execFileSync('npx', ['tsx', 'scripts/cli.ts', 'gtfs-flex:export', '--area', randomUUID(), '--out', join(dir, 'y.zip')], {
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: mkdtempSync(join(tmpdir(), 'taxibus-cli-')) },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).toBe(2);
    expect(failure.stderr).toMatch(/^--area: no service area [0-9a-f-]{36}\n$/);
  });
});
