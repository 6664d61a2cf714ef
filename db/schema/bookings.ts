import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { serviceAreas, stops } from './service-areas';
import { users } from './users';
import { shifts, vehicles } from './fleet';

export const bookingStatus = pgEnum('booking_status', [
  'pending',
  'offered',
  'confirmed',
  'assigned',
  'on_board',
  'completed',
  'rejected',
  'cancelled',
  'no_show',
]);

export const timeMode = pgEnum('time_mode', ['depart_after', 'arrive_by']);

export interface AlternativeTime {
  departAfter?: string;
  arriveBy?: string;
}

export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    areaId: uuid('area_id').notNull().references(() => serviceAreas.id),
    riderId: uuid('rider_id').notNull().references(() => users.id),
    bookedById: uuid('booked_by_id').notNull().references(() => users.id),
    pickupStopId: uuid('pickup_stop_id').notNull().references(() => stops.id),
    dropoffStopId: uuid('dropoff_stop_id').notNull().references(() => stops.id),
    requestedTime: timestamp('requested_time', { withTimezone: true }).notNull(),
    timeMode: timeMode('time_mode').notNull(),
    seats: integer('seats').notNull(),
    wheelchairs: integer('wheelchairs').notNull().default(0),
    note: text('note'),
    status: bookingStatus('status').notNull().default('pending'),
    promisedPickupFrom: timestamp('promised_pickup_from', { withTimezone: true }),
    promisedPickupTo: timestamp('promised_pickup_to', { withTimezone: true }),
    promisedLatestArrival: timestamp('promised_latest_arrival', { withTimezone: true }),
    directDurationS: integer('direct_duration_s'),
    maxRideS: integer('max_ride_s'),
    estimated: boolean('estimated').notNull().default(true),
    vehicleId: uuid('vehicle_id').references(() => vehicles.id),
    shiftId: uuid('shift_id').references(() => shifts.id),
    locked: boolean('locked').notNull().default(false),
    pickedUpAt: timestamp('picked_up_at', { withTimezone: true }),
    droppedOffAt: timestamp('dropped_off_at', { withTimezone: true }),
    rejectionReason: text('rejection_reason'),
    alternatives: jsonb('alternatives').$type<AlternativeTime[]>(),
    idempotencyKey: text('idempotency_key'),
    /** sha256 of the request body, to tell a retry from a different booking under the same key. */
    requestHash: text('request_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bookings_idempotency').on(t.bookedById, t.idempotencyKey),
    index('bookings_rider_time').on(t.riderId, t.requestedTime),
    index('bookings_area_status_time').on(t.areaId, t.status, t.requestedTime),
    index('bookings_vehicle').on(t.vehicleId),
    /** What plan_rides' foreign key points at: where the booking rides (migration 0007). */
    uniqueIndex('bookings_ride').on(t.id, t.shiftId, t.vehicleId),
  ],
);
