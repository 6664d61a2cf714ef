import { useI18n } from '../i18n';
import { formatTime } from '../lib/format';
import type { OverrideAction } from './overrides-actions';
import type { DeskBooking, DeskBus, Overview } from './overview-live';
import { riderName } from './overview-names';
import type { Visit } from './timeline-visits';

/** The riders of one stop, each with the overrides that apply to a ride: move to another bus, take off the bus, lock or unlock. */
export function StopDetail(props: { overview: Overview; bus: DeskBus; visit: Visit; onAction: (action: OverrideAction) => void; id: string }) {
  const { t, lang } = useI18n();
  const o = props.overview;
  const { visit, bus } = props;
  const riders: Array<{ booking: DeskBooking; boards: boolean }> = [
    ...visit.boarding.map((booking) => ({ booking, boards: true })),
    ...visit.alighting.map((booking) => ({ booking, boards: false })),
  ];
  const otherBus = (b: DeskBooking) => o.buses.find((x) => x.inService && x.id !== b.offer?.vehicleId)?.id;
  return (
    <section class="stop-detail" id={props.id} aria-labelledby={`${props.id}-heading`} tabIndex={-1}>
      <h3 class="kern-heading-small" id={`${props.id}-heading`}>
        {t('desk.timeline.stopHeading', { stop: visit.stopName, time: formatTime(visit.plannedAt, o.area.timeZone, lang), bus: bus.label })}
      </h3>
      <table class="kern-table kern-table--small">
        <thead class="kern-table__header">
          <tr class="kern-table__row">
            <th scope="col" class="kern-table__header">{t('desk.timeline.rider')}</th>
            <th scope="col" class="kern-table__header">{t('desk.timeline.what')}</th>
            <th scope="col" class="kern-table__header kern-table__header--numeric">{t('desk.timeline.seats')}</th>
            <th scope="col" class="kern-table__header">{t('desk.timeline.note')}</th>
            <th scope="col" class="kern-table__header kern-table__header--action">{t('desk.buses.actions')}</th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {riders.map(({ booking, boards }) => {
            const name = riderName(o, booking.riderId) ?? t('desk.unknownRider');
            const late = visit.late.includes(booking);
            return (
              <tr class="kern-table__row" key={`${booking.id}-${boards}`}>
                <th scope="row" class="kern-table__cell">
                  {name}
                  {booking.locked && <span class="kern-badge kern-badge--small kern-badge--info rider-lock"><span class="kern-label">{t('desk.timeline.locked')}</span></span>}
                </th>
                <td class={`kern-table__cell${late ? ' is-late' : ''}`}>
                  {t(boards ? 'desk.timeline.boards' : 'desk.timeline.alights', { to: booking.dropoff.name ?? '', from: booking.pickup.name ?? '' })}
                  {late && ` — ${t('desk.timeline.latePromise')}`}
                </td>
                <td class="kern-table__cell kern-table__cell--numeric">
                  {booking.seats}{booking.wheelchairs > 0 && ` ${t('desk.timeline.wheelchairs', { n: booking.wheelchairs })}`}
                </td>
                <td class="kern-table__cell">{booking.note ?? ''}</td>
                <td class="kern-table__cell kern-table__cell--action">
                  {booking.status !== 'on_board' && (
                    <div class="rider-actions">
                      <button type="button" class="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => props.onAction({ kind: 'assign', bookingId: booking.id, vehicleId: otherBus(booking), previousVehicleId: booking.offer?.vehicleId ?? null })}>
                        <span class="kern-label">{t('desk.timeline.assign')}<span class="sr-only"> ({name})</span></span>
                      </button>
                      <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => props.onAction({ kind: 'unassign', bookingId: booking.id, previousVehicleId: booking.offer?.vehicleId ?? null })}>
                        <span class="kern-label">{t('desk.timeline.unassign')}<span class="sr-only"> ({name})</span></span>
                      </button>
                      <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => props.onAction({ kind: booking.locked ? 'unlock' : 'lock', bookingId: booking.id })}>
                        <span class="kern-label">{t(booking.locked ? 'desk.timeline.unlock' : 'desk.timeline.lock')}<span class="sr-only"> ({name})</span></span>
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
