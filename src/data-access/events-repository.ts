import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
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
export function eventsRepository(db: DbOrTx) {
  return {
    async append(event: NewEvent): Promise<void> {
      await db.insert(events).values(event);
    },
    /** Appends inside a caller's transaction, with the domain clock's time and a tablet's event id when given. */
    async record(event: NewEvent & { at?: Date; clientEventId?: string | null }, tx: DbOrTx = db): Promise<void> {
      await tx.insert(events).values(event);
    },
    async forBooking(bookingId: string): Promise<EventRow[]> {
      return db.select().from(events).where(eq(events.bookingId, bookingId)).orderBy(asc(events.id));
    },
    async count(): Promise<number> {
      return db.$count(events);
    },
    /** A driver tablet's earlier event with this id, if the server already has it. */
    async findByClientEventId(actorId: string, clientEventId: string, tx: DbOrTx = db): Promise<EventRow | undefined> {
      const [row] = await tx.select().from(events).where(and(eq(events.actorId, actorId), eq(events.clientEventId, clientEventId)));
      return row;
    },
    async forVehiclesSince(vehicleIds: string[], since: Date, kinds: string[]): Promise<EventRow[]> {
      if (vehicleIds.length === 0) return [];
      return db
        .select()
        .from(events)
        .where(and(inArray(events.vehicleId, vehicleIds), gte(events.at, since), inArray(events.kind, kinds)))
        .orderBy(asc(events.id));
    },
  };
}
