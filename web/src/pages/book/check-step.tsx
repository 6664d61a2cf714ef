import { useEffect, useState } from 'preact/hooks';
import { Button } from '../../components/fields';
import { Form } from '../../components/form';
import { useI18n } from '../../i18n';
import { updateDraft, useDraft } from '../../lib/booking-draft';
import { bodyFromDraft, newKey, requestBooking } from '../../lib/bookings';
import { loadAreas } from '../../lib/catalogue';
import { formatLocalDate, plainHhmm } from '../../lib/format';
import { formErrors, noErrors, type FormErrors } from '../../lib/problems';
import { Link, navigate } from '../../router';
import type { Area } from '../../types';
import { STEP_PATHS, StepHeader, type BookingStep } from './step-header';

/** The API's fields, the step that asks for each and the row that shows it. */
const FIELDS: Record<string, { id: string; textKey: string; step: BookingStep }> = {
  pickup: { id: 'row-from', textKey: 'book.check.errors.pickup', step: 'from' },
  dropoff: { id: 'row-to', textKey: 'book.check.errors.dropoff', step: 'to' },
  departAfter: { id: 'row-when', textKey: 'book.check.errors.time', step: 'when' },
  arriveBy: { id: 'row-when', textKey: 'book.check.errors.time', step: 'when' },
  seats: { id: 'row-seats', textKey: 'book.check.errors.seats', step: 'details' },
  wheelchairs: { id: 'row-wheelchair', textKey: 'book.check.errors.wheelchair', step: 'details' },
  note: { id: 'row-note', textKey: 'book.check.errors.note', step: 'details' },
  rider: { id: 'row-from', textKey: 'book.check.errors.rider', step: 'from' },
};

/** Check your answers, then send: each answer with a link to change it; errors of the service next to the answer they concern. */
export function CheckStep() {
  const { t, lang } = useI18n();
  const draft = useDraft();
  const [area, setArea] = useState<Area | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!draft.from || !draft.to || !draft.date || !draft.time) return navigate(STEP_PATHS.from, { replace: true });
    const areaId = draft.from.stop.areaId;
    loadAreas().then((areas) => setArea(areas.find((a) => a.id === areaId) ?? null)).catch((error: unknown) => setErrors(formErrors(error, {}, t)));
  }, []);
  if (!draft.from || !draft.to) return null;

  const submit = async () => {
    if (!area) return;
    const key = draft.idempotencyKey ?? newKey();
    updateDraft({ idempotencyKey: key });
    setBusy(true);
    try {
      const booking = await requestBooking(bodyFromDraft(draft, area.timeZone), key);
      navigate(`/buchen/antwort/${booking.id}`);
    } catch (error) {
      const shown = formErrors(error, FIELDS, t, { minutes: area.rules.minLeadMin, days: area.rules.maxHorizonDays, max: area.rules.maxActiveBookingsPerRider });
      // Each error links to the step that can put it right.
      const stepOf = new Map(Object.values(FIELDS).map((f) => [f.id, f.step]));
      setErrors({ ...shown, summary: shown.summary.map((e) => (stepOf.has(e.target) ? { ...e, target: STEP_PATHS[stepOf.get(e.target)!] } : e)) });
    } finally {
      setBusy(false);
    }
  };

  const rows: Array<{ id: string; key: string; value: string; step: BookingStep }> = [
    { id: 'row-from', key: 'book.check.from', value: draft.from.stop.name, step: 'from' },
    { id: 'row-to', key: 'book.check.to', value: draft.to.stop.name, step: 'to' },
    {
      id: 'row-when',
      key: draft.mode === 'departAfter' ? 'book.check.departAfter' : 'book.check.arriveBy',
      value: t('book.check.dateTime', { date: formatLocalDate(draft.date, lang), time: plainHhmm(draft.time) }),
      step: 'when',
    },
    { id: 'row-seats', key: 'book.check.seats', value: draft.seats, step: 'details' },
    { id: 'row-wheelchair', key: 'book.check.wheelchair', value: t(draft.wheelchair ? 'common.yes' : 'common.no'), step: 'details' },
    { id: 'row-note', key: 'book.check.note', value: draft.note.trim() || t('book.check.noNote'), step: 'details' },
  ];

  return (
    <>
      <StepHeader step="check" />
      <Form errors={errors} onSubmit={submit} busy={busy}>
        <dl class="kern-description-list check-answers">
          {rows.map((row) => (
            <div class="kern-description-list-item" id={row.id} key={row.id}>
              <dt class="kern-description-list-item__key">{t(row.key)}</dt>
              <dd class="kern-description-list-item__value">
                {row.value}
                {errors.byId[row.id] && (
                  <span class="kern-error">
                    <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
                    <span class="kern-body">{errors.byId[row.id]}</span>
                  </span>
                )}
              </dd>
              <dd class="check-answers__change">
                <Link class="kern-link" href={STEP_PATHS[row.step]}>
                  {t('common.change')}<span class="sr-only"> {t(row.key)}</span>
                </Link>
              </dd>
            </div>
          ))}
        </dl>
        <p class="kern-body">{t('book.check.promiseNote')}</p>
        <div class="button-row">
          <Button type="submit" disabled={busy || !area}>{t('book.check.submit')}</Button>
        </div>
        {busy && <p class="kern-body" role="status">{t('book.check.sending')}</p>}
      </Form>
    </>
  );
}
