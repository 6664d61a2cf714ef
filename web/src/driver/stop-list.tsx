import { useTabletFormat } from './format';
import type { ManifestCall } from './manifest';
import type { Highlights } from './use-tablet';

/** The stops after the next one: time, place, who boards and leaves. */
export function StopList(props: { calls: ManifestCall[]; highlights: Highlights; timeZone: string }) {
  const { t, time } = useTabletFormat(props.timeZone);
  return (
    <section class="stop-list" aria-labelledby="stop-list-heading">
      <h2 id="stop-list-heading" class="kern-heading-medium">{t('driver.rest.heading')}</h2>
      {props.calls.length === 0 ? (
        <p class="kern-body">{t('driver.rest.none')}</p>
      ) : (
        <ol class="stop-list__items">
          {props.calls.map((call, i) => {
            const riders = [...call.alighting.map((r) => ({ r, boards: false })), ...call.boarding.map((r) => ({ r, boards: true }))];
            const changed = riders.some(({ r }) => props.highlights.has(r.bookingId));
            return (
              <li key={`${call.stopId}-${i}`} class={`stop-list__item${changed ? ' stop-list__item--changed' : ''}`}>
                <p class="stop-list__time">{time(call.plannedAt)}</p>
                <div>
                  <p class="stop-list__name">{call.name}</p>
                  <ul class="stop-list__riders">
                    {riders.map(({ r, boards }) => {
                      const mark = props.highlights.get(r.bookingId);
                      return (
                        <li key={`${r.bookingId}:${boards}`}>
                          {mark && <span class="kern-badge kern-badge--warning rider__mark"><span class="kern-label">{t(`driver.rider.${mark}`)}</span></span>}
                          {time(r.plannedAt)} {r.firstName} {t(boards ? 'driver.rider.boards' : 'driver.rider.alights')}
                          {r.wheelchairs > 0 && `, ${t('driver.rider.wheelchair')}`}
                        </li>
                      );
                    })}
                  </ul>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
