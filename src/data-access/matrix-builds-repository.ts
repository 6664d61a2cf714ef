import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { stopMatrixBuilds } from '../../db/schema';

/** A build whose row was not touched for this long is taken for one that died with its process. */
const ABANDONED_AFTER_S = 120;

export interface MatrixBuild {
  stopFingerprint: string;
  done: number;
  total: number;
  startedAt: Date;
}

/** Stop-matrix builds in progress, one row per area (see `stop_matrix_builds`). */
export function matrixBuildsRepository(db: DbOrTx) {
  return {
    /** Marks the area's build as begun (replacing any row a died build left); returns its start. */
    async started(areaId: string, stopFingerprint: string, total: number): Promise<Date> {
      // Milliseconds, as a Date holds them: `ended` and `progressed` find the row by this start.
      const row = { areaId, stopFingerprint, done: 0, total, startedAt: sql`date_trunc('milliseconds', now())`, updatedAt: sql`now()` };
      const [started] = await db.insert(stopMatrixBuilds).values(row).onConflictDoUpdate({ target: stopMatrixBuilds.areaId, set: row })
        .returning({ startedAt: stopMatrixBuilds.startedAt });
      return started.startedAt;
    },
    async progressed(areaId: string, startedAt: Date, done: number): Promise<void> {
      await db.update(stopMatrixBuilds).set({ done, updatedAt: sql`now()` })
        .where(and(eq(stopMatrixBuilds.areaId, areaId), eq(stopMatrixBuilds.startedAt, startedAt)));
    },
    /** The build that began at `startedAt` is over (built or failed); a later one's row stays. */
    async ended(areaId: string, startedAt: Date): Promise<void> {
      await db.delete(stopMatrixBuilds).where(and(eq(stopMatrixBuilds.areaId, areaId), eq(stopMatrixBuilds.startedAt, startedAt)));
    },
    /** The area's build running now, if any (rows not touched for ABANDONED_AFTER_S left out). */
    async current(areaId: string): Promise<MatrixBuild | undefined> {
      const [row] = await db.select({ stopFingerprint: stopMatrixBuilds.stopFingerprint, done: stopMatrixBuilds.done, total: stopMatrixBuilds.total, startedAt: stopMatrixBuilds.startedAt })
        .from(stopMatrixBuilds)
        .where(and(eq(stopMatrixBuilds.areaId, areaId), sql`${stopMatrixBuilds.updatedAt} > now() - make_interval(secs => ${ABANDONED_AFTER_S})`));
      return row;
    },
  };
}
