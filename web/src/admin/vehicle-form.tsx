import { useState } from 'preact/hooks';
import { Button, TextField } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { formErrors, localErrors, noErrors, type FieldSpec, type FormErrors } from '../lib/problems';
import { change, type AdminStop, type AdminVehicle } from './admin-api';
import { ReasonField } from './reason-field';
import { SelectField } from './select-field';

const FIELDS: Record<string, FieldSpec> = {
  label: { id: 'bus-label', textKey: 'admin.fleet.errors.label' },
  seats: { id: 'bus-seats', textKey: 'admin.fleet.errors.seats' },
  wheelchairPlaces: { id: 'bus-wheelchairs', textKey: 'admin.fleet.errors.wheelchairs' },
  depotStopId: { id: 'bus-depot', textKey: 'admin.fleet.errors.depot' },
  reason: { id: 'bus-reason', textKey: 'admin.reason.error' },
};

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : NaN);

/** A new bus of the area: its label, seats, wheelchair places and the stop it starts and ends its shifts at. */
export function VehicleForm(props: { areaId: string; stops: AdminStop[]; onSaved: (vehicle: AdminVehicle) => void }) {
  const { t } = useI18n();
  const [label, setLabel] = useState('');
  const [seats, setSeats] = useState('8');
  const [wheelchairs, setWheelchairs] = useState('0');
  const [depot, setDepot] = useState(props.stops[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const found = [
      ...(label.trim() ? [] : [{ target: 'bus-label', text: t('admin.fleet.errors.label') }]),
      ...(Number.isFinite(wholeNumber(seats)) ? [] : [{ target: 'bus-seats', text: t('admin.fleet.errors.seats') }]),
      ...(Number.isFinite(wholeNumber(wheelchairs)) ? [] : [{ target: 'bus-wheelchairs', text: t('admin.fleet.errors.wheelchairs') }]),
      ...(depot ? [] : [{ target: 'bus-depot', text: t('admin.fleet.errors.depot') }]),
      ...(reason.trim() ? [] : [{ target: 'bus-reason', text: t('admin.reason.error') }]),
    ];
    if (found.length > 0) return setErrors(localErrors(found));
    setBusy(true);
    try {
      const vehicle = await change<AdminVehicle>('POST', `/v1/admin/areas/${props.areaId}/vehicles`, { label: label.trim(), seats: wholeNumber(seats), wheelchairPlaces: wholeNumber(wheelchairs), depotStopId: depot, reason: reason.trim() });
      setErrors(noErrors);
      setLabel('');
      setReason('');
      props.onSaved(vehicle);
    } catch (error) {
      setErrors(formErrors(error, FIELDS, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="bus-form-heading">
      <h2 class="kern-heading-medium" id="bus-form-heading">{t('admin.fleet.newBus')}</h2>
      {props.stops.length === 0 ? <p class="kern-body">{t('admin.fleet.noStops')}</p> : (
        <Form errors={errors} onSubmit={() => void save()} busy={busy} label={t('admin.fleet.newBus')}>
          <div class="admin-grid">
            <TextField id="bus-label" label={t('admin.fleet.label')} hint={t('admin.fleet.labelHint')} value={label} error={errors.byId['bus-label']} onInput={setLabel} />
            <TextField id="bus-seats" width="short" inputMode="numeric" label={t('admin.fleet.seats')} value={seats} error={errors.byId['bus-seats']} onInput={setSeats} />
            <TextField id="bus-wheelchairs" width="short" inputMode="numeric" label={t('admin.fleet.wheelchairs')} value={wheelchairs} error={errors.byId['bus-wheelchairs']} onInput={setWheelchairs} />
            <SelectField id="bus-depot" label={t('admin.fleet.depot')} value={depot} error={errors.byId['bus-depot']} options={props.stops.map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }))} onChange={setDepot} />
          </div>
          <ReasonField id="bus-reason" value={reason} error={errors.byId['bus-reason']} onInput={setReason} />
          <div class="button-row">
            <Button type="submit" disabled={busy}>{t('admin.fleet.addBus')}</Button>
          </div>
        </Form>
      )}
    </section>
  );
}
