import { lazy, Suspense } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, get } from '../api';
import { Button } from '../components/fields';
import { RidePromise } from '../components/ride-promise';
import { StatusBadge } from '../components/status-badge';
import { useI18n } from '../i18n';
import { focusHeading } from '../lib/focus';
import { formatDate, formatTime } from '../lib/format';
import { formErrors } from '../lib/problems';
import { ACTIVE, rebook } from '../lib/rides';
import { areaOfStop } from '../lib/time-zone';
import { localParts } from '../lib/zoned-time';
import { Link } from '../router';
import type { PageProps } from '../page-props';
import type { Area, Booking } from '../types';

// Leaflet is loaded only when a bus is to be shown: the page is usable before any map code arrives.
const RideMap = lazy(() => import('../components/ride-map'));
const REFRESH_MS = 20_000;
const ETA_AHEAD_MS = 12 * 3600_000;

/** One ride: its promise, the bus's planned time on the day (refreshed), the map near the pickup, cancel or rebook. */
export function RidePage(props: PageProps) {
  const { t, lang } = useI18n();
  const id = props.params.id;
  const [ride, setRide] = useState<Booking | null>(null);
  const [area, setArea] = useState<Area | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const cancelButton = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const fresh = await get<Booking>(`/v1/bookings/${encodeURIComponent(id)}`);
        if (stopped) return;
        setRide(fresh);
        setError(null);
        if (ACTIVE.has(fresh.status)) timer = setTimeout(load, REFRESH_MS);
      } catch (failure) {
        if (!stopped) setError(formErrors(failure, {}, t).summary[0].text);
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id]);
  // The question takes the focus when it appears, and the button again when it is answered "no".
  useEffect(() => {
    cancelButton.current?.querySelector('button')?.focus();
  }, [asking]);
  useEffect(() => {
    if (ride) void areaOfStop(ride.pickup.stopId).then((a) => setArea(a ?? null));
  }, [ride?.pickup.stopId]);

  if (error && !ride) return (<><h1 class="kern-heading-x-large">{t('ride.title')}</h1><p class="kern-body" role="alert">{error}</p><p class="kern-body"><Link class="kern-link" href="/fahrten">{t('ride.back')}</Link></p></>);
  if (!ride || !area) return (<><h1 class="kern-heading-x-large">{t('ride.title')}</h1><p class="kern-body" role="status">{t('common.loading')}</p></>);

  const tz = area.timeZone;
  const time = (iso: string) => formatTime(iso, tz, lang);
  const pickupFrom = ride.offer?.pickupWindow.from;
  const cutoff = pickupFrom ? new Date(Date.parse(pickupFrom) - area.rules.cancellationCutoffMin * 60_000) : null;
  const cancellable = ['pending', 'offered', 'confirmed', 'assigned'].includes(ride.status);
  const beforeCutoff = cutoff === null || cutoff.getTime() > Date.now();
  // The bus's plan is shown from the morning of the ride's day, or from 12 hours before its pickup (a
  // ride just after midnight is followed the evening before too).
  const today = pickupFrom !== undefined
    && (localParts(new Date(pickupFrom), tz).date === localParts(new Date(), tz).date || new Date(pickupFrom).getTime() - Date.now() < ETA_AHEAD_MS);
  const eta = ride.eta;

  const cancel = async () => {
    setBusy(true);
    try {
      const { body } = await api<Booking>('POST', `/v1/bookings/${encodeURIComponent(id)}/cancel`, {});
      setRide(body);
      setAsking(false);
      setDone(t('ride.cancelled'));
      focusHeading();
    } catch (failure) {
      setError(formErrors(failure, {}, t, { hotline: area.hotline ?? '' }).summary[0].text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 class="kern-heading-x-large">{t('rides.fromTo', { from: ride.pickup.name ?? '', to: ride.dropoff.name ?? '' })}</h1>
      <StatusBadge status={ride.status} />
      <div role="status" aria-live="polite">
        {done && <p class="kern-body kern-body--bold">{done}</p>}
        {/* The bus's own plan on the day of the ride: re-timed when it runs late, said plainly. */}
        {today && eta?.pickupAt && ride.status !== 'on_board' && (
          <p class={`kern-body kern-body--large eta${eta.late ? ' eta--late' : ''}`}>
            {eta.late
              ? t('ride.etaLate', { time: time(eta.pickupAt), promised: time(ride.offer!.pickupWindow.to), stop: ride.pickup.name ?? '' })
              : t('ride.eta', { time: time(eta.pickupAt), stop: ride.pickup.name ?? '' })}
          </p>
        )}
        {today && eta && ride.status === 'on_board' && <p class="kern-body kern-body--large">{t('ride.etaArrival', { time: time(eta.dropoffAt), stop: ride.dropoff.name ?? '' })}</p>}
      </div>
      {ride.offer && <RidePromise booking={ride} timeZone={tz} />}
      {!ride.offer && (ride.departAfter || ride.arriveBy) && (
        <p class="kern-body">{t(ride.departAfter ? 'ride.askedDepart' : 'ride.askedArrive', { date: formatDate((ride.departAfter ?? ride.arriveBy)!, tz, lang), time: time((ride.departAfter ?? ride.arriveBy)!) })}</p>
      )}
      {eta?.bus && (
        <Suspense fallback={<p class="kern-body">{t('common.loading')}</p>}>
          <RideMap bus={eta.bus} pickup={ride.pickup} dropoff={ride.dropoff} timeZone={tz} />
        </Suspense>
      )}
      {ride.status === 'offered' && (
        <p class="kern-body"><Link class="kern-link" href={`/buchen/antwort/${ride.id}`}>{t('ride.toOffer')}</Link></p>
      )}
      {error && <p class="kern-body" role="alert">{error}</p>}
      {cancellable && (
        <section aria-labelledby="cancel-heading" class="cancel">
          <h2 class="kern-heading-medium" id="cancel-heading">{t('ride.cancelHeading')}</h2>
          {beforeCutoff ? (
            <>
              {cutoff && <p class="kern-body">{t('ride.cutoff', { time: time(cutoff.toISOString()), date: formatDate(cutoff.toISOString(), tz, lang), minutes: area.rules.cancellationCutoffMin })}</p>}
              <div ref={cancelButton} class="button-row">
                {!asking ? (
                  <Button kind="secondary" onClick={() => setAsking(true)}>{t('ride.cancel')}</Button>
                ) : (
                  <div class="kern-alert kern-alert--warning confirm-cancel" role="group" aria-labelledby="confirm-cancel-title">
                    <div class="kern-alert__header">
                      <span class="kern-icon kern-icon--warning" aria-hidden="true" />
                      <p class="kern-title" id="confirm-cancel-title">{t('ride.cancelQuestion')}</p>
                    </div>
                    <div class="button-row confirm-cancel__buttons">
                      <Button onClick={() => void cancel()} disabled={busy}>{t('ride.cancelYes')}</Button>
                      <Button kind="secondary" onClick={() => setAsking(false)}>{t('ride.cancelNo')}</Button>
                    </div>
                  </div>
                )}
              </div>
            </>
          ) : (
            <p class="kern-body">
              {t('ride.afterCutoff', { minutes: area.rules.cancellationCutoffMin })}{' '}
              {area.hotline ? <a class="kern-link" href={`tel:${area.hotline.replace(/[^\d+]/g, '')}`}>{area.hotline}</a> : t('ride.hotlineUnknown')}
            </p>
          )}
        </section>
      )}
      {!ACTIVE.has(ride.status) && (
        <div class="button-row">
          <Button onClick={() => void rebook(ride)}>{t('rides.rebook')}</Button>
        </div>
      )}
      <p class="kern-body"><Link class="kern-link" href="/fahrten">{t('ride.back')}</Link></p>
    </>
  );
}
