import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rowsOf } from '../../db/client';
import { ANONYMOUS_RIDER_ID } from '../../db/schema';

/** Statuses after which a ride is over and its personal data may go. */
const ENDED = sql`('completed', 'cancelled', 'rejected', 'no_show')`;

/**
 * Removing personal data. What counts as a ride's personal data here: who rode (rider_id; booked_by_id
 * when the rider booked for themselves — a dispatcher's id is staff, not the rider's), the note for
 * the driver (free text, often about health or mobility), the idempotency key and request hash (a
 * client's key can carry anything), and in the event log the rider's own entries of those rides
 * (their id as actor, and the reason they gave for cancelling). What stays, for statistics and
 * planning: area, stops, times, seats, wheelchairs, status, the promise and what the bus did.
 */
/** A time as a parameter of raw SQL (postgres.js does not serialise a Date there). */
const at = (time: Date) => sql`${time.toISOString()}::timestamptz`;

export function retentionRepository(db: Db) {
  const anonymise = async (which: ReturnType<typeof sql>, tx: Db): Promise<number> => {
    const result = await tx.execute(sql`
      with target as (
        select id, rider_id as old_rider from bookings
        where status in ${ENDED} and rider_id <> ${ANONYMOUS_RIDER_ID} and ${which}
        for update
      ), rides as (
        update bookings b set
          rider_id = ${ANONYMOUS_RIDER_ID},
          booked_by_id = case when b.booked_by_id = target.old_rider then ${ANONYMOUS_RIDER_ID}::uuid else b.booked_by_id end,
          note = null, idempotency_key = null, request_hash = null
        from target where b.id = target.id
        returning b.id, target.old_rider
      ), rider_events as (
        update events e set actor_id = ${ANONYMOUS_RIDER_ID}, reason = null
        from rides where e.booking_id = rides.id and e.actor_id = rides.old_rider
        returning e.id
      )
      select (select count(*) from rides)::int as rides`);
    return rowsOf<{ rides: number }>(result)[0].rides;
  };
  return {
    /** Rides that ended (last changed) before `cutoff`. Returns how many were anonymised. */
    anonymiseRidesEndedBefore(cutoff: Date, tx: Db = db): Promise<number> {
      return anonymise(sql`updated_at < ${at(cutoff)}`, tx);
    },
    /** Every ended ride of one rider (an account being deleted). */
    anonymiseRidesOf(riderId: string, tx: Db = db): Promise<number> {
      return anonymise(sql`rider_id = ${riderId}`, tx);
    },
    /** Sessions, codes, lockout counters and outbox messages past their use; returns what went. */
    async purgeExpired(now: Date, limits: { sessionIdleSince: Date; loginWindowSince: Date; outboxSince: Date }): Promise<Record<string, number>> {
      const result = await db.execute(sql`
        with s as (delete from sessions where expires_at <= ${at(now)} or last_seen_at <= ${at(limits.sessionIdleSince)} returning 1),
        c as (delete from one_time_codes where expires_at <= ${at(now)} returning 1),
        l as (delete from login_attempts where window_started_at <= ${at(limits.loginWindowSince)} returning 1),
        o as (delete from outbound_messages where created_at <= ${at(limits.outboxSince)} returning 1)
        select (select count(*) from s)::int as sessions, (select count(*) from c)::int as codes,
               (select count(*) from l)::int as "loginAttempts", (select count(*) from o)::int as "outboundMessages"`);
      return rowsOf<Record<string, number>>(result)[0];
    },
  };
}
