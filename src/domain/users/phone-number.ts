import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

/**
 * At most 15 digits, as E.164 allows and the database checks (users_phone_e164): libphonenumber
 * takes some longer German numbers as valid.
 */
const E164 = /^\+[1-9][0-9]{4,14}$/;

/**
 * Callers give their number as they say it ("06561 98765", "+49 6561 98765", "0049 6561 98765").
 * A rider is found again by phone, so every spelling of one number must be stored as one string:
 * E.164 ("+49656198765"). Numbers without a country code are German (the service runs in Germany).
 */
export function normalisePhone(raw: string): string | undefined {
  const parsed = parsePhoneNumberFromString(raw, 'DE');
  return parsed?.isValid() && E164.test(parsed.number) ? parsed.number : undefined;
}

const PHONE_EXAMPLE = 'expected a phone number, e.g. 06561 98765 or +49 6561 98765';

/**
 * A phone number field: digits and the usual separators (so no number is picked out of other
 * text), then normalised to E.164; a number that cannot be dialled is a field error.
 */
export const phoneNumberSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()/-]{5,30}$/, PHONE_EXAMPLE)
  .transform((raw, ctx) => {
    const phone = normalisePhone(raw);
    if (phone === undefined) ctx.addIssue({ code: 'custom', message: PHONE_EXAMPLE });
    return phone ?? z.NEVER;
  });
