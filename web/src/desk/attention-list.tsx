import { useI18n } from '../i18n';
import { formatTime } from '../lib/format';
import type { OverrideAction } from './overrides-actions';
import type { DeskBooking, Overview } from './overview-live';
import { bookingLabel } from './overview-names';

/** A decision the worker pool has not written after this long needs a look. */
const PENDING_TOO_LONG_MS = 60_000;

interface Item {
  key: string;
  kind: 'unplaced' | 'late' | 'pending';
  text: string;
  action?: { label: string; run: () => void };
}

const pickupTime = (b: DeskBooking) => b.offer?.pickupWindow.from ?? b.departAfter ?? b.arriveBy ?? b.createdAt;

/**
 * What needs the dispatcher now, most urgent first: promised rides no bus carries (after a
 * breakdown, or taken off a bus), rides a bus will serve later than promised, and bookings whose
 * decision has waited more than a minute — each with the action that resolves it.
 */
export function AttentionList(props: { overview: Overview; onAction: (action: OverrideAction) => void }) {
  const { t, lang } = useI18n();
  const o = props.overview;
  const tz = o.area.timeZone;
  const now = Date.parse(o.at);
  const items: Item[] = [
    ...o.bookings.needingAttention.map((b): Item => ({
      key: `u-${b.id}`,
      kind: 'unplaced',
      text: t('desk.attention.unplaced', { booking: bookingLabel(o, b.id, t), time: formatTime(pickupTime(b), tz, lang) }),
      action: { label: t('desk.attention.assign'), run: () => props.onAction({ kind: 'assign', bookingId: b.id, vehicleId: o.buses.find((x) => x.inService)?.id, previousVehicleId: null }) },
    })),
    ...o.bookings.late.map((b): Item => ({
      key: `l-${b.id}-${b.late.stop}`,
      kind: 'late',
      text: t(`desk.attention.late.${b.late.stop}`, {
        booking: bookingLabel(o, b.id, t),
        min: Math.ceil(b.late.bySeconds / 60),
        planned: formatTime(b.late.plannedAt, tz, lang),
        promised: formatTime(b.late.promisedBy, tz, lang),
      }),
      action: { label: t('desk.attention.moveBus'), run: () => props.onAction({ kind: 'assign', bookingId: b.id, vehicleId: o.buses.find((x) => x.inService && x.id !== b.offer?.vehicleId)?.id, previousVehicleId: b.offer?.vehicleId ?? null }) },
    })),
    ...o.bookings.pending.filter((b) => now - Date.parse(b.createdAt) > PENDING_TOO_LONG_MS).map((b): Item => ({
      key: `p-${b.id}`,
      kind: 'pending',
      text: t('desk.attention.pending', { booking: bookingLabel(o, b.id, t), min: Math.floor((now - Date.parse(b.createdAt)) / 60_000) }),
      action: { label: t('desk.attention.decide'), run: () => props.onAction({ kind: 'decide', bookingId: b.id }) },
    })),
  ];
  return (
    <section class="desk-panel" aria-labelledby="attention-heading">
      <h2 class="kern-heading-medium" id="attention-heading">
        {t('desk.attention.heading')} <span class="kern-badge kern-badge--small kern-badge--info"><span class="kern-label">{items.length}</span></span>
      </h2>
      {items.length === 0 ? (
        <p class="kern-body">{t('desk.attention.none')}</p>
      ) : (
        <ul class="attention-list">
          {items.map((item) => (
            <li key={item.key} class={`attention-item attention-item--${item.kind}`}>
              <span class="attention-item__kind kern-label">{t(`desk.attention.kind.${item.kind}`)}</span>
              <span class="kern-body">{item.text}</span>
              {item.action && (
                <button type="button" class="kern-btn kern-btn--secondary kern-btn--x-small" onClick={item.action.run}>
                  <span class="kern-label">{item.action.label}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
