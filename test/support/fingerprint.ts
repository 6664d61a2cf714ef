import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/** A digest of every table's rows: equal before and after means nothing was written. */
export async function databaseFingerprint(db: Db): Promise<string> {
  const tables = ['service_areas', 'stops', 'vehicles', 'shifts', 'users', 'bookings', 'vehicle_plans', 'events'];
  const parts: string[] = [];
  for (const table of tables) {
    const result = await db.execute(sql.raw(`select count(*)::text as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from ${table} t`));
    const rows = (result as unknown as { rows?: Array<{ n: string; h: string }> }).rows ?? (result as unknown as Array<{ n: string; h: string }>);
    parts.push(`${table}:${rows[0].n}:${rows[0].h}`);
  }
  return parts.join(' ');
}
