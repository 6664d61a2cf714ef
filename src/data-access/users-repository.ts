import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ANONYMOUS_RIDER_ID, users } from '../../db/schema';
import { idIn } from './any-id';
import { prepared } from './prepared';

export type UserRole = (typeof users.$inferSelect)['role'];
/** A user as the service passes it around: never with the token or password hash. */
export type User = Omit<typeof users.$inferSelect, 'tokenHash' | 'passwordHash' | 'deletedAt' | 'deactivatedAt'>;

const publicColumns = { id: users.id, role: users.role, name: users.name, phone: users.phone, createdAt: users.createdAt };

/** A rider with that phone number exists already (one rider per number). */
export class RiderPhoneTaken extends Error {
  constructor(readonly phone: string) {
    super(`a rider with phone ${phone} exists already`);
  }
}

export function usersRepository(db: DbOrTx) {
  return {
    /** `phone` in E.164 (normalisePhone); a rider's number must be free (else RiderPhoneTaken). */
    async create(user: { role: UserRole; name: string; phone?: string | null; tokenHash?: string | null; passwordHash?: string | null }): Promise<User> {
      const [row] = await db.insert(users).values(user)
        .onConflictDoNothing({ target: users.phone, where: sql`${sql.identifier(users.role.name)} = 'rider'` })
        .returning(publicColumns);
      if (!row) throw new RiderPhoneTaken(user.phone!);
      return row;
    },
    async findByTokenHash(tokenHash: string): Promise<User | undefined> {
      const statement = prepared(db, 'user_by_token', () => db.select(publicColumns).from(users).where(eq(users.tokenHash, sql.placeholder('hash'))).prepare('user_by_token'));
      const [row] = await statement.execute({ hash: tokenHash });
      return row;
    },
    /** A rider a dispatcher may book for: not a deleted account, nor the anonymous rider of anonymised rides. */
    async findBookableRider(id: string): Promise<User | undefined> {
      const [row] = await db
        .select(publicColumns)
        .from(users)
        .where(and(eq(users.id, id), eq(users.role, 'rider'), isNull(users.deletedAt), ne(users.id, ANONYMOUS_RIDER_ID)));
      return row;
    },
    async findById(id: string): Promise<User | undefined> {
      const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
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
