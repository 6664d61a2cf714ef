import type { User } from '../../data-access/users-repository';
import type { AccountsContext } from './account-context';

/**
 * Everything stored about the user, as one JSON document: the account (without the password hash),
 * the rides they rode or booked with their event log, and their sessions (without token or CSRF
 * secret). Stops and vehicles are named by id; they are the service's, not the user's, data.
 */
export async function exportAccount(actx: AccountsContext, user: User) {
  const [account, rides, sessions] = await Promise.all([
    actx.repos.accountData.accountOf(user.id),
    actx.repos.accountData.ridesOf(user.id),
    actx.repos.sessions.listForUser(user.id),
  ]);
  const events = await actx.repos.accountData.eventsOf(rides.map((r) => r.id));
  return {
    exportedAt: actx.now().toISOString(),
    account,
    rides: rides.map(({ requestHash: _hash, ...ride }) => ({
      ...ride,
      events: events.filter((e) => e.bookingId === ride.id).map(({ clientEventId: _client, ...event }) => event),
    })),
    sessions,
  };
}
