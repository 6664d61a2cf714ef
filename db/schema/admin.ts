import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { vehicles } from './fleet';
import { serviceAreas } from './service-areas';
import { users } from './users';

/** The areas a dispatcher works in (migration 0009); a dispatcher without rows here sees every area. */
export const userAreas = pgTable('user_areas', {
  userId: uuid('user_id').notNull().references(() => users.id),
  areaId: uuid('area_id').notNull().references(() => serviceAreas.id),
}, (t) => [primaryKey({ columns: [t.userId, t.areaId] })]);

/**
 * The buses a driver's login may drive (migration 0010); a driver without rows here may drive every
 * bus, as before the operator could say so.
 */
export const driverVehicles = pgTable('driver_vehicles', {
  userId: uuid('user_id').notNull().references(() => users.id),
  vehicleId: uuid('vehicle_id').notNull().references(() => vehicles.id),
}, (t) => [primaryKey({ columns: [t.userId, t.vehicleId] })]);

/**
 * Two areas whose buses may carry a rider across their common border (migration 0010). One row per
 * pair, the smaller id first, so that a pair cannot be linked twice in two spellings.
 */
export const areaLinks = pgTable('area_links', {
  areaId: uuid('area_id').notNull().references(() => serviceAreas.id),
  otherAreaId: uuid('other_area_id').notNull().references(() => serviceAreas.id),
}, (t) => [
  primaryKey({ columns: [t.areaId, t.otherAreaId] }),
  index('area_links_other').on(t.otherAreaId),
  check('area_links_ordered', sql`${t.areaId} < ${t.otherAreaId}`),
]);
