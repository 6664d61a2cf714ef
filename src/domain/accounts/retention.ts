import type { AccountsContext } from './account-context';
import { LOGIN_WINDOW_MS } from './account-context';

/** Outbox messages hold codes: kept a day, for an operator to see what went out. */
const OUTBOX_KEEP_MS = 86_400_000;

/**
 * The daily retention run: personal data of rides ended longer ago than RETENTION_DAYS goes (see
 * retentionRepository for what that is), and sessions, codes, lockout counters and outbox messages
 * past their use are deleted. Safe to run twice or in two processes at once: each row changes once.
 */
export async function applyRetention(actx: Pick<AccountsContext, 'repos' | 'now' | 'accountSettings'>) {
  const now = actx.now();
  const at = (ms: number) => new Date(now.getTime() - ms);
  const anonymisedRides = await actx.repos.retention.anonymiseRidesEndedBefore(at(actx.accountSettings.retentionMs));
  const purged = await actx.repos.retention.purgeExpired(now, {
    sessionIdleSince: at(actx.accountSettings.sessionIdleMs),
    loginWindowSince: at(LOGIN_WINDOW_MS),
    outboxSince: at(OUTBOX_KEEP_MS),
  });
  return { anonymisedRides, ...purged };
}
