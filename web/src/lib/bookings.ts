import { api } from '../api';
import type { Alternative, Booking } from '../types';
import type { BookingDraft } from './booking-draft';
import { isoWithOffset } from './zoned-time';

export interface BookingBody {
  pickup: { stopId: string };
  dropoff: { stopId: string };
  departAfter?: string;
  arriveBy?: string;
  seats: number;
  wheelchairs: number;
  note?: string;
}

/** Answers of this visit, so the answer page shows the decision without asking again. */
const known = new Map<string, Booking>();
export const knownBooking = (id: string) => known.get(id);
export const remember = (booking: Booking) => void known.set(booking.id, booking);

export function bodyFromDraft(draft: BookingDraft, timeZone: string): BookingBody {
  const when = isoWithOffset(draft.date, draft.time, timeZone);
  return {
    pickup: { stopId: draft.from!.stop.id },
    dropoff: { stopId: draft.to!.stop.id },
    ...(draft.mode === 'departAfter' ? { departAfter: when } : { arriveBy: when }),
    seats: Number(draft.seats),
    wheelchairs: draft.wheelchair ? 1 : 0,
    ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
  };
}

/** The same ride at another time: an alternative the service offered. */
export function bodyFromBooking(booking: Booking, time: Alternative): BookingBody {
  return {
    pickup: { stopId: booking.pickup.stopId },
    dropoff: { stopId: booking.dropoff.stopId },
    ...time,
    seats: booking.seats,
    wheelchairs: booking.wheelchairs,
    ...(booking.note ? { note: booking.note } : {}),
  };
}

/** POST /v1/bookings; the Idempotency-Key makes a retry after a lost answer the same booking. */
export async function requestBooking(body: BookingBody, idempotencyKey: string): Promise<Booking> {
  const { body: booking } = await api<Booking>('POST', '/v1/bookings', body, { 'idempotency-key': idempotencyKey });
  remember(booking);
  return booking;
}

export const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
