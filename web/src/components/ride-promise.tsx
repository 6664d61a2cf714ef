import { useI18n } from '../i18n';
import { formatDate, formatTime } from '../lib/format';
import type { Booking } from '../types';

/** The offer in plain words: "Abholung zwischen 8:00 und 8:15 an Irrel, Kirche — Ankunft spätestens 8:59 in Bitburg, Krankenhaus". */
export function RidePromise(props: { booking: Booking; timeZone: string }) {
  const { t, lang } = useI18n();
  const { booking, timeZone } = props;
  const offer = booking.offer;
  if (!offer) return null;
  const time = (iso: string) => formatTime(iso, timeZone, lang);
  return (
    <p class="kern-body kern-body--large promise">
      <span class="promise__date">{formatDate(offer.pickupWindow.from, timeZone, lang)}:</span>{' '}
      {t('promise.text', {
        from: time(offer.pickupWindow.from),
        to: time(offer.pickupWindow.to),
        pickup: booking.pickup.name ?? '',
        arrival: time(offer.latestArrival),
        dropoff: booking.dropoff.name ?? '',
      })}
    </p>
  );
}

/** A ride as people speak of it: from where to where, and when asked for. */
export function rideTitle(booking: Booking, t: (key: string, params?: Record<string, string>) => string): string {
  return t('rides.fromTo', { from: booking.pickup.name ?? '', to: booking.dropoff.name ?? '' });
}
