import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema';
import type { User } from './users-repository';

export type SessionRow = typeof sessions.$inferSelect;
export type SessionInfo = Omit<SessionRow, 'tokenHash' | 'csrfToken'>;

const userColumns = { id: users.id, role: users.role, name: users.name, phone: users.phone, createdAt: users.createdAt };
const infoColumns = { id: sessions.id, userId: sessions.userId, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt };

export function sessionsRepository(db: Db) {
  return {
    async create(session: typeof sessions.$inferInsert): Promise<SessionRow> {
      const [row] = await db.insert(sessions).values(session).returning();
      return row;
    },
    /** The session of a token hash with its user, when it has neither expired nor idled past `idleSince`. */
    async findLive(tokenHash: string, now: Date, idleSince: Date): Promise<{ session: SessionRow; user: User } | undefined> {
      const [row] = await db
        .select({ session: sessions, user: userColumns })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleSince), sql`${users.deletedAt} is null`));
      return row;
    },
    async touch(id: string, now: Date): Promise<void> {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
    },
    async delete(id: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, id));
    },
    /** Ends every session of the user, but `keepId` (the one asking) when given. */
    async deleteForUser(userId: string, keepId?: string, tx: Db = db): Promise<number> {
      const rows = await tx.delete(sessions).where(and(eq(sessions.userId, userId), keepId ? ne(sessions.id, keepId) : undefined)).returning({ id: sessions.id });
      return rows.length;
    },
    async listForUser(userId: string): Promise<SessionInfo[]> {
      return db.select(infoColumns).from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.createdAt));
    },
  };
}
