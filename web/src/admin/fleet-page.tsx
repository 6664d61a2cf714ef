import { useState } from 'preact/hooks';
import { Button } from '../components/fields';
import { useI18n } from '../i18n';
import type { PageProps } from '../page-props';
import { change, loadAdminArea, loadAdminStops, loadTemplates, loadVehicles, type AdminVehicle, type ShiftTemplate } from './admin-api';
import { AdminNav } from './admin-nav';
import { ReasonAction } from './reason-action';
import { WEEKDAYS } from './rules-text';
import { SavedNote } from './saved-note';
import { TemplateForm } from './template-form';
import { useLoad } from './use-load';
import { VehicleForm } from './vehicle-form';
import { VehicleServiceForm } from './vehicle-service-form';

/** The buses with their active weekly shift templates. */
const loadFleet = (areaId: string) => loadVehicles(areaId).then((vehicles) =>
  Promise.all(vehicles.map(async (vehicle) => ({ vehicle, templates: (await loadTemplates(vehicle.id)).filter((tpl) => tpl.active) }))));

/** An area's buses and their weekly shifts: the week at a glance, a new bus, a new shift template per bus. */
export default function FleetPage(props: PageProps) {
  const { t } = useI18n();
  const id = props.params.id;
  const area = useLoad(() => loadAdminArea(id), [id]);
  const stops = useLoad(() => loadAdminStops(id), [id]);
  const fleet = useLoad(() => loadFleet(id), [id]);
  const [open, setOpen] = useState<{ id: string; form: 'template' | 'service' | 'end' } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  if (area.failed || stops.failed || fleet.failed) return <p class="kern-body">{t('admin.loadFailed')}</p>;
  if (!area.data || !stops.data || !fleet.data) return <p class="kern-body">{t('common.loading')}</p>;
  const daysText = (days: number[]) => [...days].sort().map((d) => t(`admin.weekdaysShort.${d}`)).join(', ');
  const depotName = (stopId: string) => stops.data?.find((s) => s.id === stopId)?.name ?? '–';
  const show = (vehicleId: string, form: 'template' | 'service' | 'end') => {
    setSaved(null);
    setOpen({ id: vehicleId, form });
  };
  const done = (text: string) => {
    setOpen(null);
    setSaved(text);
    fleet.reload();
  };

  return (
    <>
      <AdminNav areaId={id} areaName={area.data.name} />
      <h1 class="kern-heading-x-large">{t('admin.fleet.heading', { name: area.data.name })}</h1>
      <SavedNote text={saved} />
      {fleet.data.length === 0 ? <p class="kern-body">{t('admin.fleet.none')}</p> : (
        <div class="admin-table-wrap">
          <table class="kern-table week-table">
            <caption class="kern-title">{t('admin.fleet.week')}</caption>
            <thead class="kern-table__header">
              <tr class="kern-table__row">
                <th scope="col" class="kern-table__header">{t('admin.fleet.bus')}</th>
                {WEEKDAYS.map((day) => <th key={day} scope="col" class="kern-table__header"><abbr title={t(`admin.weekdays.${day}`)}>{t(`admin.weekdaysShort.${day}`)}</abbr></th>)}
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {fleet.data.map(({ vehicle, templates }) => (
                <tr class="kern-table__row" key={vehicle.id}>
                  <th scope="row" class="kern-table__header">{vehicle.label}</th>
                  {WEEKDAYS.map((day) => <td key={day} class="kern-table__cell">{spansOn(templates, Number(day)) || '–'}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {fleet.data.map(({ vehicle, templates }) => (
        <section key={vehicle.id} class="bus-card" aria-labelledby={`bus-${vehicle.id}`}>
          <h2 class="kern-heading-medium" id={`bus-${vehicle.id}`}>{vehicle.label}</h2>
          <p class="kern-body">{t('admin.fleet.busFacts', { seats: vehicle.seats, wheelchairs: vehicle.wheelchairPlaces, depot: depotName(vehicle.depotStopId) })}{vehicle.inService ? '' : ` ${t('admin.fleet.outOfService')}`}</p>
          {open?.id === vehicle.id && open.form === 'template' && <TemplateForm vehicle={vehicle} onSaved={done} onClose={() => setOpen(null)} />}
          {open?.id === vehicle.id && open.form === 'service' && <VehicleServiceForm vehicle={vehicle} onSaved={done} onClose={() => setOpen(null)} />}
          {templates.length > 0 && (
            <ul class="kern-list template-list">
              {templates.map((tpl) => (
                <li key={tpl.id}>
                  {t('admin.fleet.templateLine', { days: daysText(tpl.weekdays), start: tpl.startTime, end: tpl.endTime })}{' '}
                  {open?.id === tpl.id ? (
                    <ReasonAction id={`end-${tpl.id.slice(0, 8)}`} heading={t('admin.fleet.endHeading', { bus: vehicle.label })} confirm={t('admin.fleet.endConfirm')} onClose={() => setOpen(null)} onSaved={done}
                      run={async (reason) => {
                        await change('POST', `/v1/admin/shift-templates/${tpl.id}/deactivate`, { reason });
                        return t('admin.fleet.ended', { bus: vehicle.label });
                      }} />
                  ) : <Button kind="tertiary" onClick={() => show(tpl.id, 'end')}>{t('admin.fleet.endTemplate')}<span class="sr-only"> {t('admin.fleet.templateLine', { days: daysText(tpl.weekdays), start: tpl.startTime, end: tpl.endTime })}</span></Button>}
                </li>
              ))}
            </ul>
          )}
          {open?.id !== vehicle.id && (
            <div class="button-row">
              <Button kind="secondary" onClick={() => show(vehicle.id, 'template')}>{t('admin.fleet.addTemplateFor', { bus: vehicle.label })}</Button>
              <Button kind="tertiary" onClick={() => show(vehicle.id, 'service')}>{t(vehicle.inService ? 'admin.fleet.takeOut' : 'admin.fleet.putBack', { bus: vehicle.label })}</Button>
            </div>
          )}
        </section>
      ))}
      <VehicleForm areaId={id} stops={stops.data.filter((s) => s.active)} onSaved={(vehicle: AdminVehicle) => done(t('admin.fleet.busSaved', { bus: vehicle.label }))} />
    </>
  );
}

function spansOn(templates: ShiftTemplate[], weekday: number): string {
  return templates.filter((tpl) => tpl.weekdays.includes(weekday)).map((tpl) => `${tpl.startTime}–${tpl.endTime}`).sort().join(', ');
}
