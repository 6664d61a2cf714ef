import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * `column = any(ids)` with the ids sent as ONE text parameter. `inArray` sends one parameter per id;
 * a planning snapshot asks for ~2,000 bookings per batch, and building and binding that many
 * parameters cost more than the query itself. Ids are UUIDs, so a comma never occurs inside one.
 */
export function idIn(column: AnyColumn, ids: readonly string[]): SQL {
  return sql`${column} = any(string_to_array(${ids.join(',')}, ',')::uuid[])`;
}
