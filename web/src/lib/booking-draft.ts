import { useEffect, useState } from 'preact/hooks';
import type { Stop } from '../types';

/**
 * The booking being filled in, across the steps of the form. Kept in the tab's session storage, so a
 * reload or a slow answer loses nothing (no time limit on the input).
 */
export interface Place {
  stop: Stop;
  /** Set when the stop was found from the phone's position: the straight line from there. */
  fromLocationM?: number;
}

export interface BookingDraft {
  from: Place | null;
  to: Place | null;
  mode: 'departAfter' | 'arriveBy';
  date: string;
  time: string;
  seats: string;
  wheelchair: boolean;
  note: string;
  /** Made when the answers are checked; the same key on a retry makes a repeat harmless. */
  idempotencyKey: string | null;
}

const KEY = 'etb.booking';
export const emptyDraft = (): BookingDraft => ({ from: null, to: null, mode: 'departAfter', date: '', time: '', seats: '1', wheelchair: false, note: '', idempotencyKey: null });

let current: BookingDraft = read();
const listeners = new Set<(draft: BookingDraft) => void>();

function read(): BookingDraft {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? { ...emptyDraft(), ...(JSON.parse(raw) as Partial<BookingDraft>) } : emptyDraft();
  } catch {
    return emptyDraft();
  }
}

export function updateDraft(change: Partial<BookingDraft>): void {
  // Any change of the answers makes it another request: a new key when it is sent.
  current = { ...current, ...change, idempotencyKey: 'idempotencyKey' in change ? change.idempotencyKey ?? null : null };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // Without storage the draft lives in memory for this visit.
  }
  for (const listener of listeners) listener(current);
}

export const draftNow = () => current;

export function useDraft(): BookingDraft {
  const [draft, setDraft] = useState(current);
  useEffect(() => {
    listeners.add(setDraft);
    return () => void listeners.delete(setDraft);
  }, []);
  return draft;
}
