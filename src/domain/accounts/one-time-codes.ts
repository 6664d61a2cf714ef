import { randomUUID } from 'node:crypto';
import type { CodePurpose, OneTimeCode } from '../../data-access/one-time-codes-repository';
import type { AccountsContext } from './account-context';
import { CODE_MAX_ATTEMPTS, CODE_TTL_MS } from './account-context';
import { accountErrors } from './account-errors';
import { codeMatches, hashCode, newCode } from './codes';

export interface IssuedCode {
  row: OneTimeCode;
  /** The code to send; absent for a stand-in row that no code can match. */
  code?: string;
}

/**
 * Stores a new code for a number (earlier ones of the purpose stop working). `sendable: false` stores
 * a stand-in that behaves like a code in every answer (id, expiry, guesses) but matches nothing: a
 * sign-up of a number that already has a login must look like any other.
 */
export async function issueCode(
  actx: AccountsContext,
  input: { purpose: CodePurpose; phone: string; sendable: boolean; name?: string; passwordHash?: string },
): Promise<IssuedCode> {
  const id = randomUUID();
  const now = actx.now();
  const code = input.sendable ? newCode() : undefined;
  const row = await actx.repos.codes.issue({
    id, purpose: input.purpose, phone: input.phone, codeHash: code ? hashCode(id, code) : null,
    name: input.name ?? null, passwordHash: input.passwordHash ?? null, createdAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS),
  });
  return { row, code };
}

/**
 * One guess at a code, consuming it when right. Wrong, unknown, used up: `invalid-code`; for a
 * sign-up (`expired` given) an expired or exhausted code is `code-expired`, so the page can offer a new one.
 */
export async function redeemCode(
  actx: AccountsContext,
  which: { id: string } | { phone: string; purpose: CodePurpose },
  code: string,
): Promise<OneTimeCode> {
  const guess = await actx.repos.codes.takeGuess(which, actx.now(), CODE_MAX_ATTEMPTS);
  if (!guess) {
    if ('id' in which && (await actx.repos.codes.findById(which.id))) throw accountErrors.codeExpired();
    throw accountErrors.invalidCode();
  }
  if (!codeMatches(guess.id, guess.codeHash, code)) throw accountErrors.invalidCode();
  if (!(await actx.repos.codes.use(guess.id, actx.now()))) throw accountErrors.invalidCode();
  return guess;
}

/** What the answer may show of a code: in demo mode the code itself (a stand-in gets a random one). */
export function demoCodeOf(actx: AccountsContext, issued: { code?: string }): { demoCode?: string } {
  return actx.accountSettings.smsDemo ? { demoCode: issued.code ?? newCode() } : {};
}
