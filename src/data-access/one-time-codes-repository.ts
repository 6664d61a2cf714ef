import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { oneTimeCodes } from '../../db/schema';

export type OneTimeCode = typeof oneTimeCodes.$inferSelect;
export type CodePurpose = OneTimeCode['purpose'];

export function oneTimeCodesRepository(db: Db) {
  return {
    /**
     * Stores a new code; earlier unused codes of the same number and purpose stop working in the same
     * transaction, so asking for codes again and again never adds guesses.
     */
    async issue(code: typeof oneTimeCodes.$inferInsert & { id: string }): Promise<OneTimeCode> {
      return db.transaction(async (tx) => {
        await tx.update(oneTimeCodes).set({ usedAt: code.createdAt })
          .where(and(eq(oneTimeCodes.phone, code.phone), eq(oneTimeCodes.purpose, code.purpose), isNull(oneTimeCodes.usedAt)));
        const [row] = await tx.insert(oneTimeCodes).values(code).returning();
        return row;
      });
    },
    /**
     * Takes one guess at a live code: one statement counts it, and only while fewer than `maxAttempts`
     * were taken, so guesses sent at once cannot get past the limit (the row lock orders them and each
     * re-checks the count). Undefined: no live code with guesses left. The code is found by id (a
     * sign-up) or as the newest of its number and purpose (an access code).
     */
    async takeGuess(which: { id: string } | { phone: string; purpose: CodePurpose }, now: Date, maxAttempts: number): Promise<OneTimeCode | undefined> {
      const target = 'id' in which
        ? sql`${which.id}::uuid`
        : sql`(select ${oneTimeCodes.id} from ${oneTimeCodes} where ${oneTimeCodes.phone} = ${which.phone} and ${oneTimeCodes.purpose} = ${which.purpose} and ${oneTimeCodes.usedAt} is null order by ${oneTimeCodes.createdAt} desc limit 1)`;
      const [row] = await db.update(oneTimeCodes)
        .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
        .where(and(sql`${oneTimeCodes.id} = ${target}`, isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, now), lt(oneTimeCodes.attempts, maxAttempts)))
        .returning();
      return row;
    },
    /** Marks the code used; false when another request used it first. */
    async use(id: string, now: Date): Promise<boolean> {
      const rows = await db.update(oneTimeCodes).set({ usedAt: now }).where(and(eq(oneTimeCodes.id, id), isNull(oneTimeCodes.usedAt))).returning({ id: oneTimeCodes.id });
      return rows.length === 1;
    },
    async findById(id: string): Promise<OneTimeCode | undefined> {
      const [row] = await db.select().from(oneTimeCodes).where(eq(oneTimeCodes.id, id));
      return row;
    },
    async latestFor(phone: string, purpose: CodePurpose): Promise<OneTimeCode | undefined> {
      const [row] = await db.select().from(oneTimeCodes).where(and(eq(oneTimeCodes.phone, phone), eq(oneTimeCodes.purpose, purpose))).orderBy(desc(oneTimeCodes.createdAt)).limit(1);
      return row;
    },
  };
}
