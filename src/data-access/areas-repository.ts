import { and, asc, eq, or, sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client';
import { areaLinks, serviceAreas, stops, vehicles } from '../../db/schema';
import { idIn } from './any-id';
import { prepared } from './prepared';

export type ServiceArea = typeof serviceAreas.$inferSelect;
export type NewServiceArea = typeof serviceAreas.$inferInsert;
export type Stop = typeof stops.$inferSelect;
export type NewStop = typeof stops.$inferInsert;
export type Vehicle = typeof vehicles.$inferSelect;

export function areasRepository(db: DbOrTx) {
  return {
    async create(area: NewServiceArea): Promise<ServiceArea> {
      const [row] = await db.insert(serviceAreas).values(area).returning();
      return row;
    },
    async findById(id: string): Promise<ServiceArea | undefined> {
      const statement = prepared(db, 'area_by_id', () => db.select().from(serviceAreas).where(eq(serviceAreas.id, sql.placeholder('id'))).prepare('area_by_id'));
      const [row] = await statement.execute({ id });
      return row;
    },
    async list(): Promise<ServiceArea[]> {
      return db.select().from(serviceAreas).orderBy(serviceAreas.createdAt);
    },
    async activeStops(areaId: string): Promise<Stop[]> {
      return db.select().from(stops).where(and(eq(stops.areaId, areaId), eq(stops.active, true))).orderBy(stops.code);
    },
    /**
     * The stops the area's buses may call at, active or not: its own and those of areas linked to it
     * for cross-area rides (area_links). Planning, travel times and the desk use this list.
     */
    async allStops(areaId: string): Promise<Stop[]> {
      const statement = prepared(db, 'stops_served_by_area', () => db.select().from(stops)
        .where(or(
          eq(stops.areaId, sql.placeholder('areaId')),
          sql`${stops.areaId} in (select ${areaLinks.otherAreaId} from ${areaLinks} where ${areaLinks.areaId} = ${sql.placeholder('areaId')}
            union all select ${areaLinks.areaId} from ${areaLinks} where ${areaLinks.otherAreaId} = ${sql.placeholder('areaId')})`,
        ))
        .orderBy(stops.code, stops.id).prepare('stops_served_by_area'));
      return statement.execute({ areaId });
    },
    /** The area's own stops, active or not (the operator's list). */
    async ownStops(areaId: string): Promise<Stop[]> {
      return db.select().from(stops).where(eq(stops.areaId, areaId)).orderBy(asc(stops.code));
    },
    /** The areas linked to this one for cross-area rides. */
    async linkedAreaIds(areaId: string): Promise<string[]> {
      const rows = await db.select({ areaId: areaLinks.areaId, otherAreaId: areaLinks.otherAreaId }).from(areaLinks)
        .where(or(eq(areaLinks.areaId, areaId), eq(areaLinks.otherAreaId, areaId)));
      return rows.map((r) => (r.areaId === areaId ? r.otherAreaId : r.areaId)).sort();
    },
    /**
     * A short text that changes whenever anything the dispatch desk shows of the area for [from, to)
     * changes: a booking of that time written, a bus moved, taken out of or back into service, a
     * plan of a shift then rewritten. One query over that span's rows only.
     */
    async changeStamp(areaId: string, from: Date, to: Date): Promise<string> {
      const rows = rowsOf<{ stamp: string | null }>(await db.execute(sql`
        select concat_ws('|',
          (select count(*) || ':' || coalesce(max(updated_at)::text, '') from bookings
            where area_id = ${areaId} and requested_time >= ${from.toISOString()}::timestamptz - interval '1 day' and requested_time < ${to.toISOString()}::timestamptz + interval '1 day'),
          (select string_agg(in_service::text || coalesce(position_at::text, ''), ',' order by id) from vehicles where area_id = ${areaId}),
          (select coalesce(sum(p.version), 0) || ':' || count(*) from vehicle_plans p
            join shifts s on s.id = p.shift_id join vehicles v on v.id = s.vehicle_id
            where v.area_id = ${areaId} and s.start_at < ${to.toISOString()}::timestamptz and s.end_at > ${from.toISOString()}::timestamptz)
        ) as stamp`));
      return rows[0]?.stamp ?? '';
    },
    async findStop(id: string): Promise<Stop | undefined> {
      const [row] = await db.select().from(stops).where(eq(stops.id, id));
      return row;
    },
    async stopsByIds(ids: string[]): Promise<Stop[]> {
      if (ids.length === 0) return [];
      return db.select().from(stops).where(idIn(stops.id, [...new Set(ids)]));
    },
    /** Inserts new stops and updates existing ones by code; returns how many of each. */
    /**
     * Inserts stops by code or updates those the area has (one statement). `updated` counts stops
     * whose fields changed, `moved` those of them at new coordinates; a row as stored is `unchanged`
     * and not written.
     */
    async upsertStops(areaId: string, rows: Omit<NewStop, 'areaId'>[]): Promise<{ inserted: number; updated: number; moved: number; unchanged: number }> {
      if (rows.length === 0) return { inserted: 0, updated: 0, moved: 0, unchanged: 0 };
      const codes = JSON.stringify(rows.map((row) => row.code));
      const upsert = db
        .insert(stops)
        .values(rows.map((row) => ({ ...row, areaId })))
        .onConflictDoUpdate({
          target: [stops.areaId, stops.code],
          set: {
            name: sql`excluded.name`,
            village: sql`excluded.village`,
            lat: sql`excluded.lat`,
            lon: sql`excluded.lon`,
            wheelchairAccessible: sql`excluded.wheelchair_accessible`,
            active: sql`excluded.active`,
          },
          setWhere: sql`(${stops.name}, ${stops.village}, ${stops.lat}, ${stops.lon}, ${stops.wheelchairAccessible}, ${stops.active})
            is distinct from (excluded.name, excluded.village, excluded.lat, excluded.lon, excluded.wheelchair_accessible, excluded.active)`,
        })
        .returning({ code: stops.code, lat: stops.lat, lon: stops.lon, inserted: sql<boolean>`(xmax = 0)`.as('inserted') });
      // The statement's snapshot: "before" sees the stops as they were, whatever the upsert writes.
      const written = rowsOf<{ inserted: boolean; moved: boolean }>(await db.execute(sql`
        with before as (select code, lat, lon from stops where area_id = ${areaId} and code in (select jsonb_array_elements_text(${codes}::jsonb))),
          written as (${upsert.getSQL()})
        select written.inserted, (before.lat is distinct from written.lat or before.lon is distinct from written.lon) as moved
        from written left join before on before.code = written.code`));
      const inserted = written.filter((r) => r.inserted).length;
      const updated = written.length - inserted;
      return { inserted, updated, moved: written.filter((r) => !r.inserted && r.moved).length, unchanged: rows.length - written.length };
    },
    async vehicles(areaId: string): Promise<Vehicle[]> {
      const statement = prepared(db, 'vehicles_of_area', () => db.select().from(vehicles).where(eq(vehicles.areaId, sql.placeholder('areaId'))).orderBy(vehicles.label).prepare('vehicles_of_area'));
      return statement.execute({ areaId });
    },
  };
}
