import { z } from 'zod';

// C0 controls, DEL and C1 controls; free text keeps tab, line feed and carriage return (CRLF from text areas).
// Matching control characters is the point of these two patterns.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_FREE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// A lone UTF-16 surrogate cannot be stored as UTF-8: the database would refuse it or change it.
const LONE_SURROGATE = /\p{Cs}/u;

export interface TextOptions {
  /** Least length after trimming (default 0). */
  min?: number;
  max: number;
  /** Free text such as a note or a reason: tab and line breaks are allowed. */
  multiline?: boolean;
}

/**
 * The one schema for text people type into any request (names, phone numbers, notes, reasons,
 * search terms): well-formed Unicode without control characters, trimmed, within its length. A NUL
 * would otherwise reach PostgreSQL, which refuses it; other controls would reach drivers' tablets,
 * logs and exports.
 */
export function textSchema({ min = 0, max, multiline = false }: TextOptions) {
  return z
    .string()
    .refine((s) => !LONE_SURROGATE.test(s), 'must be well-formed Unicode text')
    .refine((s) => !(multiline ? CONTROL_IN_FREE_TEXT : CONTROL).test(s), multiline ? 'must not contain control characters other than tab and line breaks' : 'must not contain control characters')
    .trim()
    .min(min)
    .max(max);
}
