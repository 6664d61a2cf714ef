import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, expect, it } from 'vitest';
import { rowsOf, type Db } from '../../db/client';
import * as schema from '../../db/schema';
import { seedDemo } from '../../src/seed/seed-demo';
import { createRepositories } from '../../src/domain/context';
import { describeEachDriver, postgresUrl, type Driver } from '../support/databases';
import { offeredOnShift } from '../support/offered-on-shift';
import { TEST_NOW } from '../support/test-app';

const migrations = fileURLToPath(new URL('../../db/migrations', import.meta.url));

/** The committed migrations up to (not including) `tag`, as a folder of their own. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'taxibus-migrations-'));
  cpSync(migrations, dir, { recursive: true });
  const journalPath = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string; idx: number }> };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return dir;
}

/** A database migrated by hand, so a test can stop before a migration and run it later. */
async function openUnmigrated(driver: Driver): Promise<{ db: Db; migrate: (folder: string) => Promise<void>; close: () => Promise<void> }> {
  if (driver === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const client = new PGlite();
    const db = drizzle(client, { schema });
    return { db, migrate: (folder) => migrate(db, { migrationsFolder: folder }), close: () => client.close() };
  }
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const name = `taxibus_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  const client = postgres(url.toString(), { max: 4, onnotice: () => {} });
  const db = drizzle(client, { schema });
  return {
    db,
    migrate: (folder) => migrate(db, { migrationsFolder: folder }),
    async close() {
      await client.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * Runs `write` (today's code) against a database migrated only part of the way: tables and columns
 * that later migrations add exist meanwhile (today's inserts name every column) and go again
 * afterwards, so the later migrations find the tables as they left them.
 */
async function withLaterColumns(db: Db, write: () => Promise<void>): Promise<void> {
  const added: Array<[string, string]> = [];
  const created: string[] = [];
  for (const table of (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable))) {
    const { name, columns } = getTableConfig(table);
    const existing = rowsOf<{ column_name: string }>(await db.execute(sql`select column_name from information_schema.columns where table_name = ${name}`)).map((r) => r.column_name);
    if (existing.length === 0) {
      // A table a later migration makes, which today's reads may join (empty meanwhile).
      // (An enum type a later migration makes stands as text meanwhile.)
      const types = await Promise.all(columns.map(async (c) => {
        const [known] = rowsOf<{ t: string | null }>(await db.execute(sql`select to_regtype(${c.getSQLType()})::text as t`));
        return known.t ? c.getSQLType() : 'text';
      }));
      await db.execute(sql.raw(`create table "${name}" (${columns.map((c, i) => `"${c.name}" ${types[i]}`).join(', ')})`));
      created.push(name);
      continue;
    }
    for (const column of columns.filter((c) => !existing.includes(c.name))) {
      await db.execute(sql.raw(`alter table "${name}" add column "${column.name}" ${column.getSQLType()}`));
      added.push([name, column.name]);
    }
  }
  try {
    await write();
  } finally {
    for (const [table, column] of added) await db.execute(sql.raw(`alter table "${table}" drop column "${column}"`));
    for (const table of created) await db.execute(sql.raw(`drop table "${table}"`));
  }
}

/** What the race of two assignments left before migration 0007: ride `a` on two plans, its row naming shift one. */
async function raceLeftovers(repos: ReturnType<typeof createRepositories>) {
  const demo = await seedDemo(repos, { now: TEST_NOW });
  const stopIds = (await repos.areas.activeStops(demo.areaId)).map((s) => s.id);
  const [one, two] = await repos.fleet.shiftsOverlapping(demo.areaId, new Date('2026-12-02T08:00:00Z'), new Date('2026-12-02T09:00:00Z'));
  const riderId = demo.users.find((u) => u.role === 'rider')!.userId;
  const offered = (minutes: number) => offeredOnShift(repos, {
    areaId: demo.areaId, riderId, pickupStopId: stopIds[0], dropoffStopId: stopIds[1], requestedTime: new Date(Date.parse('2026-12-02T08:00:00Z') + minutes * 60_000),
  }, one);
  const [a, b] = [await offered(0), await offered(10)];
  const ride = (id: string, at: string) => [
    { bookingId: id, kind: 'pickup' as const, stopId: stopIds[0], plannedAt: `2026-12-02T08:${at}:00.000Z` },
    { bookingId: id, kind: 'dropoff' as const, stopId: stopIds[1], plannedAt: `2026-12-02T08:${at}:30.000Z` },
  ];
  await repos.fleet.savePlan(one.shift.id, one.vehicle.id, [...ride(a, '10'), ...ride(b, '20')], 0);
  await repos.fleet.savePlan(two.shift.id, two.vehicle.id, ride(a, '15'), 0);
  await repos.fleet.updatePlan(two.shift.id, 1, { committedStops: 1 });
  return { one, two, a, b, ride };
}

describeEachDriver('migration 0007 on a database with data', (driver) => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

  it('takes a ride off the plans its row does not name, keeps the rest, and lists every ride from then on', async () => {
    const database = await openUnmigrated(driver);
    try {
      const before = migrationsBefore('0007_one_plan_per_ride');
      folders.push(before);
      await database.migrate(before);
      const repos = createRepositories(database.db);
      let setUp: Awaited<ReturnType<typeof raceLeftovers>> | undefined;
      await withLaterColumns(database.db, async () => {
        setUp = await raceLeftovers(repos);
      });
      const { one, two, a, b, ride } = setUp!;

      await database.migrate(migrations);
      const [p1, p2] = [(await repos.fleet.plansForShifts([one.shift.id]))[0], (await repos.fleet.plansForShifts([two.shift.id]))[0]];
      expect(p1).toMatchObject({ version: 1, stops: [...ride(a, '10'), ...ride(b, '20')] });
      expect(p2).toMatchObject({ version: 3, stops: [], committedStops: 0 });
      const rows = rowsOf<{ booking_id: string; shift_id: string }>(await database.db.execute(sql`select booking_id, shift_id from plan_rides order by booking_id`));
      expect(rows).toEqual([{ booking_id: a, shift_id: one.shift.id }, { booking_id: b, shift_id: one.shift.id }].sort((x, y) => x.booking_id.localeCompare(y.booking_id)));
      await expect(repos.fleet.savePlan(two.shift.id, two.vehicle.id, ride(a, '15'), 3)).rejects.toThrow();
    } finally {
      await database.close();
    }
  });
});
