import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';
import { plainHhmm } from '../lib/format';
import type { UsualTrip } from './booking-api';

/** A usual trip in words: "Rittersdorf, Kirche → Bitburg, Krankenhaus, ab 8:30". */
export function tripText(trip: UsualTrip, t: (key: string, params?: Record<string, string | number>) => string): string {
  return t(trip.timeMode === 'departAfter' ? 'deskBooking.trips.departs' : 'deskBooking.trips.arrives', {
    from: trip.pickup.name ?? '',
    to: trip.dropoff.name ?? '',
    time: plainHhmm(trip.time),
  });
}

/**
 * A known caller's usual trips as quick picks: focused when the caller is chosen, a digit key takes
 * trip n (one key for the usual trip), or Tab and Enter on its button.
 */
export function UsualTrips(props: { trips: UsualTrip[]; onTake: (trip: UsualTrip) => void }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  const onKeyDown = (event: KeyboardEvent) => {
    const n = Number(event.key);
    if (Number.isInteger(n) && n >= 1 && n <= props.trips.length) {
      event.preventDefault();
      props.onTake(props.trips[n - 1]);
    }
  };
  return (
    <div class="usual-trips" ref={box} tabIndex={-1} onKeyDown={onKeyDown} aria-labelledby="usual-trips-heading" aria-describedby="usual-trips-hint" role="group">
      <h3 class="kern-heading-small" id="usual-trips-heading">{t('deskBooking.trips.heading')}</h3>
      <p class="kern-hint" id="usual-trips-hint">{t('deskBooking.trips.hint')}</p>
      <ol class="usual-trips__list">
        {props.trips.map((trip, i) => (
          <li key={`${trip.pickup.stopId}-${trip.dropoff.stopId}`}>
            <button type="button" class="kern-btn kern-btn--secondary usual-trips__pick" onClick={() => props.onTake(trip)}>
              <span class="usual-trips__key" aria-hidden="true">{i + 1}</span>
              <span class="kern-label">
                {tripText(trip, t)}
                <span class="sr-only"> ({t('deskBooking.trips.key', { n: i + 1 })})</span>
              </span>
              <span class="usual-trips__count">{t('deskBooking.trips.count', { n: trip.count })}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
