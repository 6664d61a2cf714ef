import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { outboundMessages } from '../../db/schema';

export type OutboundMessage = typeof outboundMessages.$inferSelect;

export function outboundMessagesRepository(db: Db) {
  return {
    async add(message: typeof outboundMessages.$inferInsert): Promise<OutboundMessage> {
      const [row] = await db.insert(outboundMessages).values(message).returning();
      return row;
    },
    async markSent(id: string, at: Date): Promise<void> {
      await db.update(outboundMessages).set({ sentAt: at }).where(eq(outboundMessages.id, id));
    },
    async to(phone: string): Promise<OutboundMessage[]> {
      return db.select().from(outboundMessages).where(eq(outboundMessages.toPhone, phone)).orderBy(asc(outboundMessages.createdAt));
    },
  };
}
