import { pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { serviceAreas } from './service-areas';
import { users } from './users';

/** The areas a dispatcher works in (migration 0009); a dispatcher without rows here sees every area. */
export const userAreas = pgTable('user_areas', {
  userId: uuid('user_id').notNull().references(() => users.id),
  areaId: uuid('area_id').notNull().references(() => serviceAreas.id),
}, (t) => [primaryKey({ columns: [t.userId, t.areaId] })]);
