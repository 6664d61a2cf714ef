import type { Db } from '../../db/client';

const statements = new WeakMap<Db, Map<string, unknown>>();

/**
 * A statement built once per database and then run with parameters (drizzle's `prepare` with
 * `sql.placeholder`). For the queries on every request's path: building a query costs more than
 * running a small one. `name` must be unique across the code base.
 */
export function prepared<T>(db: Db, name: string, build: () => T): T {
  let byName = statements.get(db);
  if (!byName) statements.set(db, (byName = new Map()));
  if (!byName.has(name)) byName.set(name, build());
  return byName.get(name) as T;
}
