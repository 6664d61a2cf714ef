/** SQLSTATE of apply_batch_decision (migration 0005) when a plan or booking moved on meanwhile. */
export const DECISION_CONFLICT = 'TB409';
/** SQLSTATE of a plan write naming a ride another plan carries (plan_rides, migration 0007). */
export const RIDE_ON_ANOTHER_PLAN = 'TB410';
/** SQLSTATE of a booking write whose ride crosses into an area not linked to its own (migration 0014). */
export const AREAS_NOT_LINKED = 'TB411';
/** The deferred foreign key (migration 0007): a plan carries a ride whose row names another shift or bus. */
const RIDE_ROW_MISMATCH = 'plan_rides_booking_fk';

/** The database's own error inside what the driver or drizzle threw (it may be wrapped as `cause`). */
export function databaseError(error: unknown): { code: string; message: string } | undefined {
  for (let e = error as { code?: unknown; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string') return { code: e.code, message: e.message ?? e.code };
  }
  return undefined;
}

/** SQLSTATE deadlock_detected: two writers locked the same rows in opposite orders; one was rolled back. */
const DEADLOCK = '40P01';

/**
 * What the database said when a write lost a race with another writer, else undefined: it broke the
 * rule "a ride is on at most one plan, the one its row names" (plan_rides, migration 0007) because
 * another writer moved the ride meanwhile, or it was chosen as the victim of a deadlock (writers of
 * several plans lock them in their own orders). Nothing of it was written; looking again is the answer.
 */
export function lostRace(error: unknown): string | undefined {
  const cause = databaseError(error);
  if (cause?.code === RIDE_ON_ANOTHER_PLAN || cause?.code === DEADLOCK) return cause.message;
  if (cause?.code === '23503' && cause.message.includes(RIDE_ROW_MISMATCH)) return cause.message;
  return undefined;
}
