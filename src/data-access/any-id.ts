import { sql, type AnyColumn, type Placeholder, type SQL } from 'drizzle-orm';

/**
 * `column = any(ids)` with the ids sent as ONE text parameter. `inArray` sends one parameter per id;
 * a planning snapshot asks for ~2,000 bookings per batch, and building and binding that many
 * parameters cost more than the query itself. Ids are UUIDs, so a comma never occurs inside one.
 * A prepared statement passes a placeholder for the comma-joined ids.
 */
export function idIn(column: AnyColumn, ids: readonly string[] | Placeholder): SQL {
  return sql`${column} = any(string_to_array(${Array.isArray(ids) ? ids.join(',') : ids}, ',')::uuid[])`;
}
