import type { DbOrTx } from '../../../db/client';
import type { User } from '../../data-access/users-repository';
import { createRepositories, type DomainContext } from '../context';

/** Who changes the set-up, and why: every operator change is in the event log with both. */
export interface LoggedBy {
  /** Null for the command line (`admin:create`), which has no login. */
  actor: User | null;
  reason?: string;
}

/** A change through the operator API: always by a logged-in admin. */
export interface AdminChange extends LoggedBy {
  actor: User;
}

/**
 * Runs `write` and logs it as `admin.<kind>` in one transaction, so no change is without its entry.
 * `data` names what changed (ids and the new values).
 */
export async function loggedChange<T>(
  ctx: Pick<DomainContext, 'db' | 'now'>,
  change: LoggedBy,
  kind: string,
  write: (repos: ReturnType<typeof createRepositories>, tx: DbOrTx) => Promise<T>,
  dataOf: (result: T) => Record<string, unknown> & { vehicleId?: string },
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const repos = createRepositories(tx);
    const result = await write(repos, tx);
    const { vehicleId, ...data } = dataOf(result);
    await repos.events.record({ kind: `admin.${kind}`, actorId: change.actor?.id ?? null, reason: change.reason ?? null, vehicleId: vehicleId ?? null, at: ctx.now(), data }, tx);
    return result;
  });
}
