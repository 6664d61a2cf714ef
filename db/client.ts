import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import * as schema from './schema';
import type { Db } from './types';
import { assertSchemaCurrent, migrationsFolder, underMigrationLock } from './migrate';
import { holdEmbeddedDatabase } from './pglite-holder';

// The types live apart so that migrate.ts can use them without an import cycle.
export type { Db, DbOrTx, Schema, Tx } from './types';
export { rowsOf } from './types';

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  close(): Promise<void>;
  ping(): Promise<boolean>;
  /** LISTEN on a channel; resolves with the function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent an embedded PGlite is used. */
  url?: string;
  /** Folder for PGlite's files; `memory://` keeps it in memory (tests). */
  pgliteDir?: string;
  /** Largest pool size for postgres.js. */
  maxConnections?: number;
  /**
   * true (default): apply pending migrations (on PostgreSQL under an advisory lock, so processes
   * starting together migrate once); false: only check the schema is current, else SchemaOutdatedError.
   */
  migrate?: boolean;
}

/**
 * Opens the database and brings its schema up to date with the committed migrations (or checks it
 * is). An embedded database in a folder is held by this process until close (EmbeddedDatabaseInUseError
 * for a second process).
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const migrate = options.migrate ?? true;
  return options.url ? openPostgres(options.url, options.maxConnections ?? 10, migrate) : openPglite(options.pgliteDir ?? 'memory://', migrate);
}

async function openPostgres(url: string, max: number, apply: boolean): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzle(client, { schema });
  try {
    if (apply) {
      const lockConnection = postgres(url, { max: 1, onnotice: () => {} });
      await underMigrationLock(lockConnection, () => migrate(db, { migrationsFolder })).finally(() => lockConnection.end({ timeout: 5 }));
    } else {
      await assertSchemaCurrent(db);
    }
  } catch (error) {
    await client.end({ timeout: 5 });
    throw error;
  }
  return {
    db,
    driver: 'postgres',
    close: () => client.end({ timeout: 5 }),
    ping: () => pingWith(db),
    async listen(channel, onPayload) {
      const { unlisten } = await client.listen(channel, onPayload);
      return unlisten;
    },
  };
}

async function openPglite(dir: string, apply: boolean): Promise<Database> {
  const { PGlite: PGliteClient } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const inMemory = dir.startsWith('memory://');
  if (!inMemory) mkdirSync(resolve(dir), { recursive: true });
  const held = inMemory ? undefined : holdEmbeddedDatabase(resolve(dir));
  let client: PGlite | undefined;
  try {
    client = new PGliteClient(inMemory ? undefined : resolve(dir));
    const db = drizzle(client, { schema });
    if (apply) await migrate(db, { migrationsFolder });
    else await assertSchemaCurrent(db);
    return pgliteDatabase(client, db, held);
  } catch (error) {
    await client?.close().catch(() => undefined);
    held?.release();
    throw error;
  }
}

function pgliteDatabase(client: PGlite, db: Db, held: { release(): void } | undefined): Database {
  return {
    db,
    driver: 'pglite',
    async close() {
      try {
        await client.close();
      } finally {
        held?.release();
      }
    },
    ping: () => pingWith(db),
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return async () => unlisten();
    },
  };
}

async function pingWith(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
