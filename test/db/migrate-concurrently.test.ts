import { randomUUID } from 'node:crypto';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type Database } from '../../db/client';
import { migrationsFolder, SchemaOutdatedError } from '../../db/migrate';
import { postgresUrl } from '../support/databases';

const committed = readMigrationFiles({ migrationsFolder }).length;

/** An empty database (no schema at all) on the test server, dropped by `drop`. */
async function emptyDatabase(serverUrl: string) {
  const name = `taxibus_migrate_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function appliedMigrations(database: Database): Promise<number> {
  return rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0].n;
}

describe.skipIf(!postgresUrl)('migrations on PostgreSQL', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('four processes starting at once on an empty database: one migrates, all start', async () => {
    for (let round = 0; round < 3; round += 1) {
      const empty = await emptyDatabase(postgresUrl!);
      cleanup.push(empty.drop);
      const opened = await Promise.all(Array.from({ length: 4 }, () => openDatabase({ url: empty.url, maxConnections: 2 })));
      cleanup.push(async () => void (await Promise.all(opened.map((d) => d.close()))));
      for (const database of opened) expect(await database.ping()).toBe(true);
      // Each migration applied once, not once per process.
      expect(await appliedMigrations(opened[0])).toBe(committed);
      const tables = rowsOf<{ n: number }>(await opened[3].db.execute(sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`))[0].n;
      expect(tables).toBeGreaterThan(5);
      for (const step of cleanup.splice(0).reverse()) await step();
    }
  });

  it('with migrate: false refuses a schema that is behind, with the command to run, and opens a current one', async () => {
    const empty = await emptyDatabase(postgresUrl!);
    cleanup.push(empty.drop);
    const refused = openDatabase({ url: empty.url, migrate: false });
    await expect(refused).rejects.toThrow(SchemaOutdatedError);
    await expect(refused).rejects.toThrow(/0 of \d+ migrations applied\): run `npm run db:migrate`/);
    const migrated = await openDatabase({ url: empty.url });
    await migrated.close();
    const checked = await openDatabase({ url: empty.url, migrate: false });
    expect(await appliedMigrations(checked)).toBe(committed);
    await checked.close();
  });
});

describe('migrations on PGlite', () => {
  it('with migrate: false refuses an empty database', async () => {
    await expect(openDatabase({ pgliteDir: 'memory://', migrate: false })).rejects.toThrow(/run `npm run db:migrate`/);
  });
});
