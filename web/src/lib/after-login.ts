import { homeOf } from '../route';
import { navigate } from '../router';

/**
 * After logging in or signing up: back to the page that asked for it (same site only), else where this
 * login starts (villagers: the booking; dispatchers: the desk; drivers: the tablet).
 */
export function continueAfterLogin(role?: string): void {
  const next = new URLSearchParams(location.search).get('weiter');
  navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : homeOf(role), { replace: true });
}
