import argon2 from 'argon2';
import type { FieldError } from '../domain-error';

/**
 * argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): about 20–40 ms per hash on one core,
 * so guessing offline is slow while a burst of log-ins does not starve the event loop's threads.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Passwords people pick first; long enough to pass the length rule, so only this list stops them. */
const COMMON = new Set([
  '1234567890', '12345678910', '0123456789', '1111111111', '0000000000', 'password12', 'password123', 'password1234',
  'passwort12', 'passwort123', 'passwort1234', 'qwertzuiop', 'qwertyuiop', 'iloveyou12', 'hallo12345', 'hallohallo',
  'ichliebedich', 'sommer2024', 'sommer2025', 'sommer2026', 'winter2025', 'winter2026', 'fussball123', 'schalke04!',
  'asdfghjkl1', 'abcdefghij', 'abc1234567', 'willkommen', 'willkommen1', 'geheim1234', 'passwordpassword', 'letmein123',
]);

/** What is wrong with a new password, in plain words, or nothing. `field` names it in the answer. */
export function passwordFieldErrors(password: string, phone: string | undefined, field = 'password'): FieldError[] {
  const problem = passwordProblem(password, phone);
  return problem ? [{ field, message: problem }] : [];
}

function passwordProblem(password: string, phone: string | undefined): string | undefined {
  if (password.length < 10) return 'The password needs at least 10 characters.';
  if (password.length > 128) return 'The password may have at most 128 characters.';
  if (/^[0-9\s]+$/.test(password)) return 'The password must not be only digits.';
  const digits = password.replace(/[^0-9]/g, '');
  if (phone && digits.length >= 6 && (phone.endsWith(digits) || phone.replace(/^\+49/, '0').endsWith(digits)) && digits.length >= password.length - 4) {
    return 'The password must not be your phone number.';
  }
  if (COMMON.has(password.toLowerCase())) return 'This password is too common; please choose another.';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

/** True when `password` matches; a malformed stored hash counts as no match. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password).catch(() => false);
}

let dummyHash: Promise<string> | undefined;

/**
 * A verification that always fails, at the cost of a real one: a log-in for a number without a
 * password takes as long as one with a wrong password, so the time tells nothing.
 */
export async function dummyVerify(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-password-anyone-has');
  await verifyPassword(await dummyHash, password);
  return false;
}
