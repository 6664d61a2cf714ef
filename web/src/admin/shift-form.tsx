import { useState } from 'preact/hooks';
import { Button, TextField } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { formErrors, localErrors, noErrors, type FieldSpec, type FormErrors } from '../lib/problems';
import { addDays, isoWithOffset } from '../lib/zoned-time';
import { change, type AdminVehicle, type TemplateBreak } from './admin-api';
import { breakErrors, breakFieldSpecs, BreaksField, HHMM } from './breaks-field';
import { ReasonField } from './reason-field';
import type { Saved } from './saved-note';
import { SelectField } from './select-field';
import { dayAndMonth } from './shift-calendar';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FIELDS: Record<string, FieldSpec> = {
  vehicleId: { id: 'shift-bus', textKey: 'admin.calendar.errors.bus' },
  date: { id: 'shift-date', textKey: 'admin.calendar.errors.date' },
  startAt: { id: 'shift-start', textKey: 'admin.fleet.errors.time' },
  endAt: { id: 'shift-end', textKey: 'admin.calendar.errors.end' },
  startDepotStopId: { id: 'shift-bus', textKey: 'admin.fleet.errors.depot' },
  reason: { id: 'shift-reason', textKey: 'admin.reason.error' },
};

const PREFIX = 'shift';

/**
 * One extra shift on one day (an extra Saturday, a village fair): bus, day, from and to in the area's
 * clock, and its breaks; an end before the start is the next morning (and so is a break before the
 * start). It starts and ends at the bus's depot.
 */
export function ShiftForm(props: { vehicles: AdminVehicle[]; timeZone: string; firstDay: string; onSaved: (saved: Saved) => void; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [vehicleId, setVehicleId] = useState(props.vehicles[0]?.id ?? '');
  const [date, setDate] = useState(props.firstDay);
  const [start, setStart] = useState('08:00');
  const [end, setEnd] = useState('14:00');
  const [breaks, setBreaks] = useState<TemplateBreak[]>([]);
  const [reason, setReason] = useState('');
  const fields = { ...FIELDS, ...breakFieldSpecs(PREFIX, breaks.length) };
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const found = [
      ...(vehicleId ? [] : [{ target: FIELDS.vehicleId.id, text: t('admin.calendar.errors.bus') }]),
      ...(DAY.test(date) ? [] : [{ target: FIELDS.date.id, text: t('admin.calendar.errors.date') }]),
      ...(HHMM.test(start) ? [] : [{ target: FIELDS.startAt.id, text: t('admin.fleet.errors.time') }]),
      ...(HHMM.test(end) && end !== start ? [] : [{ target: FIELDS.endAt.id, text: t('admin.calendar.errors.end') }]),
      // Over midnight the service checks the breaks against the shift's instants.
      ...(HHMM.test(start) && HHMM.test(end) && start < end ? breakErrors(PREFIX, breaks, start, end, t) : []),
      ...(reason.trim() ? [] : [{ target: FIELDS.reason.id, text: t('admin.reason.error') }]),
    ];
    if (found.length > 0) return setErrors(localErrors(found));
    const bus = props.vehicles.find((v) => v.id === vehicleId)!;
    setBusy(true);
    try {
      // Over midnight, a time before the start is the next morning's.
      const at = (time: string) => isoWithOffset(end < start && time < start ? addDays(date, 1) : date, time, props.timeZone);
      await change('POST', `/v1/admin/vehicles/${vehicleId}/shifts`, {
        startAt: at(start), endAt: at(end), breaks: breaks.map((b) => ({ startAt: at(b.from), endAt: at(b.to) })), reason: reason.trim(),
      });
      setErrors(noErrors);
      props.onSaved({ text: t('admin.calendar.added', { bus: bus.label, day: dayAndMonth(date, lang), hours: `${start}–${end}` }) });
    } catch (error) {
      setErrors(formErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  };

  const heading = t('admin.calendar.newShift');
  return (
    <section aria-labelledby="shift-form-heading" class="template-form">
      <h3 class="kern-heading-small" id="shift-form-heading">{heading}</h3>
      <Form errors={errors} onSubmit={() => void save()} busy={busy} label={heading}>
        <div class="admin-grid">
          <SelectField id={FIELDS.vehicleId.id} label={t('admin.fleet.bus')} value={vehicleId} error={errors.byId[FIELDS.vehicleId.id]} options={props.vehicles.map((v) => ({ value: v.id, label: v.label }))} onChange={setVehicleId} />
          <TextField id={FIELDS.date.id} type="date" width="short" label={t('admin.calendar.date')} value={date} error={errors.byId[FIELDS.date.id]} onInput={setDate} />
          <TextField id={FIELDS.startAt.id} type="time" width="short" label={t('admin.calendar.from')} value={start} error={errors.byId[FIELDS.startAt.id]} onInput={setStart} />
          <TextField id={FIELDS.endAt.id} type="time" width="short" label={t('admin.calendar.to')} hint={t('admin.calendar.toHint')} value={end} error={errors.byId[FIELDS.endAt.id]} onInput={setEnd} />
        </div>
        <BreaksField prefix={PREFIX} breaks={breaks} errors={errors.byId} onChange={setBreaks} />
        <ReasonField id={FIELDS.reason.id} value={reason} error={errors.byId[FIELDS.reason.id]} onInput={setReason} />
        <div class="button-row">
          <Button type="submit" disabled={busy}>{t('admin.calendar.addShift')}</Button>
          <Button kind="tertiary" onClick={props.onClose}>{t('admin.stops.close')}</Button>
        </div>
      </Form>
    </section>
  );
}
