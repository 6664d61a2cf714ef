import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { extendDemoShifts, seedDemo, type DemoCredentials } from '../../src/seed/seed-demo';
import { eq } from 'drizzle-orm';
import { stopMatrices, users } from '../../db/schema';
import { StraightLineEstimate } from '../../routing/travel-times';
import { CliUsageError, matrixBuild, parseCommandLine, progressBar, stopsImportGtfs, userCreate } from '../../src/cli/commands';
import { buildAndStoreStopMatrix } from '../../src/domain/dispatch/stop-matrix-store';
import { createRepositories, type Repositories } from '../../src/domain/context';
import { hashToken } from '../../src/domain/auth/tokens';
import { freshDatabase } from '../support/databases';
import { TEST_NOW } from '../support/test-app';

const lines = () => {
  const info: string[] = [];
  const error: string[] = [];
  return { info, error, out: { info: (l: string) => info.push(l), error: (l: string) => error.push(l) } };
};

describe('CLI commands', () => {
  let database: Database;
  let repos: Repositories;
  let demo: DemoCredentials;
  beforeAll(async () => {
    database = await freshDatabase('pglite');
    repos = createRepositories(database.db);
    demo = await seedDemo(repos, { now: TEST_NOW });
  });
  afterAll(() => database.close());

  it('parses a command line strictly: unknown commands and flags, and flags without values, name themselves', () => {
    expect(parseCommandLine(['stops:import-gtfs', 'f.txt', '--area', 'x'], 'USAGE')).toEqual({ command: 'stops:import-gtfs', positional: ['f.txt'], options: { area: 'x' } });
    expect(parseCommandLine(['user:create', '--role=rider', '--name', 'Eva'], 'USAGE').options).toEqual({ role: 'rider', name: 'Eva' });
    expect(parseCommandLine([], 'USAGE').command).toBeUndefined();
    expect(() => parseCommandLine(['stops:import-gtfs', 'f.txt', '--area', 'x', '--dry'], 'USAGE')).toThrow(/Unknown option '--dry'[\s\S]*USAGE/);
    expect(() => parseCommandLine(['matrix:build', '--area'], 'USAGE')).toThrow(/--area/);
    expect(() => parseCommandLine(['matrix:build', 'extra'], 'USAGE')).toThrow(/extra/);
    expect(() => parseCommandLine(['areas:delete'], 'USAGE')).toThrow(/unknown command "areas:delete"/);
    expect(() => parseCommandLine(['stops:import-gtfs', 'a.txt', 'b.txt', '--area', 'x'], 'USAGE')).toThrow(CliUsageError);
  });

  it('user:create prints a token that authenticates, stored only as a hash', async () => {
    const { info, out } = lines();
    await userCreate(repos, { role: 'dispatcher', name: 'Petra Leisen' }, out);
    const token = /Token .*: (\S+)$/.exec(info[1])![1];
    const user = await repos.users.findByTokenHash(hashToken(token));
    expect(user).toMatchObject({ role: 'dispatcher', name: 'Petra Leisen' });
    await expect(userCreate(repos, { role: 'pilot', name: 'x' }, out)).rejects.toThrow(/--role/);
    await expect(userCreate(repos, { role: 'rider' }, out)).rejects.toThrow(CliUsageError);
  });

  it('user:create stores the phone in E.164 and refuses a second rider with the same number', async () => {
    const { out } = lines();
    await userCreate(repos, { role: 'rider', name: 'Klara Thiel', phone: '06561 4711' }, out);
    await userCreate(repos, { role: 'driver', name: 'Klaus Thiel', phone: '+49 6561 4711' }, out);
    await expect(userCreate(repos, { role: 'rider', name: 'Karl Thiel', phone: '0049 6561 4711' }, out)).rejects.toThrow('--phone: a rider with phone +4965614711 exists already');
    await expect(userCreate(repos, { role: 'rider', name: 'Karl Thiel', phone: 'none' }, out)).rejects.toThrow(/--phone: expected a phone number/);
    const phones = await database.db.select({ role: users.role, phone: users.phone }).from(users).where(eq(users.phone, '+4965614711'));
    expect(phones.map((p) => p.role).sort()).toEqual(['driver', 'rider']);
  });

  it('stops:import-gtfs imports the stops inside the area, finds them unchanged on re-import, reports the rest', async () => {
    const file = join(__dirname, '../fixtures/gtfs/stops.txt');
    const first = lines();
    const before = (await repos.areas.allStops(demo.areaId)).length;
    const result = await stopsImportGtfs(repos, file, { area: demo.areaId }, first.out);
    expect(result.inserted + result.updated).toBeGreaterThan(5);
    const after = await repos.areas.allStops(demo.areaId);
    expect(after.length).toBe(before + result.inserted);
    expect(first.error.some((l) => /outside the service area/.test(l))).toBe(true);
    expect(first.error.some((l) => /stop_lat/.test(l))).toBe(true);
    const again = await stopsImportGtfs(repos, file, { area: demo.areaId }, lines().out);
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: result.inserted + result.updated });
    await expect(stopsImportGtfs(repos, file, { area: 'nope' }, lines().out)).rejects.toThrow(/--area/);
    await expect(stopsImportGtfs(repos, '/no/such/file', { area: demo.areaId }, lines().out)).rejects.toThrow(/cannot read/);
  });
});

describe('matrix:build', () => {
  it('stores the stop matrix of an area and shows progress to 100 %', async () => {
    const database = await freshDatabase('pglite');
    const repos = createRepositories(database.db);
    const demo = await seedDemo(repos, { now: TEST_NOW });
    const { info, out } = lines();
    const bars: string[] = [];
    const bar = progressBar('matrix', (t) => bars.push(t), false);
    await matrixBuild(repos, { area: demo.areaId }, (areaId, onProgress) => buildAndStoreStopMatrix(database.db, new StraightLineEstimate(), areaId, onProgress), out, bar);
    const n = (await repos.areas.allStops(demo.areaId)).length;
    expect(info[0]).toMatch(new RegExp(`Stored a ${n}×${n} stop matrix`));
    expect(bars[0]).toMatch(/0% \(0\//);
    expect(bars.at(-1)).toMatch(new RegExp(`100% \\(${n}/${n}\\)`));
    const [row] = await database.db.select().from(stopMatrices);
    expect(row.stopIds).toHaveLength(n);
    expect(row.durationS.byteLength).toBe(n * n * 4);
    await expect(matrixBuild(repos, { area: 'x' }, async () => ({ stops: [], estimated: true }), out, bar)).rejects.toThrow(/--area/);
    await database.close();
  });
});

describe('npm run cli (as a process)', () => {
  it('creates a user in the embedded database and prints the token once', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taxibus-cli-'));
    const output = execFileSync('npx', ['tsx', 'scripts/cli.ts', 'user:create', '--role', 'admin', '--name', 'Kreisverwaltung'], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(output).toMatch(/Created admin "Kreisverwaltung"/);
    expect(output.match(/etb_/g)).toHaveLength(1);
    expect(statSync(join(dataDir, 'pglite')).isDirectory()).toBe(true);
  });
});

describe('demo shifts', () => {
  it('are extended over the horizon as days pass, once', async () => {
    const database = await freshDatabase('pglite');
    const repos = createRepositories(database.db);
    const demo = await seedDemo(repos, { now: TEST_NOW });
    const later = new Date(TEST_NOW.getTime() + 10 * 86_400_000);
    expect(await extendDemoShifts(repos, later)).toBe(60);
    expect(await extendDemoShifts(repos, later)).toBe(0);
    const lastDay = await repos.fleet.shiftsOverlapping(demo.areaId, new Date('2026-12-25T10:00:00Z'), new Date('2026-12-25T11:00:00Z'));
    expect(lastDay).toHaveLength(6);
    await database.close();
  });
});

describe('demo credentials file', () => {
  it('is written with mode 0600 and holds working tokens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taxibus-seed-'));
    const database = await freshDatabase('pglite');
    const repos = createRepositories(database.db);
    const path = join(dir, 'demo-credentials.json');
    await seedDemo(repos, { now: TEST_NOW, credentialsPath: path });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const file = JSON.parse(readFileSync(path, 'utf8')) as DemoCredentials;
    expect(file.users.map((u) => u.role).sort()).toEqual(expect.arrayContaining(['admin', 'dispatcher', 'driver', 'rider']));
    for (const u of file.users) expect((await repos.users.findByTokenHash(hashToken(u.token)))?.id).toBe(u.userId);
    await database.close();
  });
});
