import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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

/** A break within a shift, local time (HH:MM) on the template. */
export interface ShiftBreak {
  from: string;
  to: string;
}

/** A dated shift's break (ISO instants): planning serves no stop in it and the bus stands wherever it is. */
export interface ShiftBreakSpan {
  startAt: string;
  endAt: string;
}

/**
 * A weekly shift of one bus (migration 0009): on each of `weekdays` (ISO, 1 = Monday) from `startTime`
 * to `endTime` local time; the daily extension turns it into dated `shifts` over the booking horizon.
 */
export const shiftTemplates = pgTable('shift_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  vehicleId: uuid('vehicle_id').notNull().references(() => vehicles.id),
  driverId: uuid('driver_id').references(() => users.id),
  weekdays: jsonb('weekdays').$type<number[]>().notNull(),
  startTime: text('start_time').notNull(),
  endTime: text('end_time').notNull(),
  startDepotStopId: uuid('start_depot_stop_id').notNull().references(() => stops.id),
  endDepotStopId: uuid('end_depot_stop_id').notNull().references(() => stops.id),
  breaks: jsonb('breaks').$type<ShiftBreak[]>().notNull().default([]),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('shift_templates_vehicle').on(t.vehicleId)]);

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
    /** The weekly template it was made from; null for a single dated shift (and the demo's). */
    templateId: uuid('template_id').references(() => shiftTemplates.id),
    /** Set when an operator cancelled it: planning, manifests and extensions pass it by. */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Why it was cancelled (the operator's reason, also in the event log), for the shift calendar. */
    cancelReason: text('cancel_reason'),
    /** The driver's breaks on this date, from its template (migration 0011), in time order. */
    breaks: jsonb('breaks').$type<ShiftBreakSpan[]>().notNull().default([]),
  },
  (t) => [
    index('shifts_vehicle_time').on(t.vehicleId, t.startAt),
    index('shifts_driver_time').on(t.driverId, t.startAt),
    // A template makes one shift a start time, however often (and by how many processes) it is extended.
    uniqueIndex('shifts_template_start').on(t.templateId, t.startAt),
  ],
);
