import { sql } from 'drizzle-orm';
import { check, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The rider that rides point at once their personal data is gone (retention, deleted accounts):
 * created by migration 0008; it has no phone and no login.
 */
export const ANONYMOUS_RIDER_ID = '00000000-0000-4000-8000-000000000000';

export const userRole = pgEnum('user_role', ['rider', 'driver', 'dispatcher', 'admin']);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  role: userRole('role').notNull(),
  name: text('name').notNull(),
  /** E.164 ("+49656198765"), so that every spelling of a number is one string. */
  phone: text('phone'),
  /** sha256 of the bearer token; the token itself is shown once and never stored. */
  tokenHash: text('token_hash').unique(),
  /** argon2id (PHC string) of the villager's password; null: no password login (staff, phone callers). */
  passwordHash: text('password_hash'),
  /** Set when the account was deleted: the row stays so that events and anonymised rides still name an id. */
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  /** Set when an admin deactivated a staff login: its token and password are gone with it (migration 0009). */
  deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // One rider per phone number: a dispatcher booking for a caller finds (or creates) the caller's
  // rider account by phone, on every booking and also when the same caller is booked twice at once.
  uniqueIndex('users_rider_phone').on(t.phone).where(sql`${t.role} = 'rider'`),
  // Numbers that bypass normalisation would never be found again.
  check('users_phone_e164', sql`${t.phone} ~ '^\\+[1-9][0-9]{4,14}$'`),
]);
