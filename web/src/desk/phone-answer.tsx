import { useEffect, useRef } from 'preact/hooks';
import { AlternativeTimes } from '../components/alternative-times';
import { Button } from '../components/fields';
import { RidePromise } from '../components/ride-promise';
import { hasText, useI18n } from '../i18n';
import { Link } from '../router';
import type { Alternative, Booking } from '../types';

/**
 * The service's answer, to read out to the caller: the offer with Confirm focused (Enter confirms),
 * or the refusal in plain German with other times to take; then the confirmation and the next call.
 */
export function PhoneAnswer(props: {
  booking: Booking;
  timeZone: string;
  busy: boolean;
  callerName: string;
  /** A failure to read out (the answer to confirm or decline did not arrive). */
  message: string | null;
  onConfirm: () => void;
  onDecline: () => void;
  onAlternative: (alternative: Alternative) => void;
  onNextCall: () => void;
  onReturnTrip: () => void;
}) {
  const { t } = useI18n();
  const { booking, timeZone } = props;
  const focusTarget = useRef<HTMLDivElement>(null);
  useEffect(() => {
    focusTarget.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [booking.status, booking.id]);
  const reason = booking.rejection?.reason;
  return (
    <section class="phone-answer" aria-labelledby="answer-heading">
      <h2 class="kern-heading-medium" id="answer-heading">{t(`deskBooking.answer.heading.${booking.status}`)}</h2>
      <div role="status" aria-live="polite" class="phone-answer__spoken">
        {booking.status === 'pending' && <p class="kern-body"><span class="kern-loader kern-loader--visible" aria-hidden="true" /> {t('deskBooking.answer.pending')}</p>}
        {booking.offer && booking.status !== 'cancelled' && <RidePromise booking={booking} timeZone={timeZone} />}
        {booking.status === 'rejected' && (
          <p class="kern-body kern-body--large">{t(reason && hasText(`reasons.${reason}`) ? `reasons.${reason}` : 'reasons.default')}</p>
        )}
        {booking.status === 'confirmed' && (
          <div class="kern-alert kern-alert--success">
            <div class="kern-alert__header">
              <span class="kern-icon kern-icon--success" aria-hidden="true" />
              <p class="kern-title">{t('deskBooking.answer.confirmedText', { name: props.callerName })}</p>
            </div>
          </div>
        )}
        {props.message && <p class="kern-body kern-body--large">{props.message}</p>}
      </div>
      <div ref={focusTarget}>
        {booking.status === 'offered' && (
          <div class="button-row">
            <Button onClick={props.onConfirm} disabled={props.busy}>{t('deskBooking.answer.confirm')}</Button>
            <Button kind="secondary" onClick={props.onDecline} disabled={props.busy}>{t('deskBooking.answer.decline')}</Button>
          </div>
        )}
        {booking.status === 'rejected' && (
          booking.rejection && booking.rejection.alternatives.length > 0 ? (
            <>
              <h3 class="kern-heading-small">{t('deskBooking.answer.alternatives')}</h3>
              <AlternativeTimes alternatives={booking.rejection.alternatives} timeZone={timeZone} busy={props.busy} onTake={props.onAlternative} />
            </>
          ) : (
            <p class="kern-body">{t('deskBooking.answer.noAlternatives')}</p>
          )
        )}
        {(booking.status === 'confirmed' || booking.status === 'cancelled' || booking.status === 'rejected') && (
          <div class="button-row">
            <Button kind={booking.status === 'rejected' ? 'secondary' : 'primary'} onClick={props.onNextCall}>{t('deskBooking.answer.nextCall')}</Button>
            {booking.status === 'confirmed' && <Button kind="secondary" onClick={props.onReturnTrip}>{t('deskBooking.answer.returnTrip')}</Button>}
            <Link class="kern-link" href={`/leitstelle/buchungen/${booking.id}`}>{t('deskBooking.answer.toBooking')}</Link>
          </div>
        )}
      </div>
    </section>
  );
}
