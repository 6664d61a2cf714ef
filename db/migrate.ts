import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Sql } from 'postgres';
import { rowsOf, type Db } from './types';

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Key of the session-level advisory lock every process takes around migrating, so that processes
 * starting together on an empty database migrate once (the others wait, then find nothing to do).
 * Any constant works; this is the first 8 bytes of sha256("eifel-taxibus:migrate").
 */
const MIGRATION_LOCK_KEY = 0x2b7e4c1d9a03f516n;

/** The schema is behind the committed migrations and this process may not migrate it. */
export class SchemaOutdatedError extends Error {
  override name = 'SchemaOutdatedError';
}

/**
 * Runs `migrate` while holding the migration lock on a connection of its own (the migration itself
 * runs on the pool, which may need every connection it has).
 */
export async function underMigrationLock(lockConnection: Sql, migrate: () => Promise<void>): Promise<void> {
  await lockConnection`select pg_advisory_lock(${MIGRATION_LOCK_KEY.toString()}::bigint)`;
  try {
    await migrate();
  } finally {
    await lockConnection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY.toString()}::bigint)`.catch(() => undefined);
  }
}

/** How many committed migrations there are and how many the database has applied. */
export async function migrationState(db: Db): Promise<{ applied: number; committed: number; current: boolean }> {
  const committed = readMigrationFiles({ migrationsFolder });
  const latest = committed.at(-1)?.folderMillis ?? 0;
  const table = await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') as name`);
  if (!rowsOf<{ name: string | null }>(table)[0]?.name) return { applied: 0, committed: committed.length, current: committed.length === 0 };
  const result = await db.execute(sql`select count(*)::int as applied, coalesce(max(created_at), 0)::bigint as last from drizzle.__drizzle_migrations`);
  const row = rowsOf<{ applied: number; last: string | number }>(result)[0];
  return { applied: row.applied, committed: committed.length, current: Number(row.last) >= latest };
}

/** Refuses a database whose schema is behind the code, with the one line that says what to do. */
export async function assertSchemaCurrent(db: Db): Promise<void> {
  const state = await migrationState(db);
  if (state.current) return;
  throw new SchemaOutdatedError(
    `The database schema is not current (${state.applied} of ${state.committed} migrations applied): run \`npm run db:migrate\` (or start with MIGRATE_ON_START=true).`,
  );
}
