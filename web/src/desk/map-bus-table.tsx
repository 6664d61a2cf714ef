import { useI18n } from '../i18n';
import { formatTime } from '../lib/format';
import { BUS_COLOURS, currentShift, lateMinutes, loadNow, lookFrom, stopsAhead } from './map-facts';
import type { OverrideAction } from './overrides-actions';
import { ServiceButton } from './overrides-service-button';
import type { Overview } from './overview-live';

/** The buses as a table, beside the map: what the map shows, for keyboard and screen reader users too. */
export function BusTable(props: { overview: Overview; onAction: (action: OverrideAction) => void }) {
  const { t, lang } = useI18n();
  const o = props.overview;
  const at = lookFrom(o);
  const now = Date.parse(o.at);
  const tz = o.area.timeZone;
  const age = (iso: string) => {
    const min = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
    return min < 1 ? t('desk.buses.justNow') : min < 120 ? t('desk.buses.minutesAgo', { min }) : t('desk.buses.at', { time: formatTime(iso, tz, lang) });
  };
  return (
    <table class="kern-table kern-table--small desk-buses">
      <caption class="kern-title kern-title--small">{t('desk.buses.caption')}</caption>
      <thead class="kern-table__header">
        <tr class="kern-table__row">
          <th scope="col" class="kern-table__header">{t('desk.buses.bus')}</th>
          <th scope="col" class="kern-table__header">{t('desk.buses.position')}</th>
          <th scope="col" class="kern-table__header kern-table__header--numeric">{t('desk.buses.load')}</th>
          <th scope="col" class="kern-table__header">{t('desk.buses.lateness')}</th>
          <th scope="col" class="kern-table__header">{t('desk.buses.next')}</th>
          <th scope="col" class="kern-table__header kern-table__header--action">{t('desk.buses.actions')}</th>
        </tr>
      </thead>
      <tbody class="kern-table__body">
        {o.buses.map((bus, index) => {
          const next = stopsAhead(bus, at)[0];
          const late = lateMinutes(o, bus);
          const shift = currentShift(bus, at);
          return (
            <tr key={bus.id} class={`kern-table__row${bus.inService ? '' : ' desk-buses__out'}`}>
              <th scope="row" class="kern-table__cell">
                <span class="bus-swatch" data-colour={bus.inService ? index % BUS_COLOURS.length : 'out'} aria-hidden="true" />
                {bus.label}
                {!bus.inService && <span class="desk-buses__reason">{t('desk.buses.outOfService', { reason: bus.outOfServiceReason ?? '' })}</span>}
                {bus.inService && !shift && <span class="desk-buses__reason">{t('desk.buses.noShift')}</span>}
              </th>
              <td class="kern-table__cell">{bus.position?.at ? age(bus.position.at) : t('desk.buses.noPosition')}</td>
              <td class="kern-table__cell kern-table__cell--numeric">{t('desk.buses.loadValue', { load: loadNow(o, bus), seats: bus.seats })}</td>
              <td class={`kern-table__cell${late ? ' is-late' : ''}`}>{late ? t('desk.buses.late', { min: late }) : t('desk.buses.onTime')}</td>
              <td class="kern-table__cell">{next ? t('desk.buses.nextValue', { time: formatTime(next.plannedAt, tz, lang), stop: next.stopName ?? '' }) : '–'}</td>
              <td class="kern-table__cell kern-table__cell--action">
                <ServiceButton bus={bus} onAction={props.onAction} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
