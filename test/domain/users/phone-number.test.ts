import { describe, expect, it } from 'vitest';
import { normalisePhone, phoneNumberSchema } from '../../../src/domain/users/phone-number';

describe('normalisePhone', () => {
  it.each([
    ['06561 98765', '+49656198765'],
    ['+49 6561 98765', '+49656198765'],
    ['0049 6561 98765', '+49656198765'],
    ['+49 (0) 6561/98765', '+49656198765'],
    ['0 65 61 / 9 87 65', '+49656198765'],
    ['06561-98765', '+49656198765'],
    ['0160 9001001', '+491609001001'],
    ['+352 621 123 456', '+352621123456'],
    ['00352 621 123456', '+352621123456'],
  ])('reads %j as %s', (raw, e164) => {
    expect(normalisePhone(raw)).toBe(e164);
  });

  it.each(['call me', '0', '110', '+49 1', '', '053105677285906', '+49 593 110672066345'])('refuses %j', (raw) => {
    expect(normalisePhone(raw)).toBeUndefined();
  });
});

describe('phoneNumberSchema', () => {
  it('gives the E.164 form of a valid number', () => {
    expect(phoneNumberSchema.parse(' 0049 6561 98765 ')).toBe('+49656198765');
  });

  it('refuses text around a number and numbers that cannot be dialled, with one message', () => {
    for (const raw of ['call 06561 98765', '110', '+49 1', 'x'.repeat(40)]) {
      const result = phoneNumberSchema.safeParse(raw);
      expect(result.success, raw).toBe(false);
      expect(result.error?.issues.map((i) => i.message), raw).toEqual(['expected a phone number, e.g. 06561 98765 or +49 6561 98765']);
    }
  });
});
