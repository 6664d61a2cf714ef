import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction opened on a Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/**
 * What a query runs on: the database or a transaction opened on it. Both drivers' databases and their
 * transactions are Dbs to the type checker (no casts needed); the name says a transaction is welcome.
 */
export type DbOrTx = Db | Tx;

/** The rows of a raw `db.execute`, whichever driver ran it (postgres.js: an array; PGlite: `rows`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows?: T[] }).rows ?? (result as T[]);
}
