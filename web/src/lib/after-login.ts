import { navigate } from '../router';

/** After logging in or signing up: back to the page that asked for it (same site only), else the booking. */
export function continueAfterLogin(): void {
  const next = new URLSearchParams(location.search).get('weiter');
  navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/buchen', { replace: true });
}
