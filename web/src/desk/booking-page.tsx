import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Button, TextArea } from '../components/fields';
import { Form } from '../components/form';
import { RidePromise } from '../components/ride-promise';
import { StatusBadge } from '../components/status-badge';
import { hasText, useI18n, type Translate } from '../i18n';
import { loadAreas, loadStops } from '../lib/catalogue';
import { formErrors, localErrors, noErrors, type FormErrors } from '../lib/problems';
import type { PageProps } from '../page-props';
import { Link } from '../router';
import type { Area, Stop } from '../types';
import { loadBooking, loadHistory, spokenPhone, type DeskBooking, type HistoryEntry } from './booking-api';
import { requestedIso, shortDateTime, zoneOf } from './booking-format';
import { DeskNav } from './desk-nav';
import './booking.css';

const CANCELLABLE = new Set(['pending', 'offered', 'confirmed', 'assigned']);

/** One event of the log in words: what happened (and whether forced). */
function eventText(entry: HistoryEntry, t: Translate): string {
  const key = `deskBooking.events.${entry.kind.replace(/\./g, '_')}`;
  const what = hasText(key) ? t(key) : t('deskBooking.events.other', { kind: entry.kind });
  const bus = entry.vehicle?.label ? ` · ${entry.vehicle.label}` : '';
  return `${what}${entry.data.forced === true ? ` (${t('deskBooking.events.forced')})` : ''}${bus}`;
}

/** A booking for the desk: its details, its history from the event log, and cancelling with a reason. */
export default function BookingPage(props: PageProps) {
  const { t, lang } = useI18n();
  const id = props.params.id;
  const [booking, setBooking] = useState<DeskBooking | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [stops, setStops] = useState<Stop[]>([]);
  const [areas, setAreas] = useState<Area[]>([]);
  const [missing, setMissing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = async () => {
    try {
      const [b, h] = await Promise.all([loadBooking(id), loadHistory(id)]);
      setBooking(b);
      setHistory(h);
    } catch (e) {
      setMissing(formErrors(e, {}, t).summary[0].text);
    }
  };
  useEffect(() => {
    void Promise.all([loadStops(), loadAreas()]).then(([s, a]) => {
      setStops(s);
      setAreas(a);
    });
    void reload();
  }, [id]);

  const cancel = async () => {
    if (!reason.trim()) return setErrors(localErrors([{ target: 'cancel-reason', text: t('deskBooking.errors.reason') }]));
    setBusy(true);
    try {
      await api('POST', `/v1/bookings/${encodeURIComponent(id)}/cancel`, { reason: reason.trim() });
      setErrors(noErrors);
      setReason('');
      setDone(t('deskBooking.booking.cancel.done'));
      await reload();
    } catch (e) {
      setErrors(formErrors(e, { reason: { id: 'cancel-reason', textKey: 'deskBooking.errors.reason' } }, t));
    } finally {
      setBusy(false);
    }
  };

  if (!booking) {
    return (
      <>
        <DeskNav />
        <h1 class="kern-heading-x-large">{t('deskBooking.booking.title')}</h1>
        <p class="kern-body" role="status">{missing ?? ''}</p>
      </>
    );
  }
  const zone = zoneOf(booking, stops, areas);
  const when = (iso: string) => shortDateTime(iso, zone, lang);
  return (
    <>
      <DeskNav />
      <p class="kern-body"><Link class="kern-link" href="/leitstelle/buchungen">{t('deskBooking.booking.back')}</Link></p>
      <h1 class="kern-heading-x-large">{t('deskBooking.booking.heading', { name: booking.rider?.name ?? '' })}</h1>
      <div class="booking-layout">
        <section aria-labelledby="details-heading">
          <h2 class="kern-heading-medium" id="details-heading">{t('deskBooking.booking.details')}</h2>
          <dl class="booking-facts kern-body">
            <dt>{t('deskBooking.booking.status')}</dt>
            <dd><StatusBadge status={booking.status} /></dd>
            <dt>{t('deskBooking.booking.rider')}</dt>
            <dd>
              {booking.rider?.name} · <span class="nowrap">{spokenPhone(booking.rider?.phone)}</span><br />
              <Link class="kern-link" href={`/leitstelle/buchungen?fahrgast=${booking.riderId}`}>{t('deskBooking.booking.allOfRider')}</Link>
            </dd>
            <dt>{t('deskBooking.booking.trip')}</dt>
            <dd>{booking.pickup.name} → {booking.dropoff.name}</dd>
            <dt>{t('deskBooking.booking.time')}</dt>
            <dd>{t(`deskBooking.booking.requested.${booking.departAfter ? 'departAfter' : 'arriveBy'}`, { when: when(requestedIso(booking)) })}</dd>
            <dt>{t('deskBooking.booking.seats')}</dt>
            <dd>
              {t(booking.seats === 1 ? 'deskBooking.booking.seatOne' : 'deskBooking.booking.seatsMany', { n: booking.seats })}
              {booking.wheelchairs > 0 && t('deskBooking.booking.wheelchairs', { n: booking.wheelchairs })}
            </dd>
            {booking.note && (<><dt>{t('deskBooking.booking.note')}</dt><dd>{booking.note}</dd></>)}
          </dl>
          {booking.offer && booking.status !== 'cancelled' && booking.status !== 'rejected' && (
            <>
              <h3 class="kern-heading-small">{t('deskBooking.booking.offer')}</h3>
              <RidePromise booking={booking} timeZone={zone} />
            </>
          )}
          {done && <p class="kern-body" role="status">{done}</p>}
          {CANCELLABLE.has(booking.status) && (
            <section aria-labelledby="cancel-heading">
              <h3 class="kern-heading-small" id="cancel-heading">{t('deskBooking.booking.cancel.heading')}</h3>
              <Form errors={errors} onSubmit={() => void cancel()} busy={busy} label={t('deskBooking.booking.cancel.heading')}>
                <TextArea id="cancel-reason" label={t('deskBooking.booking.cancel.reason')} hint={t('deskBooking.booking.cancel.hint')} value={reason} onInput={setReason} maxLength={500} error={errors.byId['cancel-reason']} />
                <div class="button-row"><Button type="submit" kind="secondary" disabled={busy}>{t('deskBooking.booking.cancel.button')}</Button></div>
              </Form>
            </section>
          )}
        </section>
        <section aria-labelledby="history-heading">
          <h2 class="kern-heading-medium" id="history-heading">{t('deskBooking.booking.history')}</h2>
          {history.length === 0 ? (
            <p class="kern-body">{t('deskBooking.booking.historyEmpty')}</p>
          ) : (
            <div class="kern-table-responsive" tabIndex={0} role="region" aria-label={t('deskBooking.booking.historyCaption')}>
              <table class="kern-table kern-table--small desk-table">
                <caption class="sr-only">{t('deskBooking.booking.historyCaption')}</caption>
                <thead class="kern-table__head">
                  <tr class="kern-table__row">
                    {(['at', 'what', 'who', 'why'] as const).map((c) => <th class="kern-table__header" scope="col" key={c}>{t(`deskBooking.booking.${c}`)}</th>)}
                  </tr>
                </thead>
                <tbody class="kern-table__body">
                  {history.map((entry, i) => (
                    <tr class="kern-table__row" key={i}>
                      <td class="kern-table__cell nowrap">{new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { timeZone: zone, day: 'numeric', month: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(new Date(entry.at))}</td>
                      <td class="kern-table__cell">{eventText(entry, t)}</td>
                      <td class="kern-table__cell">{entry.actor ? `${entry.actor.name} (${t(`deskBooking.roles.${entry.actor.role}`)})` : t('deskBooking.booking.service')}</td>
                      <td class="kern-table__cell">{entry.reason ?? t('deskBooking.booking.noReason')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
