import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { events } from '../../db/schema';

export type EventRow = typeof events.$inferSelect;
export interface NewEvent {
  kind: string;
  actorId?: string | null;
  bookingId?: string | null;
  vehicleId?: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
}

/** The append-only event log: there is no update or delete here on purpose. */
export function eventsRepository(db: Db) {
  return {
    async append(event: NewEvent): Promise<void> {
      await db.insert(events).values(event);
    },
    async forBooking(bookingId: string): Promise<EventRow[]> {
      return db.select().from(events).where(eq(events.bookingId, bookingId)).orderBy(asc(events.id));
    },
    async count(): Promise<number> {
      return db.$count(events);
    },
  };
}
