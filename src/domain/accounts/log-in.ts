import { createHash } from 'node:crypto';
import type { AccountsContext } from './account-context';
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from './account-context';
import { accountErrors } from './account-errors';
import { dummyVerify, verifyPassword } from './passwords';
import { startSession, type StartedSession } from './sessions';

/** The lockout counter's key: a hash, so the table does not list the numbers people tried. */
export const attemptKey = (phone: string) => createHash('sha256').update(`login:${phone}`).digest('hex');

/**
 * Log-in with phone number and password. Every attempt is counted for the number before the password
 * is checked (numbers without an account too), so the sixth within the window is refused whatever it
 * holds and concurrent guesses cannot slip past; a success clears the count. A number without a login
 * costs a dummy verification, so neither the answer nor its time tells whether it has an account.
 */
export async function logIn(actx: AccountsContext, input: { phone: string; password: string }): Promise<StartedSession> {
  const key = attemptKey(input.phone);
  const now = actx.now();
  const { attempts, windowStartedAt } = await actx.repos.loginAttempts.count(key, now, LOGIN_WINDOW_MS);
  if (attempts > LOGIN_MAX_FAILURES) {
    throw accountErrors.tooManyAttempts(Math.max(1, Math.ceil((windowStartedAt.getTime() + LOGIN_WINDOW_MS - now.getTime()) / 1000)));
  }
  const login = await actx.repos.accounts.findLogin(input.phone);
  const ok = login ? await verifyPassword(login.passwordHash, input.password) : await dummyVerify(input.password);
  if (!login || !ok) throw accountErrors.invalidCredentials();
  await actx.repos.loginAttempts.clear(key);
  const { passwordHash: _hash, ...user } = login;
  return startSession(actx, user);
}
