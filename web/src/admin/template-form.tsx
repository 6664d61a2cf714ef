import { useState } from 'preact/hooks';
import { Button, Checkbox, TextField } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { formErrors, localErrors, noErrors, type FieldSpec, type FormErrors } from '../lib/problems';
import { change, type AdminVehicle } from './admin-api';
import { ReasonField } from './reason-field';
import { WEEKDAYS } from './rules-text';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A bus's weekly shift: on which days, from when to when; the service plans the shifts over the booking horizon. */
export function TemplateForm(props: { vehicle: AdminVehicle; onSaved: (text: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const prefix = `tpl-${props.vehicle.id.slice(0, 8)}`;
  const fields: Record<string, FieldSpec> = {
    weekdays: { id: `${prefix}-day-1`, textKey: 'admin.fleet.errors.weekdays' },
    start: { id: `${prefix}-start`, textKey: 'admin.fleet.errors.time' },
    end: { id: `${prefix}-end`, textKey: 'admin.fleet.errors.end' },
    reason: { id: `${prefix}-reason`, textKey: 'admin.reason.error' },
  };
  const [days, setDays] = useState<string[]>(['1', '2', '3', '4', '5']);
  const [start, setStart] = useState('06:00');
  const [end, setEnd] = useState('20:00');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const found = [
      ...(days.length > 0 ? [] : [{ target: fields.weekdays.id, text: t('admin.fleet.errors.weekdays') }]),
      ...(HHMM.test(start) ? [] : [{ target: fields.start.id, text: t('admin.fleet.errors.time') }]),
      ...(HHMM.test(end) && end > start ? [] : [{ target: fields.end.id, text: t('admin.fleet.errors.end') }]),
      ...(reason.trim() ? [] : [{ target: fields.reason.id, text: t('admin.reason.error') }]),
    ];
    if (found.length > 0) return setErrors(localErrors(found));
    setBusy(true);
    try {
      const answer = await change<{ shiftsAdded: number }>('POST', `/v1/admin/vehicles/${props.vehicle.id}/shift-templates`, { weekdays: days.map(Number).sort(), start, end, reason: reason.trim() });
      setErrors(noErrors);
      props.onSaved(t('admin.fleet.templateSaved', { bus: props.vehicle.label, n: answer.shiftsAdded }));
    } catch (error) {
      setErrors(formErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  };

  const heading = t('admin.fleet.newTemplate', { bus: props.vehicle.label });
  return (
    <section aria-labelledby={`${prefix}-heading`} class="template-form">
      <h3 class="kern-heading-small" id={`${prefix}-heading`}>{heading}</h3>
      <Form errors={errors} onSubmit={() => void save()} busy={busy} label={heading}>
        <fieldset class={`kern-fieldset${errors.byId[fields.weekdays.id] ? ' kern-fieldset--error' : ''}`}>
          <legend class="kern-label">{t('admin.fleet.weekdays')}</legend>
          {errors.byId[fields.weekdays.id] && <p class="kern-error"><span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" /><span class="kern-body">{errors.byId[fields.weekdays.id]}</span></p>}
          <div class="kern-fieldset__body weekday-boxes">
            {WEEKDAYS.map((day) => (
              <Checkbox key={day} id={`${prefix}-day-${day}`} label={t(`admin.weekdays.${day}`)} checked={days.includes(day)}
                onChange={(on) => setDays(on ? [...days, day] : days.filter((d) => d !== day))} />
            ))}
          </div>
        </fieldset>
        <div class="admin-grid">
          <TextField id={fields.start.id} type="time" width="short" label={t('admin.fleet.start')} value={start} error={errors.byId[fields.start.id]} onInput={setStart} />
          <TextField id={fields.end.id} type="time" width="short" label={t('admin.fleet.end')} value={end} error={errors.byId[fields.end.id]} onInput={setEnd} />
        </div>
        <ReasonField id={fields.reason.id} value={reason} error={errors.byId[fields.reason.id]} onInput={setReason} />
        <div class="button-row">
          <Button type="submit" disabled={busy}>{t('admin.fleet.addTemplate')}</Button>
          <Button kind="tertiary" onClick={props.onClose}>{t('admin.stops.close')}</Button>
        </div>
      </Form>
    </section>
  );
}
