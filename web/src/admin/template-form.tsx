import { useState } from 'preact/hooks';
import { Button, Checkbox, TextField } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { formErrors, localErrors, noErrors, type FieldSpec, type FormErrors } from '../lib/problems';
import { change, type AdminStop, type AdminVehicle, type RidesReport, type ShiftTemplate, type TemplateBreak } from './admin-api';
import { breakErrors, breakFieldSpecs, BreaksField, HHMM } from './breaks-field';
import { ReasonField } from './reason-field';
import { WEEKDAYS } from './rules-text';
import type { Saved } from './saved-note';
import { SelectField } from './select-field';

/** The answer to a changed template: its planned shifts changed with it, and what became of their rides. */
interface TemplateChange extends RidesReport {
  shiftsChanged: string[];
  shiftsCancelled: string[];
  shiftsAdded: number;
}

/**
 * A bus's weekly shift: on which days, from when to when, from and to which depot, with which breaks;
 * the service plans the shifts over the booking horizon. With `template` it changes that one, and its
 * planned shifts with it (the answer says which rides moved to other buses and which the desk needs).
 */
export function TemplateForm(props: { vehicle: AdminVehicle; stops: AdminStop[]; template?: ShiftTemplate; onSaved: (saved: Saved) => void; onClose: () => void }) {
  const { t } = useI18n();
  const { vehicle, template } = props;
  const prefix = `tpl-${(template ?? vehicle).id.slice(0, 8)}`;
  const [days, setDays] = useState<string[]>(template ? template.weekdays.map(String) : ['1', '2', '3', '4', '5']);
  const [start, setStart] = useState(template?.startTime ?? '06:00');
  const [end, setEnd] = useState(template?.endTime ?? '20:00');
  const [startDepot, setStartDepot] = useState(template?.startDepotStopId ?? vehicle.depotStopId);
  const [endDepot, setEndDepot] = useState(template?.endDepotStopId ?? vehicle.depotStopId);
  const [breaks, setBreaks] = useState<TemplateBreak[]>(template?.breaks ?? []);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const fields: Record<string, FieldSpec> = {
    weekdays: { id: `${prefix}-day-1`, textKey: 'admin.fleet.errors.weekdays' },
    start: { id: `${prefix}-start`, textKey: 'admin.fleet.errors.time' },
    end: { id: `${prefix}-end`, textKey: 'admin.fleet.errors.end' },
    startDepotStopId: { id: `${prefix}-start-depot`, textKey: 'admin.fleet.errors.depot' },
    endDepotStopId: { id: `${prefix}-end-depot`, textKey: 'admin.fleet.errors.depot' },
    ...breakFieldSpecs(prefix, breaks.length),
    reason: { id: `${prefix}-reason`, textKey: 'admin.reason.error' },
  };

  const request = async (body: Record<string, unknown>): Promise<Saved> => {
    if (!template) {
      const answer = await change<{ shiftsAdded: number }>('POST', `/v1/admin/vehicles/${vehicle.id}/shift-templates`, body);
      return { text: t('admin.fleet.templateSaved', { bus: vehicle.label, n: answer.shiftsAdded }) };
    }
    const answer = await change<TemplateChange>('PATCH', `/v1/admin/shift-templates/${template.id}`, body);
    return {
      text: t('admin.fleet.templateChanged', {
        bus: vehicle.label, changed: answer.shiftsChanged.length, cancelled: answer.shiftsCancelled.length, added: answer.shiftsAdded,
        moved: answer.reassigned.length, open: answer.unplaceable.length,
      }),
      openRides: answer.unplaceable.map((u) => u.bookingId),
    };
  };

  const save = async () => {
    const found = [
      ...(days.length > 0 ? [] : [{ target: fields.weekdays.id, text: t('admin.fleet.errors.weekdays') }]),
      ...(HHMM.test(start) ? [] : [{ target: fields.start.id, text: t('admin.fleet.errors.time') }]),
      ...(HHMM.test(end) && end > start ? [] : [{ target: fields.end.id, text: t('admin.fleet.errors.end') }]),
      ...breakErrors(prefix, breaks, start, end, t),
      ...(reason.trim() ? [] : [{ target: fields.reason.id, text: t('admin.reason.error') }]),
    ];
    if (found.length > 0) return setErrors(localErrors(found));
    setBusy(true);
    try {
      const sortedBreaks = [...breaks].sort((a, b) => a.from.localeCompare(b.from));
      const saved = await request({ weekdays: days.map(Number).sort(), start, end, startDepotStopId: startDepot, endDepotStopId: endDepot, breaks: sortedBreaks, reason: reason.trim() });
      setErrors(noErrors);
      props.onSaved(saved);
    } catch (error) {
      setErrors(formErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  };

  const heading = t(template ? 'admin.fleet.editTemplateHeading' : 'admin.fleet.newTemplate', { bus: vehicle.label });
  const depots = props.stops.filter((s) => s.active || s.id === startDepot || s.id === endDepot).map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }));
  return (
    <section aria-labelledby={`${prefix}-heading`} class="template-form">
      <h3 class="kern-heading-small" id={`${prefix}-heading`}>{heading}</h3>
      {template && <p class="kern-body">{t('admin.fleet.editTemplateNote')}</p>}
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
          <SelectField id={fields.startDepotStopId.id} label={t('admin.fleet.startDepot')} value={startDepot} error={errors.byId[fields.startDepotStopId.id]} options={depots} onChange={setStartDepot} />
          <SelectField id={fields.endDepotStopId.id} label={t('admin.fleet.endDepot')} value={endDepot} error={errors.byId[fields.endDepotStopId.id]} options={depots} onChange={setEndDepot} />
        </div>
        <BreaksField prefix={prefix} breaks={breaks} errors={errors.byId} onChange={setBreaks} />
        <ReasonField id={fields.reason.id} value={reason} error={errors.byId[fields.reason.id]} onInput={setReason} />
        <div class="button-row">
          <Button type="submit" disabled={busy}>{t(template ? 'admin.fleet.saveTemplate' : 'admin.fleet.addTemplate')}</Button>
          <Button kind="tertiary" onClick={props.onClose}>{t('admin.stops.close')}</Button>
        </div>
      </Form>
    </section>
  );
}
