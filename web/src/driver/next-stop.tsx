import { useTabletFormat } from './format';
import type { ManifestRider, Place } from './manifest';
import { ridersInOrder, type TabletState } from './tablet-state';
import type { Highlights, Tablet } from './use-tablet';

/** The next stop, large: where, when, who boards and leaves (each at their own time), and one tap per event. */
export function NextStop(props: { state: TabletState; highlights: Highlights; timeZone: string; report: Tablet['report']; quiet: boolean }) {
  const { state, highlights, report, quiet } = props;
  const { t, time } = useTabletFormat(props.timeZone);
  if (state.phase === 'done' || !state.place) {
    return (
      <section class="next-stop" aria-labelledby="next-stop-heading">
        <h2 id="next-stop-heading" class="kern-heading-large" tabIndex={-1}>{t('driver.next.done')}</h2>
      </section>
    );
  }
  const place = state.place;
  const riders = state.call ? ridersInOrder(state.call) : [];
  const at = state.phase === 'at';
  const stopName = place.name ?? '';
  return (
    <section class={`next-stop${at ? ' next-stop--at' : ''}`} aria-labelledby="next-stop-heading">
      <p class="next-stop__kicker kern-body">{t(at ? 'driver.next.at' : 'driver.next.driving')}</p>
      <h2 id="next-stop-heading" class="next-stop__name" tabIndex={-1}>{stopName}</h2>
      {state.call && <p class="next-stop__time">{t('driver.next.planned', { time: time(state.call.plannedAt) })}</p>}
      <Navigation place={place} />
      {riders.length > 0 ? (
        <ul class="riders">
          {riders.map(({ rider, boards }) => (
            <RiderRow key={`${rider.bookingId}:${boards}`} rider={rider} boards={boards} at={at} quiet={quiet} mark={highlights.get(rider.bookingId)} timeZone={props.timeZone}
              onReport={(type) => report(type, { bookingId: rider.bookingId, stopId: place.stopId, stopName, riderName: rider.firstName })} />
          ))}
        </ul>
      ) : at ? <p class="kern-body">{t('driver.next.nobody')}</p> : null}
      <div class="tablet-actions">
        {at ? (
          <button type="button" class={`kern-btn ${riders.length ? 'kern-btn--secondary' : 'kern-btn--primary'} tablet-btn`} disabled={quiet} onClick={() => report('departed', { stopId: place.stopId, stopName })}>
            <span class="kern-label">{t('driver.action.departed')}</span>
          </button>
        ) : (
          <button type="button" class="kern-btn kern-btn--primary tablet-btn" disabled={quiet} aria-label={`${t('driver.action.arrived')}: ${stopName}`} onClick={() => report('arrived', { stopId: place.stopId, stopName })}>
            <span class="kern-label">{t('driver.action.arrived')}</span>
          </button>
        )}
      </div>
    </section>
  );
}

function RiderRow(props: { rider: ManifestRider; boards: boolean; at: boolean; quiet: boolean; mark?: 'new' | 'moved'; timeZone: string; onReport: (type: 'picked_up' | 'no_show' | 'dropped_off') => void }) {
  const { rider, boards, at, mark } = props;
  const { t, time, needs } = useTabletFormat(props.timeZone);
  const who = rider.firstName;
  return (
    <li class={`rider${mark ? ' rider--changed' : ''}`}>
      <div class="rider__who">
        <p class="rider__time">{time(rider.plannedAt)}</p>
        <p class="rider__name">
          {mark && <span class="kern-badge kern-badge--warning rider__mark"><span class="kern-label">{t(`driver.rider.${mark}`)}</span></span>}
          {who} <span class="rider__kind">{t(boards ? 'driver.rider.boards' : 'driver.rider.alights')}</span>
        </p>
        <p class="kern-body">{needs(rider)}</p>
        {rider.note && <p class="kern-body rider__note">{t('driver.rider.note', { note: rider.note })}</p>}
      </div>
      {at && (
        <div class="rider__actions">
          {boards ? (
            <>
              <ActionButton label={t('driver.action.picked_up')} who={who} primary disabled={props.quiet} onClick={() => props.onReport('picked_up')} />
              <ActionButton label={t('driver.action.no_show')} who={who} disabled={props.quiet} onClick={() => props.onReport('no_show')} />
            </>
          ) : (
            <ActionButton label={t('driver.action.dropped_off')} who={who} primary disabled={props.quiet} onClick={() => props.onReport('dropped_off')} />
          )}
        </div>
      )}
    </li>
  );
}

function ActionButton(props: { label: string; who: string; primary?: boolean; disabled: boolean; onClick: () => void }) {
  return (
    <button type="button" class={`kern-btn ${props.primary ? 'kern-btn--primary' : 'kern-btn--secondary'} tablet-btn`} disabled={props.disabled} aria-label={`${props.label}: ${props.who}`} onClick={props.onClick}>
      <span class="kern-label">{props.label}</span>
    </button>
  );
}

/** Links only: the tablet's own navigation app (`geo:`) or OpenStreetMap's page; nothing is loaded from them here. */
function Navigation(props: { place: Place }) {
  const { t } = useTabletFormat('UTC');
  const { lat, lon } = props.place;
  if (lat === undefined || lon === undefined) return null;
  return (
    <nav class="stop-nav" aria-label={t('driver.nav.label')}>
      <a class="kern-btn kern-btn--secondary tablet-btn" href={`geo:${lat},${lon}`}>
        <span class="kern-label">{t('driver.nav.geo')}</span>
      </a>
      <a class="kern-btn kern-btn--tertiary tablet-btn" href={`https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`} target="_blank" rel="noopener noreferrer">
        <span class="kern-label">{t('driver.nav.osm')} <span class="sr-only">{t('driver.nav.newWindow')}</span></span>
      </a>
    </nav>
  );
}
