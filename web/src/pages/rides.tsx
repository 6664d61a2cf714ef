import { useEffect, useState } from 'preact/hooks';
import { get, OfflineError } from '../api';
import { Button } from '../components/fields';
import { useI18n } from '../i18n';
import { formatDate, formatTime } from '../lib/format';
import { formErrors } from '../lib/problems';
import { lastKnownRides, rememberRides } from '../lib/ride-cache';
import { rebook, rideTime, splitRides } from '../lib/rides';
import { loadAreas } from '../lib/catalogue';
import { Link } from '../router';
import type { Booking } from '../types';
import { StatusBadge } from '../components/status-badge';

/** My rides: the ones ahead and the past ones, each with its status in words; the last known list when offline. */
export function RidesPage() {
  const { t, lang } = useI18n();
  const [rides, setRides] = useState<Booking[] | null>(null);
  const [offlineSince, setOfflineSince] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [timeZone, setTimeZone] = useState('Europe/Berlin');

  useEffect(() => {
    loadAreas().then((areas) => areas[0] && setTimeZone(areas[0].timeZone)).catch(() => undefined);
    get<{ items: Booking[] }>('/v1/bookings?limit=200')
      .then(({ items }) => {
        rememberRides(items);
        setRides(items);
      })
      .catch((failure: unknown) => {
        const kept = lastKnownRides();
        if (failure instanceof OfflineError && kept) {
          setRides(kept.rides);
          setOfflineSince(kept.savedAt);
        } else {
          setError(formErrors(failure, {}, t).summary[0].text);
        }
      });
  }, []);

  const { upcoming, past } = splitRides(rides ?? []);
  const when = (b: Booking) => {
    const iso = rideTime(b);
    return iso ? `${formatDate(iso, timeZone, lang)}, ${formatTime(iso, timeZone, lang)} ${t('rides.oclock')}`.trim() : '';
  };
  const list = (items: Booking[], past: boolean) => (
    <ul class="ride-list">
      {items.map((ride) => (
        <li key={ride.id} class="ride-card">
          <h3 class="kern-heading-small">
            <Link class="kern-link" href={`/fahrten/${ride.id}`}>{t('rides.fromTo', { from: ride.pickup.name ?? '', to: ride.dropoff.name ?? '' })}</Link>
          </h3>
          <p class="kern-body">{when(ride)}</p>
          <StatusBadge status={ride.status} />
          {past && (
            <div class="button-row">
              <Button kind="secondary" onClick={() => void rebook(ride)}>
                {t('rides.rebook')}<span class="sr-only">: {t('rides.fromTo', { from: ride.pickup.name ?? '', to: ride.dropoff.name ?? '' })}</span>
              </Button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );

  return (
    <>
      <h1 class="kern-heading-x-large">{t('rides.title')}</h1>
      {offlineSince && (
        <div class="kern-alert kern-alert--warning" role="status">
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--warning" aria-hidden="true" />
            <p class="kern-title">{t('rides.offline', { time: formatTime(offlineSince, timeZone, lang), date: formatDate(offlineSince, timeZone, lang) })}</p>
          </div>
        </div>
      )}
      {error && <p class="kern-body" role="alert">{error}</p>}
      {rides === null && !error && <p class="kern-body" role="status">{t('common.loading')}</p>}
      {rides !== null && (
        <>
          <h2 class="kern-heading-medium">{t('rides.upcoming')}</h2>
          {upcoming.length > 0 ? list(upcoming, false) : <p class="kern-body">{t('rides.noneUpcoming')}</p>}
          <p class="kern-body"><Link class="kern-btn kern-btn--primary" href="/buchen"><span class="kern-label">{t('nav.book')}</span></Link></p>
          <h2 class="kern-heading-medium">{t('rides.past')}</h2>
          {past.length > 0 ? list(past, true) : <p class="kern-body">{t('rides.nonePast')}</p>}
        </>
      )}
    </>
  );
}
