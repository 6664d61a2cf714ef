import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', ['rider', 'driver', 'dispatcher', 'admin']);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  role: userRole('role').notNull(),
  name: text('name').notNull(),
  phone: text('phone'),
  /** sha256 of the bearer token; the token itself is shown once and never stored. */
  tokenHash: text('token_hash').unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // A dispatcher booking for a caller finds the caller's rider account by phone, on every booking.
  index('users_phone').on(t.phone, t.role),
]);
