import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { formatTime } from '../lib/format';
import { overviewAreaOf, useDeskArea } from './desk-area';
import { DeskNav } from './desk-nav';
import type { OverrideAction } from './overrides-actions';
import { ServiceButton } from './overrides-service-button';
import { OverrideDialog } from './overrides-dialog';
import { OverviewHeader, useDeskDay } from './overview-header';
import { useLiveOverview, type DeskBus, type DeskShift, type Overview } from './overview-live';
import { bookingLabel } from './overview-names';
import { Reorder } from './timeline-reorder';
import { StopDetail } from './timeline-stop-detail';
import { visitsOf } from './timeline-visits';
import './desk.css';

/** The day of every bus, one row per bus and shift: each stop a mark to open; overrides from here. */
export default function TimelinePage() {
  const { t } = useI18n();
  const [day, setDay] = useDeskDay();
  const { areas, chosen, choose } = useDeskArea();
  const area = overviewAreaOf(areas, chosen);
  const { overview, error, connection, reload } = useLiveOverview(day, area);
  const [action, setAction] = useState<OverrideAction | null>(null);
  return (
    <>
      <DeskNav />
      <h1 class="kern-heading-x-large">{t('desk.nav.timeline')}</h1>
      <OverviewHeader day={day} onDay={setDay} overview={overview} connection={connection} areas={areas} area={area} onArea={choose} />
      {error && !overview && <p class="kern-body" role="alert">{t('desk.loadFailed')}</p>}
      {!overview && !error && <p class="kern-body">{t('desk.loading')}</p>}
      {overview && (
        <>
          <Unplaced overview={overview} onAction={setAction} />
          <ul class="timeline">
            {overview.buses.flatMap((bus) => (bus.shifts.length ? bus.shifts : [null]).map((shift) => (
              <TimelineRow key={`${bus.id}-${shift?.shiftId ?? 'none'}`} overview={overview} bus={bus} shift={shift} onAction={setAction} />
            )))}
          </ul>
          <OverrideDialog action={action} overview={overview} onClose={() => setAction(null)} onChanged={reload} />
        </>
      )}
    </>
  );
}

/** Rides without a bus, to put on one from here. */
function Unplaced(props: { overview: Overview; onAction: (action: OverrideAction) => void }) {
  const { t } = useI18n();
  const o = props.overview;
  if (o.bookings.needingAttention.length === 0) return null;
  return (
    <section class="desk-panel unplaced" aria-labelledby="unplaced-heading">
      <h2 class="kern-heading-medium" id="unplaced-heading">{t('desk.timeline.unplaced')}</h2>
      <ul class="attention-list">
        {o.bookings.needingAttention.map((b) => (
          <li key={b.id} class="attention-item attention-item--unplaced">
            <span class="kern-body">{bookingLabel(o, b.id, t)}</span>
            <button type="button" class="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => props.onAction({ kind: 'assign', bookingId: b.id, vehicleId: o.buses.find((x) => x.inService)?.id, previousVehicleId: null })}>
              <span class="kern-label">{t('desk.attention.assign')}<span class="sr-only"> ({bookingLabel(o, b.id, t)})</span></span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function TimelineRow(props: { overview: Overview; bus: DeskBus; shift: DeskShift | null; onAction: (action: OverrideAction) => void }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  const [reordering, setReordering] = useState(false);
  const { overview: o, bus, shift } = props;
  // A new plan version (this dispatcher's saved order, or anyone's change) ends an open re-ordering.
  useEffect(() => setReordering(false), [shift?.planVersion]);
  const tz = o.area.timeZone;
  const visits = shift ? visitsOf(o, shift.stops, shift.committedStops) : [];
  const opened = visits.find((v) => v.key === open);
  const rowId = `row-${bus.id}-${shift?.shiftId ?? 'none'}`;
  // Re-ordering needs two rides among the stops not yet under way: one ride's pickup always precedes its drop-off.
  const movable = shift ? shift.stops.length - shift.committedStops : 0;
  const ended = shift ? Date.parse(shift.endAt) <= Date.parse(o.at) : true;
  return (
    <li class={`timeline-row${bus.inService ? '' : ' timeline-row--out'}${visits.length === 0 ? ' timeline-row--empty' : ''}`} aria-labelledby={`${rowId}-heading`}>
      <div class="timeline-row__head">
        <h2 class="kern-heading-small" id={`${rowId}-heading`}>
          {bus.label}
          {shift && <span class="timeline-row__shift"> {t('desk.timeline.shift', { from: formatTime(shift.startAt, tz, lang), to: formatTime(shift.endAt, tz, lang) })}</span>}
        </h2>
        {!bus.inService && <p class="kern-body timeline-row__out">{t('desk.buses.outOfService', { reason: bus.outOfServiceReason ?? '' })}</p>}
        {visits.length === 0 && <p class="kern-body timeline-row__empty">{shift ? t('desk.timeline.noStops') : t('desk.buses.noShift')}</p>}
        <div class="timeline-row__actions">
          {bus.inService && shift && !ended && movable > 2 && !reordering && (
            <button type="button" class="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => setReordering(true)}>
              <span class="kern-label">{t('desk.reorder.start')}<span class="sr-only"> ({bus.label})</span></span>
            </button>
          )}
          <ServiceButton bus={bus} onAction={props.onAction} />
        </div>
      </div>
      {visits.length > 0 && (
        <ol class="timeline-row__stops" aria-label={t('desk.timeline.stopsOf', { bus: bus.label })}>
          {visits.map((v) => (
            <li key={v.key}>
              <button
                type="button"
                class={`stop-mark${v.late.length ? ' stop-mark--late' : ''}${v.committed ? ' stop-mark--committed' : ''}`}
                aria-expanded={open === v.key}
                aria-controls={open === v.key ? `${rowId}-detail` : undefined}
                onClick={() => setOpen(open === v.key ? null : v.key)}
              >
                <span class="stop-mark__time">{formatTime(v.plannedAt, tz, lang)}</span>
                <span class="stop-mark__name">{v.stopName}</span>
                <span class="stop-mark__facts">
                  {t('desk.timeline.inOut', { in: v.boarding.length, out: v.alighting.length })}
                  {' · '}{t('desk.timeline.load', { seats: v.load.seats, capacity: bus.seats })}
                  {v.load.wheelchairs > 0 && ` · ${t('desk.timeline.wheelchairLoad', { n: v.load.wheelchairs, capacity: bus.wheelchairPlaces })}`}
                </span>
                {v.late.length > 0 && <span class="stop-mark__late">{t('desk.timeline.late', { n: v.late.length })}</span>}
              </button>
            </li>
          ))}
        </ol>
      )}
      {opened && <StopDetail id={`${rowId}-detail`} overview={o} bus={bus} visit={opened} onAction={props.onAction} />}
      {reordering && shift && <Reorder overview={o} bus={bus} shift={shift} onAction={props.onAction} onDone={() => setReordering(false)} />}
    </li>
  );
}
