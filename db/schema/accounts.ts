import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * A logged-in browser. The cookie holds a random token; only its sha256 is stored, so a copy of the
 * database logs nobody in. A session ends at `expiresAt` (absolute) or when unused for the idle time.
 */
export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  /** Sent back in X-CSRF-Token on every write; a page of another site cannot read it. */
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('sessions_user').on(t.userId), index('sessions_expires').on(t.expiresAt)]);

export const codePurpose = pgEnum('code_purpose', ['signup', 'access']);

/**
 * A one-time code sent by SMS: to confirm a sign-up (the pending account's name and password hash
 * wait here) or to set a password (`access`, for an existing rider). Only a hash of the code is kept;
 * `attempts` counts guesses, each taken by one statement, so no more than the allowed number of
 * guesses is ever compared however many arrive at once.
 */
export const oneTimeCodes = pgTable('one_time_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  purpose: codePurpose('purpose').notNull(),
  /** E.164; the number the code went to. */
  phone: text('phone').notNull(),
  /** Null for a sign-up of a number that already has a login: no code was sent, none can match. */
  codeHash: text('code_hash'),
  /** For `signup`: the name and password hash of the account to create. */
  name: text('name'),
  passwordHash: text('password_hash'),
  attempts: integer('attempts').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
}, (t) => [index('one_time_codes_phone').on(t.phone, t.purpose), index('one_time_codes_expires').on(t.expiresAt)]);

/**
 * Failed-login counters per phone number (also numbers without an account, so the lockout tells
 * nothing). Keyed by a hash of the number: the table outlives the attempts only by the window.
 */
export const loginAttempts = pgTable('login_attempts', {
  key: text('key').primaryKey(),
  attempts: integer('attempts').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
});

/** The SMS outbox: what went (or is to go) to a phone; purged after a day, since it holds codes. */
export const outboundMessages = pgTable('outbound_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  toPhone: text('to_phone').notNull(),
  body: text('body').notNull(),
  /** `signup-code`, `access-code`, `already-registered`: what the message is, for operators. */
  kind: text('kind').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
}, (t) => [index('outbound_messages_created').on(t.createdAt)]);
