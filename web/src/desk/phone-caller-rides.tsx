import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { StatusBadge } from '../components/status-badge';
import { useI18n } from '../i18n';
import { Link } from '../router';
import type { Area, Stop } from '../types';
import type { DeskBooking } from './booking-api';
import { requestedIso, shortDateTime, zoneOf } from './booking-format';

const OPEN = 'pending,offered,confirmed,assigned,on_board';
const SHOWN = 5;

/** A known caller's rides still ahead, for the caller who rings about one of them (each opens its booking). */
export function CallerRides(props: { riderId: string; stops: Stop[]; areas: Area[]; refresh: unknown }) {
  const { t, lang } = useI18n();
  const [rides, setRides] = useState<DeskBooking[] | null>(null);
  useEffect(() => {
    let current = true;
    const from = new Date(Date.now() - 60 * 60_000).toISOString();
    get<{ items: DeskBooking[] }>(`/v1/bookings?riderId=${encodeURIComponent(props.riderId)}&status=${OPEN}&from=${encodeURIComponent(from)}&limit=${SHOWN}`)
      .then((page) => current && setRides(page.items), () => current && setRides([]));
    return () => {
      current = false;
    };
  }, [props.riderId, props.refresh]);
  if (!rides) return null;
  return (
    <div class="caller-rides">
      <h3 class="kern-heading-small">{t('deskBooking.caller.rides')}</h3>
      {rides.length === 0 ? (
        <p class="kern-body">{t('deskBooking.caller.noRides')}</p>
      ) : (
        <ul class="caller-rides__list">
          {rides.map((b) => (
            <li key={b.id} class="kern-body">
              <Link class="kern-link" href={`/leitstelle/buchungen/${b.id}`}>{shortDateTime(requestedIso(b), zoneOf(b, props.stops, props.areas), lang)}</Link>
              {' '}{b.pickup.name} → {b.dropoff.name} <StatusBadge status={b.status} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
