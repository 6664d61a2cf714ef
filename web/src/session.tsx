import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { api, setCsrfToken } from './api';
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

export async function loadSession(): Promise<SessionAnswer> {
  try {
    const { body } = await api<SessionAnswer>('GET', '/v1/session');
    setCsrfToken(body.csrfToken);
    return body;
  } catch {
    return { user: null, csrfToken: null };
  }
}
