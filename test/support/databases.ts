import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { describe } from 'vitest';
import { openDatabase, type Database } from '../../db/client';

export type Driver = 'pglite' | 'postgres';

/** The PostgreSQL server tests may use: TEST_DATABASE_URL, else DATABASE_URL; unset means PGlite only. */
export const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

export const drivers: Driver[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

/** A fresh, migrated database: in-memory PGlite, or a new throw-away database on the PostgreSQL server. */
export async function freshDatabase(driver: Driver): Promise<Database & { url?: string }> {
  if (driver === 'pglite') return openDatabase({ pgliteDir: 'memory://' });
  if (!postgresUrl) throw new Error('No PostgreSQL configured (TEST_DATABASE_URL or DATABASE_URL)');
  const name = `taxibus_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), maxConnections: 20 });
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const cleanup = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** One suite, run once per available driver (PGlite always; PostgreSQL when configured). */
export function describeEachDriver(name: string, suite: (driver: Driver) => void): void {
  for (const driver of drivers) describe(`${name} [${driver}]`, () => suite(driver));
}
