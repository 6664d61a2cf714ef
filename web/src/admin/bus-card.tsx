import { Button } from '../components/fields';
import { useI18n } from '../i18n';
import { change, type AdminStop, type AdminVehicle, type ShiftTemplate } from './admin-api';
import { ReasonAction } from './reason-action';
import type { Saved } from './saved-note';
import { TemplateForm } from './template-form';
import { VehicleServiceForm } from './vehicle-service-form';

/** Which form of the page is open, for which bus, template or shift (one at a time). */
export interface OpenForm {
  id: string;
  form: 'template' | 'service' | 'end' | 'edit' | 'cancel' | 'shift';
}

/** One bus: its facts, its weekly templates (each to change or end), a new template, out of service or back. */
export function BusCard(props: {
  vehicle: AdminVehicle; templates: ShiftTemplate[]; stops: AdminStop[]; open: OpenForm | null;
  show: (open: OpenForm) => void; close: () => void; done: (saved: Saved) => void;
}) {
  const { t } = useI18n();
  const { vehicle, open } = props;
  const depotName = (stopId: string) => props.stops.find((s) => s.id === stopId)?.name ?? '–';
  const daysText = (days: number[]) => [...days].sort().map((d) => t(`admin.weekdaysShort.${d}`)).join(', ');
  const lineOf = (tpl: ShiftTemplate) => [
    t('admin.fleet.templateLine', { days: daysText(tpl.weekdays), start: tpl.startTime, end: tpl.endTime }),
    ...tpl.breaks.map((b) => t('admin.calendar.break', { hours: `${b.from}–${b.to}` })),
  ].join(', ');
  const doneWith = (text: string) => props.done({ text });

  return (
    <section class="bus-card" aria-labelledby={`bus-${vehicle.id}`}>
      <h2 class="kern-heading-medium" id={`bus-${vehicle.id}`}>{vehicle.label}</h2>
      <p class="kern-body">{t('admin.fleet.busFacts', { seats: vehicle.seats, wheelchairs: vehicle.wheelchairPlaces, depot: depotName(vehicle.depotStopId) })}{vehicle.inService ? '' : ` ${t('admin.fleet.outOfService')}`}</p>
      {open?.id === vehicle.id && open.form === 'template' && <TemplateForm vehicle={vehicle} stops={props.stops} onSaved={props.done} onClose={props.close} />}
      {open?.id === vehicle.id && open.form === 'service' && <VehicleServiceForm vehicle={vehicle} onSaved={doneWith} onClose={props.close} />}
      {props.templates.length > 0 && (
        <ul class="kern-list template-list">
          {props.templates.map((tpl) => (
            <li key={tpl.id}>
              {lineOf(tpl)}{' '}
              {open?.id === tpl.id && open.form === 'end' && (
                <ReasonAction id={`end-${tpl.id.slice(0, 8)}`} heading={t('admin.fleet.endHeading', { bus: vehicle.label })} confirm={t('admin.fleet.endConfirm')} onClose={props.close} onSaved={doneWith}
                  run={async (reason) => {
                    await change('POST', `/v1/admin/shift-templates/${tpl.id}/deactivate`, { reason });
                    return t('admin.fleet.ended', { bus: vehicle.label });
                  }} />
              )}
              {open?.id === tpl.id && open.form === 'edit' && <TemplateForm vehicle={vehicle} stops={props.stops} template={tpl} onSaved={props.done} onClose={props.close} />}
              {open?.id !== tpl.id && (
                <span class="table-actions">
                  <Button kind="tertiary" onClick={() => props.show({ id: tpl.id, form: 'edit' })}>{t('admin.fleet.editTemplate')}<span class="sr-only"> {lineOf(tpl)}</span></Button>
                  <Button kind="tertiary" onClick={() => props.show({ id: tpl.id, form: 'end' })}>{t('admin.fleet.endTemplate')}<span class="sr-only"> {lineOf(tpl)}</span></Button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {open?.id !== vehicle.id && (
        <div class="button-row">
          <Button kind="secondary" onClick={() => props.show({ id: vehicle.id, form: 'template' })}>{t('admin.fleet.addTemplateFor', { bus: vehicle.label })}</Button>
          <Button kind="tertiary" onClick={() => props.show({ id: vehicle.id, form: 'service' })}>{t(vehicle.inService ? 'admin.fleet.takeOut' : 'admin.fleet.putBack', { bus: vehicle.label })}</Button>
        </div>
      )}
    </section>
  );
}
