import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../../api';
import { AlternativeTimes } from '../../components/alternative-times';
import { Button } from '../../components/fields';
import { RidePromise } from '../../components/ride-promise';
import { useI18n } from '../../i18n';
import { emptyDraft, updateDraft } from '../../lib/booking-draft';
import { bodyFromBooking, knownBooking, newKey, remember, requestBooking } from '../../lib/bookings';
import { formErrors } from '../../lib/problems';
import { timeZoneOfStop } from '../../lib/time-zone';
import { Link, navigate } from '../../router';
import type { PageProps } from '../../page-props';
import type { Alternative, Booking } from '../../types';
import { hasText } from '../../i18n';

const POLL_MS = 2000;

/** The service's answer to a booking: the promise to confirm, the refusal with other times, or the wait for a decision. */
export function AnswerPage(props: PageProps) {
  const { t } = useI18n();
  const id = props.params.id;
  const [booking, setBooking] = useState<Booking | null>(knownBooking(id) ?? null);
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setMessage(null);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        // A pending answer names where to ask again (statusUrl, a path of this service).
        const url = knownBooking(id)?.statusUrl ?? `/v1/bookings/${encodeURIComponent(id)}`;
        const fresh = await get<Booking>(url.startsWith('/v1/') ? url : `/v1/bookings/${encodeURIComponent(id)}`);
        if (stopped) return;
        remember(fresh);
        setBooking(fresh);
        if (fresh.status === 'pending') timer = setTimeout(load, POLL_MS);
      } catch (error) {
        if (!stopped) setMessage({ kind: 'danger', text: formErrors(error, {}, t).summary[0].text });
      }
    };
    const start = knownBooking(id);
    if (start && start.status !== 'pending') setBooking(start);
    else void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id]);
  useEffect(() => {
    if (booking) void timeZoneOfStop(booking.pickup.stopId).then(setTimeZone).catch(() => setTimeZone('Europe/Berlin'));
  }, [booking?.pickup.stopId]);

  const act = async (action: 'confirm' | 'cancel') => {
    setBusy(true);
    try {
      const { body } = await api<Booking>('POST', `/v1/bookings/${encodeURIComponent(id)}/${action}`, {});
      remember(body);
      setBooking(body);
      if (action === 'confirm') updateDraft(emptyDraft());
      setMessage({ kind: 'success', text: t(action === 'confirm' ? 'answer.confirmed' : 'answer.declined') });
    } catch (error) {
      setMessage({ kind: 'danger', text: formErrors(error, {}, t).summary[0].text });
    } finally {
      setBusy(false);
    }
  };
  const takeAlternative = async (alternative: Alternative) => {
    if (!booking) return;
    setBusy(true);
    try {
      const next = await requestBooking(bodyFromBooking(booking, alternative), newKey());
      navigate(`/buchen/antwort/${next.id}`);
    } catch (error) {
      setMessage({ kind: 'danger', text: formErrors(error, {}, t).summary[0].text });
    } finally {
      setBusy(false);
    }
  };

  const heading = booking ? t(`answer.heading.${booking.status}`) : t('answer.heading.loading');
  return (
    <>
      <h1 class="kern-heading-x-large">{heading}</h1>
      <div role="status" aria-live="polite" class="answer-status">
        {booking?.status === 'pending' && <p class="kern-body"><span class="kern-loader kern-loader--visible" aria-hidden="true" /> {t('answer.pending')}</p>}
        {message && <Alert kind={message.kind} text={message.text} />}
      </div>
      {booking && timeZone && booking.offer && <RidePromise booking={booking} timeZone={timeZone} />}
      {booking?.status === 'offered' && (
        <>
          <p class="kern-body">{t('answer.confirmPlease')}</p>
          <div class="button-row">
            <Button onClick={() => void act('confirm')} disabled={busy}>{t('answer.confirm')}</Button>
            <Button kind="secondary" onClick={() => void act('cancel')} disabled={busy}>{t('answer.decline')}</Button>
          </div>
        </>
      )}
      {booking?.status === 'rejected' && booking.rejection && timeZone && (
        <>
          <p class="kern-body kern-body--large">
            {t(hasText(`reasons.${booking.rejection.reason}`) ? `reasons.${booking.rejection.reason}` : 'reasons.default')}
          </p>
          {booking.rejection.alternatives.length > 0 ? (
            <>
              <h2 class="kern-heading-medium">{t('answer.alternativesHeading')}</h2>
              <AlternativeTimes alternatives={booking.rejection.alternatives} timeZone={timeZone} busy={busy} onTake={(a) => void takeAlternative(a)} />
            </>
          ) : (
            <p class="kern-body">{t('answer.noAlternatives')}</p>
          )}
        </>
      )}
      {booking && booking.status !== 'pending' && (
        <p class="kern-body">
          <Link class="kern-link" href="/fahrten">{t('answer.toRides')}</Link>
        </p>
      )}
      {booking?.status === 'rejected' && (
        <p class="kern-body">
          <Link class="kern-link" href="/buchen/zeit">{t('answer.otherTime')}</Link>
        </p>
      )}
    </>
  );
}

function Alert(props: { kind: 'success' | 'danger'; text: string }) {
  return (
    <div class={`kern-alert kern-alert--${props.kind}`}>
      <div class="kern-alert__header">
        <span class={`kern-icon kern-icon--${props.kind}`} aria-hidden="true" />
        <p class="kern-title">{props.text}</p>
      </div>
    </div>
  );
}
