import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'etb_session';

/**
 * HttpOnly: page scripts never see it. Secure: only over HTTPS (browsers treat http://localhost as
 * secure). SameSite=Lax: other sites' pages do not send it with their requests' writes.
 */
const ATTRIBUTES = 'HttpOnly; Secure; SameSite=Lax; Path=/';

/** The session token of the request's cookie, if it has one of a plausible form. */
export function sessionTokenOf(req: Request): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      const token = value.join('=');
      return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : undefined;
    }
  }
  return undefined;
}

export function setSessionCookie(res: Response, token: string, expiresAt: Date, now: Date): void {
  const maxAgeS = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  res.append('set-cookie', `${SESSION_COOKIE}=${token}; ${ATTRIBUTES}; Max-Age=${maxAgeS}`);
}

export function clearSessionCookie(res: Response): void {
  res.append('set-cookie', `${SESSION_COOKIE}=; ${ATTRIBUTES}; Max-Age=0`);
}
