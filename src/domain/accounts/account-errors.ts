import { DomainError, domainErrors } from '../domain-error';

/** The expected failures of log-in, sign-up and codes; the same answer whether a number has an account or not. */
export const accountErrors = {
  invalidCredentials: () =>
    new DomainError('unauthenticated', 'invalid-credentials', 'Phone number or password is not right.', { title: 'Log-in failed' }),
  tooManyAttempts: (retryAfterS: number) =>
    new DomainError('rate-limited', 'too-many-attempts', `Too many failed log-ins for this number; try again in ${Math.ceil(retryAfterS / 60)} min or ask for a code.`, { retryAfterS }),
  invalidCode: () =>
    new DomainError('invalid', 'invalid-code', 'The code is not right.', { fields: [{ field: 'code', message: 'The code is not right; check the SMS or ask for a new code.' }] }),
  codeExpired: () =>
    new DomainError('gone', 'code-expired', 'The code has expired or was tried too often; please ask for a new one.', { title: 'Code expired' }),
  wrongPassword: (field: string) => domainErrors.invalid([{ field, message: 'The password is not right.' }]),
};
