import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { formatTime } from '../lib/format';
import type { OverrideAction, SequenceStop } from './overrides-actions';
import type { DeskBus, DeskShift, Overview } from './overview-live';
import { riderName } from './overview-names';

/**
 * A new order for a shift's remaining stops, by dragging a stop or with its "earlier" / "later"
 * buttons; the new order goes to the service (checked, forceable) only when the dispatcher saves it.
 */
export function Reorder(props: { overview: Overview; bus: DeskBus; shift: DeskShift; onAction: (action: OverrideAction) => void; onDone: () => void }) {
  const { t, lang } = useI18n();
  const o = props.overview;
  const fixed = props.shift.stops.slice(0, props.shift.committedStops);
  const [draft, setDraft] = useState(() => props.shift.stops.slice(props.shift.committedStops));
  const [dragged, setDragged] = useState<number | null>(null);
  const [said, setSaid] = useState('');
  const byId = new Map(o.bookings.carried.map((b) => [b.id, b]));
  const label = (index: number) => {
    const s = draft[index];
    const b = byId.get(s.bookingId);
    return t(s.kind === 'pickup' ? 'desk.reorder.pickup' : 'desk.reorder.dropoff', {
      time: formatTime(s.plannedAt, o.area.timeZone, lang), stop: s.stopName ?? '', rider: b ? riderName(o, b.riderId) ?? '' : '',
    });
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= draft.length || from === to) return;
    const next = [...draft];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    setDraft(next);
    setSaid(t('desk.reorder.moved', { stop: label(from), position: to + 1, count: draft.length }));
    // Keep the focus on the moved stop's button in its new place.
    const side = to === 0 ? 'down' : to === draft.length - 1 ? 'up' : to < from ? 'up' : 'down';
    requestAnimationFrame(() => document.getElementById(`reorder-${props.shift.shiftId}-${to}-${side}`)?.focus());
  };
  const key = (s: SequenceStop) => ({ bookingId: s.bookingId, kind: s.kind });
  const changed = draft.some((s, i) => s !== props.shift.stops[props.shift.committedStops + i]);
  return (
    <section class="reorder" aria-labelledby={`reorder-${props.shift.shiftId}-heading`}>
      <h3 class="kern-heading-small" id={`reorder-${props.shift.shiftId}-heading`}>{t('desk.reorder.heading', { bus: props.bus.label })}</h3>
      <p class="kern-body">{t('desk.reorder.hint')}</p>
      <ol class="reorder__list">
        {draft.map((s, index) => (
          <li
            key={`${s.bookingId}-${s.kind}`}
            class={`reorder__item${dragged === index ? ' reorder__item--dragged' : ''}`}
            draggable
            onDragStart={(e) => {
              setDragged(index);
              e.dataTransfer?.setData('text/plain', String(index));
            }}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              const raw = e.dataTransfer?.getData('text/plain') ?? '';
              const from = raw === '' ? dragged : Number(raw);
              if (from !== null) move(from, index);
              setDragged(null);
            }}
            onDragEnd={() => setDragged(null)}
          >
            <span class="reorder__grip" aria-hidden="true">⠿</span>
            <span class="kern-body reorder__label">{label(index)}</span>
            <button type="button" id={`reorder-${props.shift.shiftId}-${index}-up`} class="kern-btn kern-btn--tertiary kern-btn--x-small" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={`${t('desk.reorder.up')}: ${label(index)}`}>
              <span class="kern-label">{t('desk.reorder.up')}</span>
            </button>
            <button type="button" id={`reorder-${props.shift.shiftId}-${index}-down`} class="kern-btn kern-btn--tertiary kern-btn--x-small" disabled={index === draft.length - 1} onClick={() => move(index, index + 1)} aria-label={`${t('desk.reorder.down')}: ${label(index)}`}>
              <span class="kern-label">{t('desk.reorder.down')}</span>
            </button>
          </li>
        ))}
      </ol>
      <p class="sr-only" role="status">{said}</p>
      <div class="button-row">
        <button
          type="button"
          class="kern-btn kern-btn--primary"
          disabled={!changed}
          onClick={() => props.onAction({ kind: 'sequence', vehicleId: props.bus.id, shiftId: props.shift.shiftId, stops: [...fixed, ...draft].map(key), previous: props.shift.stops.map(key) })}
        >
          <span class="kern-label">{t('desk.reorder.save')}</span>
        </button>
        <button type="button" class="kern-btn kern-btn--secondary" onClick={props.onDone}>
          <span class="kern-label">{t('desk.reorder.cancel')}</span>
        </button>
      </div>
    </section>
  );
}
