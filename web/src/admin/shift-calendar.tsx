import { Button } from '../components/fields';
import { useI18n, type Lang } from '../i18n';
import { addDays, isoWeekdayOf, localParts } from '../lib/zoned-time';
import { formatLocalDate } from '../lib/format';
import type { AdminVehicle, CalendarShift, ShiftCalendar } from './admin-api';

/** "05:30–22:00" in the area's clock. */
export const hoursOf = (from: string, to: string, timeZone: string) => `${localParts(new Date(from), timeZone).time}–${localParts(new Date(to), timeZone).time}`;

/** A local date as day and month: "1.12." in German, "01/12" in English. */
export const dayAndMonth = (date: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'UTC', day: 'numeric', month: 'numeric' }).format(new Date(`${date}T12:00:00Z`));

/** The dates the calendar covers, first to last. */
function daysOf(calendar: ShiftCalendar): string[] {
  const days: string[] = [];
  for (let day = calendar.from; day <= calendar.to; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * The dated shifts of the coming days: a row per bus, a column per day; each shift with its hours and
 * breaks, a single one marked as such, a cancelled one struck through with its reason. A shift that
 * has not begun can be cancelled (`onCancel`); the table scrolls sideways on narrow screens.
 */
export function ShiftCalendarTable(props: { vehicles: AdminVehicle[]; calendar: ShiftCalendar; onCancel: (shift: CalendarShift) => void }) {
  const { t, lang } = useI18n();
  const { calendar } = props;
  const zone = calendar.timeZone;
  const days = daysOf(calendar);
  const dayLabel = (day: string) => `${t(`admin.weekdaysShort.${isoWeekdayOf(day)}`)} ${dayAndMonth(day, lang)}`;

  const shiftCell = (vehicle: AdminVehicle, shift: CalendarShift) => {
    const hours = hoursOf(shift.startAt, shift.endAt, zone);
    return (
      <li key={shift.id} class={`calendar-shift${shift.cancelledAt ? ' calendar-shift--cancelled' : ''}`}>
        {shift.cancelledAt ? <del class="calendar-hours">{hours}</del> : <span class="calendar-hours">{hours}</span>}
        {shift.breaks.map((b) => <span key={b.startAt} class="calendar-note calendar-hours">{t('admin.calendar.break', { hours: hoursOf(b.startAt, b.endAt, zone) })}</span>)}
        {shift.templateId === null && !shift.cancelledAt && <span class="calendar-note">{t('admin.calendar.single')}</span>}
        {shift.cancelledAt && <span class="calendar-note"><strong>{t('admin.calendar.cancelled')}</strong> {shift.cancelReason ?? ''}</span>}
        {!shift.cancelledAt && shift.started && <span class="calendar-note">{t('admin.calendar.started')}</span>}
        {!shift.cancelledAt && !shift.started && (
          <Button kind="tertiary" onClick={() => props.onCancel(shift)}>
            {t('admin.calendar.cancel')}<span class="sr-only"> {t('admin.calendar.shiftOf', { bus: vehicle.label, day: formatLocalDate(shift.date, lang), hours })}</span>
          </Button>
        )}
      </li>
    );
  };

  return (
    <div class="admin-table-wrap" role="region" aria-labelledby="calendar-caption" tabIndex={0}>
      <table class="kern-table calendar-table">
        <caption class="kern-title" id="calendar-caption">{t('admin.calendar.caption', { days: days.length })}</caption>
        <thead class="kern-table__header">
          <tr class="kern-table__row">
            <th scope="col" class="kern-table__header">{t('admin.fleet.bus')}</th>
            {days.map((day) => (
              <th key={day} scope="col" class="kern-table__header">
                <span aria-hidden="true">{dayLabel(day)}</span><span class="sr-only">{formatLocalDate(day, lang)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {props.vehicles.map((vehicle) => (
            <tr class="kern-table__row" key={vehicle.id}>
              <th scope="row" class="kern-table__header">{vehicle.label}</th>
              {days.map((day) => {
                const shifts = calendar.items.filter((s) => s.vehicleId === vehicle.id && s.date === day);
                return (
                  <td key={day} class="kern-table__cell">
                    {shifts.length === 0
                      ? <><span aria-hidden="true">–</span><span class="sr-only">{t('admin.calendar.none')}</span></>
                      : <ul class="calendar-shifts">{shifts.map((shift) => shiftCell(vehicle, shift))}</ul>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
