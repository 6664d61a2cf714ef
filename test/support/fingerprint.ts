import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client';

/** A digest of every table's rows: equal before and after means nothing was written. */
export async function databaseFingerprint(db: Db): Promise<string> {
  const tables = ['service_areas', 'stops', 'vehicles', 'shifts', 'users', 'bookings', 'vehicle_plans', 'events'];
  const parts: string[] = [];
  for (const table of tables) {
    const result = await db.execute(sql.raw(`select count(*)::text as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from ${table} t`));
    const rows = rowsOf<{ n: string; h: string }>(result);
    parts.push(`${table}:${rows[0].n}:${rows[0].h}`);
  }
  return parts.join(' ');
}
