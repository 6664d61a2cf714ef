import { boolean, doublePrecision, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { serviceAreas, stops } from './service-areas';
import { users } from './users';

export const vehicles = pgTable('vehicles', {
  id: uuid('id').primaryKey().defaultRandom(),
  areaId: uuid('area_id').notNull().references(() => serviceAreas.id),
  label: text('label').notNull(),
  seats: integer('seats').notNull(),
  wheelchairPlaces: integer('wheelchair_places').notNull().default(0),
  depotStopId: uuid('depot_stop_id').notNull().references(() => stops.id),
  inService: boolean('in_service').notNull().default(true),
  outOfServiceReason: text('out_of_service_reason'),
  positionLat: doublePrecision('position_lat'),
  positionLon: doublePrecision('position_lon'),
  positionAt: timestamp('position_at', { withTimezone: true }),
});

export const shifts = pgTable(
  'shifts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vehicleId: uuid('vehicle_id').notNull().references(() => vehicles.id),
    driverId: uuid('driver_id').references(() => users.id),
    startAt: timestamp('start_at', { withTimezone: true }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true }).notNull(),
    startDepotStopId: uuid('start_depot_stop_id').notNull().references(() => stops.id),
    endDepotStopId: uuid('end_depot_stop_id').notNull().references(() => stops.id),
  },
  (t) => [index('shifts_vehicle_time').on(t.vehicleId, t.startAt), index('shifts_driver_time').on(t.driverId, t.startAt)],
);
