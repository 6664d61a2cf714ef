import type { Lang } from '../i18n';
import type { Area, Booking, Stop } from '../types';

/** The time zone a booking's times are told in: its pickup stop's area. */
export function zoneOf(booking: Pick<Booking, 'pickup'>, stops: Stop[], areas: Area[]): string {
  const areaId = stops.find((s) => s.id === booking.pickup.stopId)?.areaId;
  return (areas.find((a) => a.id === areaId) ?? areas[0])?.timeZone ?? 'Europe/Berlin';
}

/** "Di., 1. Dez., 9:30": short enough for a table row, unambiguous for a dispatcher. */
export function shortDateTime(iso: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** The requested time of a booking: its departAfter or arriveBy. */
export const requestedIso = (booking: Pick<Booking, 'departAfter' | 'arriveBy'>) => (booking.departAfter ?? booking.arriveBy)!;
