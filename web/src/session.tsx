import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { api, OfflineError, setCsrfToken } from './api';
import type { SessionAnswer, User } from './types';

export interface Session {
  /** undefined while the first answer is awaited. */
  user: User | null | undefined;
  /** After a login or a sign-up: the answer carries the user and the CSRF token. */
  signedIn(answer: SessionAnswer): void;
  signedOut(): void;
}

export const SessionContext = createContext<Session>({ user: undefined, signedIn: () => undefined, signedOut: () => undefined });
export const useSession = () => useContext(SessionContext);

const USER_KEY = 'etb.user';

/**
 * The session as the service knows it. Offline, the user last seen on this device (removed on logging
 * out), so the last known rides can still be shown; nothing can be changed without the service anyway.
 */
export async function loadSession(): Promise<SessionAnswer> {
  try {
    const { body } = await api<SessionAnswer>('GET', '/v1/session');
    setCsrfToken(body.csrfToken);
    rememberUser(body.user);
    return body;
  } catch (error) {
    if (error instanceof OfflineError) return { user: lastUser(), csrfToken: null };
    return { user: null, csrfToken: null };
  }
}

export function rememberUser(user: User | null): void {
  try {
    if (user) localStorage.setItem(USER_KEY, JSON.stringify(user));
    else localStorage.removeItem(USER_KEY);
  } catch {
    // no storage: nothing remembered
  }
}

function lastUser(): User | null {
  try {
    const raw = localStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as User) : null;
  } catch {
    return null;
  }
}
