import { describe } from 'vitest';
import { openDatabase, type Database } from '../../db/client';
import { openScratchDatabase } from '../../db/scratch-database';

export type Driver = 'pglite' | 'postgres';

/** The PostgreSQL server tests may use: TEST_DATABASE_URL, else DATABASE_URL; unset means PGlite only. */
export const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

export const drivers: Driver[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

/** A fresh, migrated database: in-memory PGlite, or a new throw-away database on the PostgreSQL server. */
export async function freshDatabase(driver: Driver): Promise<Database & { url?: string }> {
  if (driver === 'pglite') return openDatabase({ pgliteDir: 'memory://' });
  if (!postgresUrl) throw new Error('No PostgreSQL configured (TEST_DATABASE_URL or DATABASE_URL)');
  return openScratchDatabase(postgresUrl, 'taxibus_test');
}

/** One suite, run once per available driver (PGlite always; PostgreSQL when configured). */
export function describeEachDriver(name: string, suite: (driver: Driver) => void): void {
  for (const driver of drivers) describe(`${name} [${driver}]`, () => suite(driver));
}
