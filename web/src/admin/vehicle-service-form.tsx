import { useState } from 'preact/hooks';
import { Button } from '../components/fields';
import { Form } from '../components/form';
import { useI18n } from '../i18n';
import { formErrors, localErrors, noErrors, type FormErrors } from '../lib/problems';
import { change, type AdminVehicle } from './admin-api';
import { ReasonField } from './reason-field';

interface ServiceAnswer {
  vehicle: AdminVehicle;
  outOfService?: { reassigned: unknown[]; unplaceable: unknown[] };
}

/** Taking a bus out of service (its riders re-dispatched as the desk's out-of-service does) or back, with a reason. */
export function VehicleServiceForm(props: { vehicle: AdminVehicle; onSaved: (text: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const id = `service-${props.vehicle.id.slice(0, 8)}-reason`;
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const goingOut = props.vehicle.inService;
  const heading = t(goingOut ? 'admin.fleet.outHeading' : 'admin.fleet.backHeading', { bus: props.vehicle.label });

  const save = async () => {
    if (!reason.trim()) return setErrors(localErrors([{ target: id, text: t('admin.reason.error') }]));
    setBusy(true);
    try {
      const answer = await change<ServiceAnswer>('PATCH', `/v1/admin/vehicles/${props.vehicle.id}`, { active: !goingOut, reason: reason.trim() });
      const report = answer.outOfService;
      props.onSaved(report
        ? t('admin.fleet.outSaved', { bus: props.vehicle.label, moved: report.reassigned.length, open: report.unplaceable.length })
        : t('admin.fleet.backSaved', { bus: props.vehicle.label }));
    } catch (error) {
      setErrors(formErrors(error, { reason: { id, textKey: 'admin.reason.error' } }, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label={heading} class="template-form">
      <h3 class="kern-heading-small">{heading}</h3>
      <Form errors={errors} onSubmit={() => void save()} busy={busy} label={heading}>
        <ReasonField id={id} value={reason} error={errors.byId[id]} onInput={setReason} />
        <div class="button-row">
          <Button type="submit" disabled={busy}>{t(goingOut ? 'admin.fleet.outConfirm' : 'admin.fleet.backConfirm')}</Button>
          <Button kind="tertiary" onClick={props.onClose}>{t('admin.stops.close')}</Button>
        </div>
      </Form>
    </section>
  );
}
