import type { Booking } from '../types';

/**
 * The last rides the rider saw, kept on this device so "My rides" still shows them without a
 * connection. Removed on logging out.
 */
const KEY = 'etb.rides';

export function rememberRides(rides: Booking[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ savedAt: new Date().toISOString(), rides }));
  } catch {
    // No storage (private mode, full): offline view simply stays empty.
  }
}

export function lastKnownRides(): { savedAt: string; rides: Booking[] } | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as { savedAt: string; rides: Booking[] }) : null;
  } catch {
    return null;
  }
}

export function forgetRides(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
