import { createHash, randomBytes } from 'node:crypto';

/** A new bearer token: 32 random bytes, URL-safe. Shown once, stored only as its hash. */
export function newToken(): string {
  return `etb_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
