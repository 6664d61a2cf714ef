import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** A 6-digit code, uniformly drawn (leading zeros kept). */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * Codes are stored as sha256 over the code row's id and the code: a copy of the table does not show
 * codes to type in, and the same code in two rows has two hashes.
 */
export function hashCode(rowId: string, code: string): string {
  return createHash('sha256').update(`${rowId}:${code}`).digest('hex');
}

export function codeMatches(rowId: string, storedHash: string | null, code: string): boolean {
  if (storedHash === null) return false;
  const given = Buffer.from(hashCode(rowId, code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
