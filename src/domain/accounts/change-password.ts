import type { User } from '../../data-access/users-repository';
import { domainErrors } from '../domain-error';
import type { AccountsContext } from './account-context';
import { accountErrors } from './account-errors';
import { hashPassword, passwordFieldErrors, verifyPassword } from './passwords';
import { endSessionsOf } from './sessions';

/** A new password for a logged-in user; every other session ends (the one asking stays, if it is one). */
export async function changePassword(
  actx: AccountsContext,
  user: User,
  input: { currentPassword: string; newPassword: string; keepSessionId?: string },
): Promise<void> {
  const hash = await actx.repos.accounts.passwordHashOf(user.id);
  if (!hash || !(await verifyPassword(hash, input.currentPassword))) throw accountErrors.wrongPassword('currentPassword');
  const errors = passwordFieldErrors(input.newPassword, user.phone ?? undefined, 'newPassword');
  if (errors.length > 0) throw domainErrors.invalid(errors);
  await actx.repos.accounts.setPassword(user.id, await hashPassword(input.newPassword));
  await endSessionsOf(actx, user.id, input.keepSessionId);
}
