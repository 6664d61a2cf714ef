import { doublePrecision, jsonb, pgTable, text, timestamp, uuid, boolean, uniqueIndex, index } from 'drizzle-orm/pg-core';
import type { BookingRules, OperatingExceptions, OperatingHours, AreaPolygon } from './service-area-json';

export const serviceAreas = pgTable('service_areas', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  polygon: jsonb('polygon').$type<AreaPolygon>().notNull(),
  operatingHours: jsonb('operating_hours').$type<OperatingHours>().notNull(),
  /** Dated closures and special hours, beside the weekly `operatingHours` (migration 0009). */
  operatingExceptions: jsonb('operating_exceptions').$type<OperatingExceptions>().notNull().default([]),
  rules: jsonb('rules').$type<BookingRules>().notNull(),
  /** The phone number riders call (shown e.g. when a ride can no longer be cancelled online). */
  hotline: text('hotline'),
  /** The operator's public page about the service. */
  infoUrl: text('info_url'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const stops = pgTable(
  'stops',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    areaId: uuid('area_id').notNull().references(() => serviceAreas.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    village: text('village').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    wheelchairAccessible: boolean('wheelchair_accessible').notNull().default(false),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('stops_area_code').on(t.areaId, t.code), index('stops_area').on(t.areaId)],
);
