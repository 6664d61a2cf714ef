import { get } from '../api';
import type { Booking, StopView } from '../types';

/** A trip a caller takes often (GET /v1/dispatch/riders). */
export interface UsualTrip {
  pickup: StopView;
  dropoff: StopView;
  timeMode: 'departAfter' | 'arriveBy';
  /** HH:MM, the area's local time. */
  time: string;
  count: number;
}

export interface FoundRider {
  id: string;
  name: string;
  phone: string;
  usualTrips: UsualTrip[];
}

/** A booking as staff see it: with whom it is for. */
export type DeskBooking = Booking & { riderId: string; rider?: { name: string; phone: string | null } | null; createdAt?: string };

export interface HistoryEntry {
  at: string;
  kind: string;
  actor: { id: string; name: string; role: string } | null;
  reason: string | null;
  vehicle: { id: string; label: string | null } | null;
  data: Record<string, unknown>;
}

export const findRiders = (q: string) => get<{ items: FoundRider[] }>(`/v1/dispatch/riders?q=${encodeURIComponent(q)}`).then((a) => a.items);

export const loadHistory = (bookingId: string) =>
  get<{ items: HistoryEntry[] }>(`/v1/dispatch/bookings/${encodeURIComponent(bookingId)}/history`).then((a) => a.items);

export const loadBooking = (bookingId: string) => get<DeskBooking>(`/v1/bookings/${encodeURIComponent(bookingId)}`);

/** "+496561880001" → "+49 6561 880001": a German number as it is read out (area code length guessed from the usual 4 digits). */
export function spokenPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  const m = /^\+49(1\d{2}|\d{4})(\d+)$/.exec(e164);
  return m ? `0${m[1]} ${m[2]}` : e164;
}
