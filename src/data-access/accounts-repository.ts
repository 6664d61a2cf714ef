import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { rowsOf } from '../../db/client';
import type { User } from './users-repository';

const publicColumns = { id: users.id, role: users.role, name: users.name, phone: users.phone, createdAt: users.createdAt };

/** Password logins: villagers (one rider per phone number) and staff who were given a password; API clients use tokens. */
export function accountsRepository(db: Db) {
  const livingRiderWith = (phone: string) => and(eq(users.role, 'rider'), eq(users.phone, phone), isNull(users.deletedAt));
  return {
    /**
     * Everyone who can log in with a password under a number, with their hashes: the villager of that
     * number and staff (dispatchers, drivers, admins) who were given a password. Riders first.
     */
    async findLogins(phone: string): Promise<Array<User & { passwordHash: string }>> {
      const rows = await db
        .select({ ...publicColumns, passwordHash: users.passwordHash })
        .from(users)
        .where(and(eq(users.phone, phone), isNull(users.deletedAt), isNotNull(users.passwordHash)))
        .orderBy(sql`${users.role} <> 'rider'`, users.createdAt);
      return rows as Array<User & { passwordHash: string }>;
    },
    /** The rider of a number who can log in with a password, with the hash. */
    async findLogin(phone: string): Promise<(User & { passwordHash: string }) | undefined> {
      const [row] = await db.select({ ...publicColumns, passwordHash: users.passwordHash }).from(users).where(and(livingRiderWith(phone), isNotNull(users.passwordHash)));
      return row as (User & { passwordHash: string }) | undefined;
    },
    /** The rider of a number, with or without a login (a phone caller). */
    async findRider(phone: string): Promise<User | undefined> {
      const [row] = await db.select(publicColumns).from(users).where(livingRiderWith(phone));
      return row;
    },
    async passwordHashOf(userId: string): Promise<string | null> {
      const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
      return row?.passwordHash ?? null;
    },
    async setPassword(userId: string, passwordHash: string): Promise<void> {
      await db.update(users).set({ passwordHash }).where(and(eq(users.id, userId), isNull(users.deletedAt)));
    },
    /**
     * The login of a confirmed sign-up, in one statement: a rider of that number without a login
     * (someone who has booked by phone) gets it, with their rides; else a new rider is made. Undefined
     * when the number has a login by now (given meanwhile): the unique index on riders' phones decides.
     */
    async createOrAttachLogin(signup: { phone: string; name: string; passwordHash: string }): Promise<User | undefined> {
      const result = await db.execute(sql`
        with attached as (
          update users set password_hash = ${signup.passwordHash}, name = ${signup.name}
          where role = 'rider' and phone = ${signup.phone} and password_hash is null and deleted_at is null
          returning id, role, name, phone, created_at
        ), inserted as (
          insert into users (role, name, phone, password_hash)
          select 'rider', ${signup.name}, ${signup.phone}, ${signup.passwordHash}
          where not exists (select 1 from attached)
          on conflict (phone) where role = 'rider' do nothing
          returning id, role, name, phone, created_at
        )
        select * from attached union all select * from inserted`);
      const [row] = rowsOf<{ id: string; role: User['role']; name: string; phone: string | null; created_at: string | Date }>(result);
      return row && { id: row.id, role: row.role, name: row.name, phone: row.phone, createdAt: new Date(row.created_at) };
    },
    /** Name, number and login go; the row stays (as an id that events and rides may still name). */
    async eraseUser(userId: string, now: Date, tx: Db = db): Promise<void> {
      await tx.update(users).set({ name: '', phone: null, passwordHash: null, tokenHash: null, deletedAt: now }).where(eq(users.id, userId));
    },
  };
}
