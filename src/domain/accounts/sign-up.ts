import type { User } from '../../data-access/users-repository';
import { domainErrors } from '../domain-error';
import type { AccountsContext } from './account-context';
import { accountErrors } from './account-errors';
import { demoCodeOf, issueCode, redeemCode } from './one-time-codes';
import { hashPassword, passwordFieldErrors } from './passwords';
import { sendSms, smsTexts } from './sms';
import { startSession, type StartedSession } from './sessions';

export interface SignupStarted {
  signupId: string;
  expiresAt: Date;
  demoCode?: string;
}

/**
 * Starts a sign-up: the account waits with its code until the number confirms it. A number that
 * already has a login gets no code but a message that it has one, and the answer has the same shape
 * and the same work behind it (the password is hashed either way), so it tells nothing.
 */
export async function startSignup(actx: AccountsContext, input: { name: string; phone: string; password: string }): Promise<SignupStarted> {
  const errors = passwordFieldErrors(input.password, input.phone);
  if (errors.length > 0) throw domainErrors.invalid(errors);
  const [existing, passwordHash] = await Promise.all([actx.repos.accounts.findLogin(input.phone), hashPassword(input.password)]);
  const issued = await issueCode(actx, { purpose: 'signup', phone: input.phone, sendable: !existing, name: input.name, passwordHash });
  await sendSms(actx, issued.code
    ? { to: input.phone, text: smsTexts.signupCode(issued.code), kind: 'signup-code' }
    : { to: input.phone, text: smsTexts.alreadyRegistered(), kind: 'already-registered' });
  return { signupId: issued.row.id, expiresAt: issued.row.expiresAt, ...demoCodeOf(actx, issued) };
}

/** Confirms a sign-up with its code: the login is made (or given to the phone caller of that number) and a session starts. */
export async function verifySignup(actx: AccountsContext, signupId: string, code: string): Promise<StartedSession> {
  const signup = await redeemCode(actx, { id: signupId }, code);
  if (signup.purpose !== 'signup' || !signup.name || !signup.passwordHash) throw accountErrors.invalidCode();
  const user: User | undefined = await actx.repos.accounts.createOrAttachLogin({ phone: signup.phone, name: signup.name, passwordHash: signup.passwordHash });
  // The number got a login between the sign-up and its confirmation: that one stays.
  if (!user) throw accountErrors.invalidCode();
  return startSession(actx, user);
}
