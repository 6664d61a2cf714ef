import { createHash } from 'node:crypto';
import type { AccountsContext } from './account-context';
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from './account-context';
import { accountErrors } from './account-errors';
import { dummyVerify, verifyPassword } from './passwords';
import { startSession, type StartedSession } from './sessions';

/** The lockout counter's key: a hash, so the table does not list the numbers people tried. */
export const attemptKey = (phone: string) => createHash('sha256').update(`login:${phone}`).digest('hex');

/**
 * The login of a number whose password matches. A number rarely has two (a dispatcher who also rides
 * the bus as a villager): each password is tried, so each person logs in as who they are.
 */
async function matchingLogin(actx: AccountsContext, input: { phone: string; password: string }) {
  const logins = await actx.repos.accounts.findLogins(input.phone);
  if (logins.length === 0) {
    await dummyVerify(input.password);
    return undefined;
  }
  for (const login of logins) {
    if (await verifyPassword(login.passwordHash, input.password)) return login;
  }
  return undefined;
}

/**
 * Log-in with phone number and password (villagers and staff). Every attempt is counted for the number before the password
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
  const login = await matchingLogin(actx, input);
  if (!login) throw accountErrors.invalidCredentials();
  await actx.repos.loginAttempts.clear(key);
  const { passwordHash: _hash, ...user } = login;
  return startSession(actx, user);
}
