import { useTabletFormat } from './format';
import { ridersOf, type Manifest } from './manifest';
import type { Tablet } from './use-tablet';

/** Connection and the reports kept on the device: always in view, so the driver knows what the office has. */
export function QueueStatus(props: { tablet: Tablet; shiftId?: string }) {
  const { t } = useTabletFormat('UTC');
  const { events, online } = props.tablet;
  const waiting = events.filter((e) => e.state === 'queued' || e.state === 'held').length;
  const dropped = events.filter((e) => e.state === 'dropped' && e.shiftId === props.shiftId).length;
  const queueText = waiting === 0
    ? t('driver.status.allSent')
    : online
      ? t(waiting === 1 ? 'driver.status.sendingOne' : 'driver.status.sendingMany', { count: waiting })
      : t(waiting === 1 ? 'driver.status.waitingOne' : 'driver.status.waitingMany', { count: waiting });
  return (
    <div class={`queue-status${online ? '' : ' queue-status--offline'}`} role="status">
      <span class={`kern-icon ${online ? 'kern-icon--success' : 'kern-icon--warning'}`} aria-hidden="true" />
      <span class="queue-status__net">{t(online ? 'driver.status.online' : 'driver.status.offline')}</span>
      <span class="queue-status__queue">{queueText}</span>
      {dropped > 0 && <span class="queue-status__dropped">{t('driver.status.dropped', { count: dropped })}</span>}
    </div>
  );
}

/** Events inside their undo window: each can be taken back with one tap before it is sent. */
export function UndoBar(props: { tablet: Tablet }) {
  const { t } = useTabletFormat('UTC');
  const held = props.tablet.events.filter((e) => e.state === 'held');
  if (held.length === 0) return null;
  return (
    <section class="undo-bar" aria-label={t('driver.undo.label')}>
      <ul>
        {held.map((e) => {
          const what = t('driver.undo.what', { action: t(`driver.action.${e.type}`), who: e.riderName ?? e.stopName ?? '' });
          return (
            <li key={e.clientEventId}>
              <span class="undo-bar__what">{what}</span>
              <button type="button" class="kern-btn kern-btn--secondary tablet-btn" aria-label={`${t('driver.undo.button')}: ${what}`} onClick={() => props.tablet.undo(e.clientEventId)}>
                <span class="kern-label">{t('driver.undo.button')}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The sentences a plan change is announced with: who, when, where. */
export function changeSentences(manifest: Manifest, changes: Map<string, 'new' | 'moved'>, t: ReturnType<typeof useTabletFormat>['t'], time: (iso: string) => string): string[] {
  const entries = [...ridersOf(manifest).values()];
  return [...changes].flatMap(([bookingId, kind]) => {
    const entry = entries.find((e) => e.rider.bookingId === bookingId && e.boards) ?? entries.find((e) => e.rider.bookingId === bookingId);
    return entry ? [t(`driver.change.${kind}`, { name: entry.rider.firstName, time: time(entry.plannedAt), stop: entry.call.name ?? '' })] : [];
  });
}

/** The highlighted notice of a plan change, until the driver taps "Gesehen". */
export function ChangeNotice(props: { tablet: Tablet; manifest: Manifest; timeZone: string }) {
  const { t, time } = useTabletFormat(props.timeZone);
  // Only rides still on the plan: one the driver has served since (or that left the plan) needs no notice.
  const sentences = changeSentences(props.manifest, props.tablet.highlights, t, time);
  if (sentences.length === 0) return null;
  return (
    <section class="change-notice" aria-labelledby="change-heading">
      <h2 id="change-heading" class="kern-heading-small">{t('driver.change.heading')}</h2>
      <ul>
        {sentences.map((s) => <li key={s} class="kern-body">{s}</li>)}
      </ul>
      <button type="button" class="kern-btn kern-btn--secondary tablet-btn" onClick={props.tablet.acknowledge}>
        <span class="kern-label">{t('driver.change.seen')}</span>
      </button>
    </section>
  );
}
