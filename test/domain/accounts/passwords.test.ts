import { describe, expect, it } from 'vitest';
import { dummyVerify, hashPassword, passwordFieldErrors, verifyPassword } from '../../../src/domain/accounts/passwords';

describe('password rules', () => {
  const phone = '+496561987654';
  it.each([
    ['Kurz-123', 'at least 10 characters'],
    ['x'.repeat(129), 'at most 128 characters'],
    ['12345678901234', 'only digits'],
    ['0656 1987 654', 'only digits'],
    ['06561987654x', 'your phone number'],
    ['+496561987654', 'your phone number'],
    ['Passwort123', 'too common'],
    ['QWERTZUIOP', 'too common'],
  ])('refuses %j: %s', (password, words) => {
    expect(passwordFieldErrors(password, phone)).toEqual([{ field: 'password', message: expect.stringContaining(words) }]);
  });

  it.each(['Kyllburg-Viadukt', 'mein bus kommt um acht', 'x'.repeat(128), 'Tür 4 von 6561987654 Haus 12'])('accepts %j', (password) => {
    expect(passwordFieldErrors(password, phone)).toEqual([]);
  });

  it('names the field it is asked to', () => {
    expect(passwordFieldErrors('kurz', phone, 'newPassword')[0].field).toBe('newPassword');
  });

  it('hashes with argon2id, salted, and verifies only the same password', async () => {
    const [a, b] = await Promise.all([hashPassword('Kyllburg-Viadukt'), hashPassword('Kyllburg-Viadukt')]);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'Kyllburg-Viadukt')).toBe(true);
    expect(await verifyPassword(a, 'kyllburg-viadukt')).toBe(false);
    expect(await verifyPassword('not a hash', 'Kyllburg-Viadukt')).toBe(false);
    expect(await dummyVerify('Kyllburg-Viadukt')).toBe(false);
  });
});
