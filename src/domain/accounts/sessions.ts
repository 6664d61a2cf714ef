import { randomBytes } from 'node:crypto';
import type { User } from '../../data-access/users-repository';
import { hashToken } from '../auth/tokens';
import type { AccountsContext } from './account-context';

export interface StartedSession {
  /** Goes into the cookie; only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: User;
}

export interface LiveSession {
  id: string;
  user: User;
  csrfToken: string;
}

/** Extending the idle time on every request would write on every request; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

export async function startSession(actx: AccountsContext, user: User): Promise<StartedSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = actx.now();
  const expiresAt = new Date(now.getTime() + actx.accountSettings.sessionMaxMs);
  await actx.repos.sessions.create({ userId: user.id, tokenHash: hashToken(token), csrfToken, createdAt: now, lastSeenAt: now, expiresAt });
  return { token, csrfToken, expiresAt, user };
}

/** The live session of a cookie's token, used just now; undefined when unknown, expired, idle too long or ended. */
export async function resolveSession(actx: AccountsContext, token: string): Promise<LiveSession | undefined> {
  const now = actx.now();
  const found = await actx.repos.sessions.findLive(hashToken(token), now, new Date(now.getTime() - actx.accountSettings.sessionIdleMs));
  if (!found) return undefined;
  if (now.getTime() - found.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await actx.repos.sessions.touch(found.session.id, now);
  return { id: found.session.id, user: found.user, csrfToken: found.session.csrfToken };
}

export async function endSession(actx: AccountsContext, sessionId: string): Promise<void> {
  await actx.repos.sessions.delete(sessionId);
}

/** Log out everywhere (or everywhere else, keeping `keepSessionId`). */
export async function endSessionsOf(actx: AccountsContext, userId: string, keepSessionId?: string): Promise<number> {
  return actx.repos.sessions.deleteForUser(userId, keepSessionId);
}
