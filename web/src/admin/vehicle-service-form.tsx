import { useI18n } from '../i18n';
import { change, type AdminVehicle } from './admin-api';
import { ReasonAction } from './reason-action';

interface ServiceAnswer {
  vehicle: AdminVehicle;
  outOfService?: { reassigned: unknown[]; unplaceable: unknown[] };
}

/** Taking a bus out of service (its riders re-dispatched as the desk's out-of-service does) or back, with a reason. */
export function VehicleServiceForm(props: { vehicle: AdminVehicle; onSaved: (text: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const { vehicle } = props;
  const goingOut = vehicle.inService;
  const run = async (reason: string) => {
    const report = (await change<ServiceAnswer>('PATCH', `/v1/admin/vehicles/${vehicle.id}`, { active: !goingOut, reason })).outOfService;
    return report
      ? t('admin.fleet.outSaved', { bus: vehicle.label, moved: report.reassigned.length, open: report.unplaceable.length })
      : t('admin.fleet.backSaved', { bus: vehicle.label });
  };
  return (
    <ReasonAction id={`service-${vehicle.id.slice(0, 8)}`} heading={t(goingOut ? 'admin.fleet.outHeading' : 'admin.fleet.backHeading', { bus: vehicle.label })}
      confirm={t(goingOut ? 'admin.fleet.outConfirm' : 'admin.fleet.backConfirm')} run={run} onSaved={props.onSaved} onClose={props.onClose} />
  );
}
