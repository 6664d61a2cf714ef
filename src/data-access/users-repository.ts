import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { idIn } from './any-id';
import { prepared } from './prepared';

export type UserRole = (typeof users.$inferSelect)['role'];
export type User = Omit<typeof users.$inferSelect, 'tokenHash'>;

const publicColumns = { id: users.id, role: users.role, name: users.name, phone: users.phone, createdAt: users.createdAt };

export function usersRepository(db: Db) {
  return {
    async create(user: { role: UserRole; name: string; phone?: string | null; tokenHash?: string | null }): Promise<User> {
      const [row] = await db.insert(users).values(user).returning(publicColumns);
      return row;
    },
    async findByTokenHash(tokenHash: string): Promise<User | undefined> {
      const statement = prepared(db, 'user_by_token', () => db.select(publicColumns).from(users).where(eq(users.tokenHash, sql.placeholder('hash'))).prepare('user_by_token'));
      const [row] = await statement.execute({ hash: tokenHash });
      return row;
    },
    async findById(id: string): Promise<User | undefined> {
      const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
      return row;
    },
    /**
     * A rider booked by phone is found again by the phone number, so repeat callers keep one account;
     * should two share a number, the oldest, as the booking insert finds it (bookings-repository).
     */
    async findRiderByPhone(phone: string): Promise<User | undefined> {
      const statement = prepared(db, 'rider_by_phone', () => db.select(publicColumns).from(users)
        .where(and(eq(users.role, 'rider'), eq(users.phone, sql.placeholder('phone')))).orderBy(asc(users.createdAt)).limit(1).prepare('rider_by_phone'));
      const [row] = await statement.execute({ phone });
      return row;
    },
    async count(): Promise<number> {
      return (await db.$count(users));
    },
    async findByIds(ids: string[]): Promise<User[]> {
      if (ids.length === 0) return [];
      return db.select(publicColumns).from(users).where(idIn(users.id, [...new Set(ids)]));
    },
  };
}
