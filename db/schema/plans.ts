import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { shifts, vehicles } from './fleet';

export interface PlanStop {
  bookingId: string;
  kind: 'pickup' | 'dropoff';
  stopId: string;
  /** Planned start of service, ISO 8601. */
  plannedAt: string;
}

/** One plan a shift: the stops the bus serves in that shift, in order. */
export const vehiclePlans = pgTable('vehicle_plans', {
  shiftId: uuid('shift_id').primaryKey().references(() => shifts.id),
  vehicleId: uuid('vehicle_id').notNull().references(() => vehicles.id),
  version: integer('version').notNull().default(0),
  stops: jsonb('stops').$type<PlanStop[]>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Append-only: rows are inserted, never updated or deleted. */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    kind: text('kind').notNull(),
    bookingId: uuid('booking_id'),
    vehicleId: uuid('vehicle_id'),
    reason: text('reason'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('events_booking').on(t.bookingId), index('events_vehicle').on(t.vehicleId, t.at)],
);
