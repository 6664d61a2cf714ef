import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bookings, events, oneTimeCodes, outboundMessages, users } from '../../db/schema';
import type { Booking } from './bookings-repository';
import type { EventRow } from './events-repository';

/** Reads and removals of everything stored about one account (export, deletion). */
export function accountDataRepository(db: Db) {
  return {
    /** The user's rides: the ones they rode and the ones they booked. */
    async ridesOf(userId: string): Promise<Booking[]> {
      return db.select().from(bookings).where(or(eq(bookings.riderId, userId), eq(bookings.bookedById, userId))).orderBy(asc(bookings.requestedTime));
    },
    async eventsOf(bookingIds: string[]): Promise<EventRow[]> {
      if (bookingIds.length === 0) return [];
      return db.select().from(events).where(inArray(events.bookingId, bookingIds)).orderBy(asc(events.id));
    },
    async accountOf(userId: string) {
      const [row] = await db.select({ id: users.id, role: users.role, name: users.name, phone: users.phone, createdAt: users.createdAt, hasPassword: sql<boolean>`${users.passwordHash} is not null` })
        .from(users).where(eq(users.id, userId));
      return row;
    },
    /** Codes and messages sent to the number. */
    async deleteMessagesTo(phone: string, tx: Db = db): Promise<void> {
      await tx.delete(oneTimeCodes).where(eq(oneTimeCodes.phone, phone));
      await tx.delete(outboundMessages).where(eq(outboundMessages.toPhone, phone));
    },
  };
}
