import { bigserial, boolean, customType, foreignKey, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bookings } from './bookings';
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
  /** How many of the first stops are fixed: the bus is already heading there (set by `departed`). */
  committedStops: integer('committed_stops').notNull().default(0),
  /** Where the bus last served a stop in this shift, and when it left it (null: it is still there); planning starts from there. */
  lastStopId: uuid('last_stop_id'),
  lastDepartedAt: timestamp('last_departed_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Each ride a plan names, kept by triggers on vehicle_plans (migration 0007): one row per booking, so
 * no ride is on two plans, and the row must match the booking's own shift and bus (a foreign key the
 * migration makes DEFERRABLE INITIALLY DEFERRED, checked at commit). Read-only for the application.
 */
export const planRides = pgTable(
  'plan_rides',
  {
    bookingId: uuid('booking_id').primaryKey(),
    shiftId: uuid('shift_id').notNull().references(() => vehiclePlans.shiftId, { onDelete: 'cascade' }),
    vehicleId: uuid('vehicle_id').notNull(),
  },
  (t) => [
    index('plan_rides_shift').on(t.shiftId),
    foreignKey({ name: 'plan_rides_booking_fk', columns: [t.bookingId, t.shiftId, t.vehicleId], foreignColumns: [bookings.id, bookings.shiftId, bookings.vehicleId] }),
  ],
);

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
    /** A driver tablet's own id for the event, so a resend after a dropped connection is applied once. */
    clientEventId: text('client_event_id'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('events_booking').on(t.bookingId),
    index('events_vehicle').on(t.vehicleId, t.at),
    uniqueIndex('events_client_event').on(t.actorId, t.clientEventId),
  ],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Stop-to-stop travel times of an area, built when stops change, so bookings cost no routing call. */
export const stopMatrices = pgTable('stop_matrices', {
  areaId: uuid('area_id').primaryKey(),
  /** Stop ids in matrix order. */
  stopIds: jsonb('stop_ids').$type<string[]>().notNull(),
  /**
   * sha256 over the stops' ids and coordinates when it was built (migration 0009): a stop moved since
   * makes it stale as surely as one added. Null (built before): stale.
   */
  stopFingerprint: text('stop_fingerprint'),
  /** [lat, lon] of each stop in matrix order as built (migration 0009): a stop since moved has no stored times. */
  stopPoints: jsonb('stop_points').$type<Array<[number, number]>>(),
  /** Int32 little-endian, row-major, seconds; -1 = unreachable. */
  durationS: bytea('duration_s').notNull(),
  /** Int32 little-endian, row-major, metres; -1 = unreachable. */
  distanceM: bytea('distance_m').notNull(),
  estimated: boolean('estimated').notNull(),
  source: text('source').notNull(),
  builtAt: timestamp('built_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A stop matrix being built now (migration 0012): one row per area while a build runs, so the
 * operator sees its progress from any process. Written as the rows come from the travel-time
 * service, removed when the build ends; a row left by a process that died stops counting once
 * `updated_at` is old (see matrixBuildsRepository.current).
 */
export const stopMatrixBuilds = pgTable('stop_matrix_builds', {
  areaId: uuid('area_id').primaryKey(),
  /** The stops' fingerprint the build is over: a build over stops since changed is not today's. */
  stopFingerprint: text('stop_fingerprint').notNull(),
  /** Matrix rows done of `total`. */
  done: integer('done').notNull().default(0),
  total: integer('total').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
