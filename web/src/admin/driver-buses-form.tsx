import { useState } from 'preact/hooks';
import { Button, Checkbox } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { formErrors, localErrors, noErrors, type FormErrors } from '../lib/problems';
import { change, type AdminVehicle } from './admin-api';
import { ReasonField } from './reason-field';

/** The buses a driver's login may drive (none ticked: every bus); their tablet follows at once. */
export function DriverBusesForm(props: { user: { id: string; name: string; vehicleIds: string[] }; vehicles: AdminVehicle[]; onSaved: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const [vehicleIds, setVehicleIds] = useState<string[]>(props.user.vehicleIds);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const heading = t('admin.users.busesHeading', { name: props.user.name });

  const save = async () => {
    if (!reason.trim()) return setErrors(localErrors([{ target: 'buses-reason', text: t('admin.reason.error') }]));
    try {
      await change('PATCH', `/v1/admin/users/${props.user.id}`, { vehicleIds, reason: reason.trim() });
      props.onSaved();
    } catch (error) {
      setErrors(formErrors(error, {
        vehicleIds: { id: 'bus-0', textKey: 'admin.users.errors.buses' },
        reason: { id: 'buses-reason', textKey: 'admin.reason.error' },
      }, t));
    }
  };

  return (
    <section aria-labelledby="buses-heading">
      <h2 class="kern-heading-medium" id="buses-heading">{heading}</h2>
      <Form errors={errors} onSubmit={() => void save()} label={heading}>
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('admin.users.buses')}</legend>
          <div class="kern-hint">{t('admin.users.busesHint')}</div>
          <div class="kern-fieldset__body">
            {props.vehicles.map((vehicle, i) => (
              <Checkbox key={vehicle.id} id={`bus-${i}`} label={vehicle.label} checked={vehicleIds.includes(vehicle.id)}
                onChange={(on) => setVehicleIds(on ? [...vehicleIds, vehicle.id] : vehicleIds.filter((v) => v !== vehicle.id))} />
            ))}
          </div>
        </fieldset>
        <ReasonField id="buses-reason" value={reason} error={errors.byId['buses-reason']} onInput={setReason} />
        <div class="button-row">
          <Button type="submit">{t('admin.users.busesSave')}</Button>
          <Button kind="tertiary" onClick={props.onClose}>{t('admin.stops.close')}</Button>
        </div>
      </Form>
    </section>
  );
}
