import { domainErrors } from '../domain-error';
import type { AccountsContext } from './account-context';
import { accountErrors } from './account-errors';
import { demoCodeOf, issueCode, redeemCode } from './one-time-codes';
import { hashPassword, passwordFieldErrors } from './passwords';
import { endSessionsOf, startSession, type StartedSession } from './sessions';
import { sendSms, smsTexts } from './sms';

/**
 * "Forgot password" and first access for a phone caller: a code goes to the number when it has a
 * rider. The answer is the same either way (in demo mode a code that matches nothing stands in).
 */
export async function requestAccessCode(actx: AccountsContext, phone: string): Promise<{ expiresAt: Date; demoCode?: string }> {
  const rider = await actx.repos.accounts.findRider(phone);
  // Without a rider a stand-in is stored all the same, so both answers cost the same work.
  const issued = await issueCode(actx, { purpose: 'access', phone, sendable: rider !== undefined });
  if (issued.code) await sendSms(actx, { to: phone, text: smsTexts.accessCode(issued.code), kind: 'access-code' });
  return { expiresAt: issued.row.expiresAt, ...demoCodeOf(actx, issued) };
}

/** A dispatcher gives a caller on the phone a code to read out (it also goes by SMS). */
export async function accessCodeForRider(actx: AccountsContext, riderId: string): Promise<{ code: string; expiresAt: Date }> {
  const rider = await actx.repos.users.findById(riderId);
  if (!rider || rider.role !== 'rider' || !rider.phone) throw domainErrors.notFound('Rider with a phone number');
  const issued = await issueCode(actx, { purpose: 'access', phone: rider.phone, sendable: true });
  await sendSms(actx, { to: rider.phone, text: smsTexts.accessCode(issued.code!), kind: 'access-code' });
  return { code: issued.code!, expiresAt: issued.row.expiresAt };
}

/** Sets the password with an access code (first time or reset); every other session of the rider ends. */
export async function useAccessCode(actx: AccountsContext, input: { phone: string; code: string; password: string }): Promise<StartedSession> {
  const errors = passwordFieldErrors(input.password, input.phone);
  if (errors.length > 0) throw domainErrors.invalid(errors);
  await redeemCode(actx, { phone: input.phone, purpose: 'access' }, input.code);
  const rider = await actx.repos.accounts.findRider(input.phone);
  if (!rider) throw accountErrors.invalidCode();
  await actx.repos.accounts.setPassword(rider.id, await hashPassword(input.password));
  await endSessionsOf(actx, rider.id);
  return startSession(actx, rider);
}
