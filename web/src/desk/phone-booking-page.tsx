import { useEffect, useRef, useState } from 'preact/hooks';
import { api, get } from '../api';
import { Button, Checkbox, Radios, TextField } from '../components/fields';
import { Form } from '../components/form';
import { StopCombobox } from '../components/stop-combobox';
import { useI18n } from '../i18n';
import { newKey } from '../lib/bookings';
import { loadAreas, loadStops } from '../lib/catalogue';
import { plainHhmm } from '../lib/format';
import { formErrors, localErrors, noErrors, type FormErrors } from '../lib/problems';
import { isoWithOffset, localParts } from '../lib/zoned-time';
import type { Alternative, Area, Booking, Stop } from '../types';
import type { UsualTrip } from './booking-api';
import { DeskNav } from './desk-nav';
import { CallerSearch, callerName, ChosenCaller, type Caller } from './phone-caller';
import { PhoneAnswer } from './phone-answer';
import { parseSpokenTime, type SpokenTime } from './phone-time';
import { CallerRides } from './phone-caller-rides';
import { UsualTrips } from './phone-usual-trips';
import { WhenField } from './phone-when-field';
import './booking.css';

const POLL_MS = 1000;
type Mode = 'departAfter' | 'arriveBy';

const API_FIELDS = {
  riderId: { id: 'caller', textKey: 'deskBooking.errors.caller' },
  'rider.name': { id: 'caller-name', textKey: 'deskBooking.caller.nameMissing' },
  'rider.phone': { id: 'caller-phone', textKey: 'deskBooking.errors.phone' },
  rider: { id: 'caller', textKey: 'deskBooking.errors.caller' },
  pickup: { id: 'pickup', textKey: 'deskBooking.errors.pickup' },
  dropoff: { id: 'dropoff', textKey: 'deskBooking.errors.dropoff' },
  departAfter: { id: 'when', textKey: 'deskBooking.errors.when' },
  arriveBy: { id: 'when', textKey: 'deskBooking.errors.when' },
  seats: { id: 'seats', textKey: 'deskBooking.errors.seats' },
  wheelchairs: { id: 'wheelchair', textKey: 'deskBooking.errors.seats' },
};

/** The day and time typed, read against the area's clock now (today, and the earliest bookable minute). */
function readWhen(text: string, area: Area | undefined): SpokenTime | undefined {
  if (!area) return undefined;
  const now = localParts(new Date(), area.timeZone);
  return parseSpokenTime(text, { today: now.date, earliestMinutes: now.minutes + area.rules.minLeadMin });
}

/** Phone booking: caller, trip, time as said, the answer read out, confirmed — all by keyboard. */
export default function PhoneBookingPage() {
  const { t } = useI18n();
  const [stops, setStops] = useState<Stop[]>([]);
  const [areas, setAreas] = useState<Area[]>([]);
  const [caller, setCaller] = useState<Caller | null>(null);
  const [pickup, setPickup] = useState<Stop | null>(null);
  const [dropoff, setDropoff] = useState<Stop | null>(null);
  const [whenText, setWhenText] = useState('');
  const [mode, setMode] = useState<Mode>('departAfter');
  const [seats, setSeats] = useState('1');
  const [wheelchair, setWheelchair] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [booking, setBooking] = useState<Booking | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Counts the calls: a new call starts the stop fields afresh.
  const [call, setCall] = useState(0);
  const poll = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    void Promise.all([loadStops(), loadAreas()]).then(([s, a]) => {
      setStops(s);
      setAreas(a);
    });
    document.getElementById('caller')?.focus();
    return () => clearTimeout(poll.current);
  }, []);

  const area = areas.find((a) => a.id === (pickup ?? dropoff)?.areaId) ?? areas[0];
  const when = readWhen(whenText, area);
  const focus = (id: string, select = false) =>
    requestAnimationFrame(() => {
      const field = document.getElementById(id) as HTMLInputElement | null;
      field?.focus();
      if (select) field?.select();
    });

  /** "bis 9:30" typed sets the arrival, "ab 9:30" the departure: no need to leave the field. */
  const typeWhen = (text: string) => {
    setWhenText(text);
    const said = readWhen(text, area)?.mode;
    if (said) setMode(said);
  };
  const chooseCaller = (chosen: Caller) => {
    setCaller(chosen);
    setErrors(noErrors);
    if (chosen.kind === 'new' || chosen.rider.usualTrips.length === 0) focus('pickup');
  };
  const takeTrip = (trip: UsualTrip) => {
    setPickup(stops.find((s) => s.id === trip.pickup.stopId) ?? null);
    setDropoff(stops.find((s) => s.id === trip.dropoff.stopId) ?? null);
    setMode(trip.timeMode);
    setWhenText(plainHhmm(trip.time));
    focus('when', true);
  };
  const nextCall = () => {
    clearTimeout(poll.current);
    setCaller(null);
    setPickup(null);
    setDropoff(null);
    setWhenText('');
    setMode('departAfter');
    setSeats('1');
    setWheelchair(false);
    setErrors(noErrors);
    setBooking(null);
    setMessage(null);
    setCall((n) => n + 1);
    focus('caller');
  };

  /** The same caller back the other way: stops swapped, the time to type (a new caller is found again by phone). */
  const returnTrip = () => {
    setPickup(dropoff);
    setDropoff(pickup);
    setBooking(null);
    setMessage(null);
    setCall((n) => n + 1);
    setWhenText('');
    focus('when');
  };
  const follow = (answer: Booking) => {
    setBooking(answer);
    if (answer.status !== 'pending') return;
    poll.current = setTimeout(() => {
      get<Booking>(`/v1/bookings/${encodeURIComponent(answer.id)}`).then(follow, () => follow(answer));
    }, POLL_MS);
  };
  const send = async (times: { departAfter?: string; arriveBy?: string }) => {
    if (!caller || !pickup || !dropoff) return;
    setBusy(true);
    setMessage(null);
    try {
      const body = {
        ...(caller.kind === 'known' ? { riderId: caller.rider.id } : { rider: { name: caller.name, phone: caller.phone } }),
        pickup: { stopId: pickup.id },
        dropoff: { stopId: dropoff.id },
        ...times,
        seats: Number(seats),
        wheelchairs: wheelchair ? 1 : 0,
      };
      const { body: answer } = await api<Booking>('POST', '/v1/bookings', body, { 'idempotency-key': newKey() });
      setErrors(noErrors);
      follow(answer);
    } catch (error) {
      setErrors(formErrors(error, API_FIELDS, t));
    } finally {
      setBusy(false);
    }
  };
  const submit = () => {
    const found = [
      !caller && { target: 'caller', text: t('deskBooking.errors.caller') },
      !pickup && { target: 'pickup', text: t('deskBooking.errors.pickup') },
      !dropoff && { target: 'dropoff', text: t('deskBooking.errors.dropoff') },
      !when && { target: 'when', text: t('deskBooking.errors.when') },
      !/^[1-9]\d?$/.test(seats.trim()) && { target: 'seats', text: t('deskBooking.errors.seats') },
    ].filter((e): e is { target: string; text: string } => Boolean(e));
    if (found.length > 0 || !when || !area) return setErrors(localErrors(found));
    void send({ [mode]: isoWithOffset(when.date, when.time, area.timeZone) });
  };
  const act = async (action: 'confirm' | 'cancel') => {
    if (!booking) return;
    setBusy(true);
    try {
      const { body } = await api<Booking>('POST', `/v1/bookings/${encodeURIComponent(booking.id)}/${action}`, action === 'cancel' ? { reason: t('deskBooking.answer.declinedReason') } : {});
      if (action === 'cancel') {
        // The caller wants another time or trip: back to the form, the offer withdrawn.
        setBooking(null);
        setMessage(null);
        setErrors(localErrors([]));
        focus('when', true);
      } else {
        setBooking(body);
      }
    } catch (error) {
      setMessage(formErrors(error, {}, t).summary[0].text);
    } finally {
      setBusy(false);
    }
  };
  const takeAlternative = (alternative: Alternative) => {
    const iso = (alternative.departAfter ?? alternative.arriveBy)!;
    if (area) {
      const local = localParts(new Date(iso), area.timeZone);
      setWhenText(`${local.date.split('-').reverse().join('.')} ${plainHhmm(local.time)}`);
    }
    setMode(alternative.departAfter ? 'departAfter' : 'arriveBy');
    void send(alternative);
  };

  const offerOpen = booking !== null && (booking.status === 'pending' || booking.status === 'offered');
  return (
    <>
      <DeskNav />
      <h1 class="kern-heading-x-large">{t('deskBooking.phone.title')}</h1>
      <Form errors={errors} onSubmit={submit} busy={busy} label={t('deskBooking.phone.title')}>
      <div class="phone-booking">
        <section class="phone-booking__caller" aria-labelledby="caller-heading">
          <h2 class="kern-heading-medium" id="caller-heading">{t('deskBooking.caller.heading')}</h2>
          {caller ? (
            <ChosenCaller caller={caller} onChange={() => (setCaller(null), focus('caller'))}>
              {caller.kind === 'known' && caller.rider.usualTrips.length > 0 && <UsualTrips trips={caller.rider.usualTrips} onTake={takeTrip} />}
              {caller.kind === 'known' && <CallerRides riderId={caller.rider.id} stops={stops} areas={areas} refresh={booking?.status} />}
            </ChosenCaller>
          ) : (
            <CallerSearch onChosen={chooseCaller} error={errors.byId.caller} />
          )}
        </section>
        <section class="phone-booking__trip" aria-labelledby="trip-heading">
          <h2 class="kern-heading-medium" id="trip-heading">{t('deskBooking.trip.heading')}</h2>
          <div class="phone-booking__trip-fields">
            <div class="phone-booking__stops">
              <StopCombobox key={`pickup-${call}`} id="pickup" enterTakesFirst label={t('deskBooking.trip.pickup')} stops={stops} value={pickup} onSelect={setPickup} error={errors.byId.pickup} />
              <StopCombobox key={`dropoff-${call}`} id="dropoff" enterTakesFirst label={t('deskBooking.trip.dropoff')} stops={stops} value={dropoff} onSelect={setDropoff} error={errors.byId.dropoff} />
            </div>
            <WhenField text={whenText} when={when} mode={mode} error={errors.byId.when} onInput={typeWhen} />
            <Radios id="mode" label={t('deskBooking.trip.mode')} value={mode} onChange={setMode} options={[
              { value: 'departAfter', label: t('deskBooking.trip.departAfter') },
              { value: 'arriveBy', label: t('deskBooking.trip.arriveBy') },
            ]} />
            <div class="phone-booking__extras">
              <TextField id="seats" label={t('deskBooking.trip.seats')} value={seats} onInput={setSeats} inputMode="numeric" width="short" error={errors.byId.seats} autocomplete="off" />
              <Checkbox id="wheelchair" label={t('deskBooking.trip.wheelchair')} checked={wheelchair} onChange={setWheelchair} />
            </div>
            {!offerOpen && <Button type="submit" disabled={busy}>{t('deskBooking.trip.book')}</Button>}
          </div>
        </section>
      </div>
      </Form>
      {booking && area && (
        <PhoneAnswer
          booking={booking}
          timeZone={area.timeZone}
          busy={busy}
          callerName={callerName(caller)}
          message={message}
          onConfirm={() => void act('confirm')}
          onDecline={() => void act('cancel')}
          onAlternative={takeAlternative}
          onNextCall={nextCall}
          onReturnTrip={returnTrip}
        />
      )}
    </>
  );
}
