import { useState } from 'preact/hooks';
import { Button } from '../components/fields';
import { useI18n } from '../i18n';
import { formatLocalDate } from '../lib/format';
import type { PageProps } from '../page-props';
import { change, loadAdminArea, loadAdminStops, loadShiftCalendar, loadTemplates, loadVehicles, type AdminVehicle, type CalendarShift, type RidesReport, type ShiftTemplate } from './admin-api';
import { AdminNav } from './admin-nav';
import { BusCard, type OpenForm } from './bus-card';
import { ReasonAction } from './reason-action';
import { WEEKDAYS } from './rules-text';
import { SavedNote, type Saved } from './saved-note';
import { hoursOf, ShiftCalendarTable } from './shift-calendar';
import { ShiftForm } from './shift-form';
import { useLoad } from './use-load';
import { VehicleForm } from './vehicle-form';

/** The buses with their active weekly shift templates. */
const loadFleet = (areaId: string) => loadVehicles(areaId).then((vehicles) =>
  Promise.all(vehicles.map(async (vehicle) => ({ vehicle, templates: (await loadTemplates(vehicle.id)).filter((tpl) => tpl.active) }))));

/**
 * An area's buses and their shifts: the week at a glance, the dated shifts of the coming two weeks
 * (one to add, one to cancel), and per bus its weekly templates (new, changed, ended).
 */
export default function FleetPage(props: PageProps) {
  const { t, lang } = useI18n();
  const id = props.params.id;
  const area = useLoad(() => loadAdminArea(id), [id]);
  const stops = useLoad(() => loadAdminStops(id), [id]);
  const fleet = useLoad(() => loadFleet(id), [id]);
  const calendar = useLoad(() => loadShiftCalendar(id), [id]);
  const [open, setOpen] = useState<OpenForm | null>(null);
  const [cancelling, setCancelling] = useState<CalendarShift | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);

  if (area.failed || stops.failed || fleet.failed || calendar.failed) return <p class="kern-body">{t('admin.loadFailed')}</p>;
  if (!area.data || !stops.data || !fleet.data || !calendar.data) return <p class="kern-body">{t('common.loading')}</p>;
  const vehicles = fleet.data.map(({ vehicle }) => vehicle);
  const show = (next: OpenForm) => {
    setSaved(null);
    setOpen(next);
  };
  const close = () => setOpen(null);
  const done = (next: Saved) => {
    setOpen(null);
    setSaved(next);
    fleet.reload();
    calendar.reload();
  };
  const busOf = (vehicleId: string) => vehicles.find((v) => v.id === vehicleId)?.label ?? '–';
  const shiftWords = (shift: CalendarShift) => t('admin.calendar.shiftOf', { bus: busOf(shift.vehicleId), day: formatLocalDate(shift.date, lang), hours: hoursOf(shift.startAt, shift.endAt, calendar.data!.timeZone) });

  return (
    <>
      <AdminNav areaId={id} areaName={area.data.name} />
      <h1 class="kern-heading-x-large">{t('admin.fleet.heading', { name: area.data.name })}</h1>
      <SavedNote text={saved?.text ?? null} openRides={saved?.openRides} />
      {fleet.data.length === 0 ? <p class="kern-body">{t('admin.fleet.none')}</p> : (
        <>
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
          <section aria-labelledby="calendar-heading" class="shift-calendar">
            <h2 class="kern-heading-medium" id="calendar-heading">{t('admin.calendar.heading')}</h2>
            <p class="kern-body">{t('admin.calendar.intro')}</p>
            <ShiftCalendarTable vehicles={vehicles} calendar={calendar.data} onCancel={(shift) => {
              show({ id: shift.id, form: 'cancel' });
              setCancelling(shift);
            }} />
            {open?.form === 'cancel' && cancelling && (
              <ReasonAction<Saved> id={`cancel-${cancelling.id.slice(0, 8)}`} focus heading={t('admin.calendar.cancelHeading', { shift: shiftWords(cancelling) })} confirm={t('admin.calendar.cancelConfirm')} onClose={close} onSaved={done}
                run={async (reason) => {
                  const report = await change<RidesReport>('POST', `/v1/admin/shifts/${cancelling.id}/cancel`, { reason });
                  return { text: t('admin.calendar.cancelledSaved', { shift: shiftWords(cancelling), moved: report.reassigned.length, open: report.unplaceable.length }), openRides: report.unplaceable.map((u) => u.bookingId) };
                }} />
            )}
            {open?.form === 'shift'
              ? <ShiftForm vehicles={vehicles} timeZone={calendar.data.timeZone} firstDay={calendar.data.from} onSaved={done} onClose={close} />
              : <div class="button-row"><Button kind="secondary" onClick={() => show({ id, form: 'shift' })}>{t('admin.calendar.addShiftOpen')}</Button></div>}
          </section>
        </>
      )}
      {fleet.data.map(({ vehicle, templates }) => (
        <BusCard key={vehicle.id} vehicle={vehicle} templates={templates} stops={stops.data!} open={open} show={show} close={close} done={done} />
      ))}
      <VehicleForm areaId={id} stops={stops.data.filter((s) => s.active)} onSaved={(vehicle: AdminVehicle) => done({ text: t('admin.fleet.busSaved', { bus: vehicle.label }) })} />
    </>
  );
}

function spansOn(templates: ShiftTemplate[], weekday: number): string {
  return templates.filter((tpl) => tpl.weekdays.includes(weekday)).map((tpl) => `${tpl.startTime}–${tpl.endTime}`).sort().join(', ');
}
