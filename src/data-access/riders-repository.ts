import { and, desc, eq, ilike, inArray, isNull, like, ne, notInArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ANONYMOUS_RIDER_ID, bookings, serviceAreas, users } from '../../db/schema';
import { likeText } from './like-text';
import type { User } from './users-repository';

/** One way a rider travelled: a pickup → drop-off pair at one local time of day, and how often. */
export interface TripCount {
  riderId: string;
  pickupStopId: string;
  dropoffStopId: string;
  timeMode: 'depart_after' | 'arrive_by';
  /** HH:MM in the area's time zone. */
  localTime: string;
  count: number;
}


export function ridersRepository(db: DbOrTx) {
  return {
    /**
     * Riders a dispatcher may book for whose phone (E.164) starts with `phonePrefix`, or whose name
     * or one of its words starts with `namePrefix` (case-insensitive); most recent first.
     */
    async search(query: { phonePrefix?: string; namePrefix?: string; limit: number }): Promise<User[]> {
      const matches = [];
      if (query.phonePrefix) matches.push(like(users.phone, `${likeText(query.phonePrefix)}%`));
      if (query.namePrefix) {
        const prefix = likeText(query.namePrefix);
        matches.push(ilike(users.name, `${prefix}%`), ilike(users.name, `% ${prefix}%`));
      }
      if (matches.length === 0) return [];
      return db
        .select({ id: users.id, role: users.role, name: users.name, phone: users.phone, createdAt: users.createdAt })
        .from(users)
        .where(and(eq(users.role, 'rider'), isNull(users.deletedAt), ne(users.id, ANONYMOUS_RIDER_ID), or(...matches)))
        .orderBy(desc(users.createdAt), users.id)
        .limit(query.limit);
    },
    /**
     * How often each rider booked each pickup → drop-off pair at each local time of day (cancelled
     * and rejected requests left out: they were not trips), most frequent first.
     */
    async tripCounts(riderIds: string[]): Promise<TripCount[]> {
      if (riderIds.length === 0) return [];
      const localTime = sql<string>`to_char(${bookings.requestedTime} at time zone ${serviceAreas.timeZone}, 'HH24:MI')`;
      const count = sql<number>`count(*)::int`;
      const rows = await db
        .select({
          riderId: bookings.riderId, pickupStopId: bookings.pickupStopId, dropoffStopId: bookings.dropoffStopId,
          timeMode: bookings.timeMode, localTime, count,
        })
        .from(bookings)
        .innerJoin(serviceAreas, eq(serviceAreas.id, bookings.areaId))
        .where(and(inArray(bookings.riderId, riderIds), notInArray(bookings.status, ['cancelled', 'rejected'])))
        .groupBy(bookings.riderId, bookings.pickupStopId, bookings.dropoffStopId, bookings.timeMode, localTime)
        .orderBy(desc(count));
      return rows.map((r) => ({ ...r, count: Number(r.count) }));
    },
  };
}
