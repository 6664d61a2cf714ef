import type { BookingStatus } from '../../data-access/bookings-repository';
import type { User } from '../../data-access/users-repository';
import type { AccountsContext } from './account-context';
import { accountErrors } from './account-errors';
import { verifyPassword } from './passwords';

/** Rides that have not started: they are cancelled (a ride under way is finished by the bus). */
const NOT_STARTED: BookingStatus[] = ['pending', 'offered', 'confirmed', 'assigned'];

/**
 * Deletes a villager's account: rides not yet started are cancelled, each with its event and taken
 * off the bus's plan, as a cancellation by the rider would be; ended rides stay for statistics but
 * anonymised (see retentionRepository); name, number, password and sessions go, and so do codes
 * and messages sent to the number. The user row stays as a bare id that events may still name.
 */
export async function deleteAccount(actx: AccountsContext, user: User, password: string): Promise<{ cancelled: number; anonymised: number }> {
  const hash = await actx.repos.accounts.passwordHashOf(user.id);
  if (!hash || !(await verifyPassword(hash, password))) throw accountErrors.wrongPassword('password');
  let cancelled = 0;
  for (const ride of await actx.repos.accountData.ridesOf(user.id)) {
    if (ride.riderId !== user.id || !NOT_STARTED.includes(ride.status)) continue;
    const done = await actx.repos.bookings.transition(ride.id, NOT_STARTED, { status: 'cancelled' }, {
      kind: 'booking.cancelled', actorId: user.id, reason: 'account deleted', data: { accountDeleted: true },
    });
    if (!done) continue;
    cancelled += 1;
    if (ride.shiftId) await actx.decider.release(ride.id);
  }
  const anonymised = await actx.db.transaction(async (tx) => {
    const rides = await actx.repos.retention.anonymiseRidesOf(user.id, tx);
    await actx.repos.accounts.eraseUser(user.id, actx.now(), tx);
    await actx.repos.sessions.deleteForUser(user.id, undefined, tx);
    if (user.phone) await actx.repos.accountData.deleteMessagesTo(user.phone, tx);
    return rides;
  });
  return { cancelled, anonymised };
}
