import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loginAttempts } from '../../db/schema';

export function loginAttemptsRepository(db: Db) {
  return {
    /**
     * Counts one attempt for `key` and returns the count of its window, in one statement: a window
     * older than `windowMs` starts again at 1. Concurrent attempts each get their own number, so no
     * more than the limit ever pass, however many arrive at once.
     */
    async count(key: string, now: Date, windowMs: number): Promise<{ attempts: number; windowStartedAt: Date }> {
      // As text: postgres.js does not serialise a Date inside a raw SQL fragment.
      const windowStart = sql`${new Date(now.getTime() - windowMs).toISOString()}::timestamptz`;
      const [row] = await db.insert(loginAttempts).values({ key, attempts: 1, windowStartedAt: now })
        .onConflictDoUpdate({
          target: loginAttempts.key,
          set: {
            attempts: sql`case when ${loginAttempts.windowStartedAt} <= ${windowStart} then 1 else ${loginAttempts.attempts} + 1 end`,
            windowStartedAt: sql`case when ${loginAttempts.windowStartedAt} <= ${windowStart} then excluded.window_started_at else ${loginAttempts.windowStartedAt} end`,
          },
        })
        .returning({ attempts: loginAttempts.attempts, windowStartedAt: loginAttempts.windowStartedAt });
      return row;
    },
    async clear(key: string): Promise<void> {
      await db.delete(loginAttempts).where(sql`${loginAttempts.key} = ${key}`);
    },
  };
}
