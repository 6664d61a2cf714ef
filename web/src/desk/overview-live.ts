import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get } from '../api';
import type { Overview } from './overview-types';

export type { DayKpis, DeskBooking, DeskBus, DeskShift, LateBooking, Overview, PlanStop } from './overview-types';

/** How long to wait before opening a stream again that the service closed. */
const RECONNECT_MS = 3000;
/** The service pings every 20 s: a stream silent for longer is dead (a proxy, a dropped line) and is opened again. */
const SILENCE_MS = 50_000;

export type Connection = 'connecting' | 'live' | 'lost';

/**
 * The overview of a day, kept current: the service's event stream says when anything changed and
 * the overview is read again then (one read at a time, the last change always read). A lost stream
 * is shown; the browser reconnects by itself and the overview is read again on reconnecting.
 * `areaId` null waits (the areas are not known yet); '' lets the service pick its only area.
 */
export function useLiveOverview(date: string | null, areaId: string | null) {
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const reload = useRef<() => void>(() => undefined);

  useEffect(() => {
    // The areas are not known yet: nothing to read (the first read would be of the wrong area).
    if (areaId === null) return undefined;
    const query = new URLSearchParams();
    if (date) query.set('date', date);
    if (areaId) query.set('areaId', areaId);
    const suffix = query.size ? `?${query.toString()}` : '';
    let stopped = false;
    let reading = false;
    let again = false;
    const read = async () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        do {
          again = false;
          try {
            const next = await get<Overview>(`/v1/dispatch/overview${suffix}`);
            if (!stopped) {
              setOverview(next);
              setError(null);
            }
          } catch (e) {
            if (!stopped) setError(e as Error);
          }
        } while (again && !stopped);
      } finally {
        reading = false;
      }
    };
    reload.current = () => void read();
    void read();
    let seenStamp: string | null = null;
    let stream: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let silence: ReturnType<typeof setTimeout> | undefined;
    const lost = () => {
      setConnection('lost');
      stream?.close();
      clearTimeout(silence);
      clearTimeout(retry);
      if (!stopped && navigator.onLine !== false) retry = setTimeout(connect, RECONNECT_MS);
    };
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(lost, SILENCE_MS);
    };
    const connect = () => {
      stream?.close();
      stream = new EventSource(`/v1/dispatch/stream${suffix}`);
      heard();
      stream.addEventListener('open', () => setConnection('live'));
      stream.addEventListener('ping', heard);
      stream.addEventListener('error', () => {
        setConnection('lost');
        // The browser retries by itself unless the answer was no stream at all (a restart, a proxy): then so do we.
        if (stream?.readyState === EventSource.CLOSED) lost();
      });
      stream.addEventListener('change', (event) => {
        heard();
        setConnection('live');
        const { stamp } = JSON.parse((event as MessageEvent<string>).data) as { stamp: string };
        // The first stamp tells the state the first read showed; after a reconnection a new stamp means a missed change.
        if (stamp === seenStamp) return;
        const first = seenStamp === null;
        seenStamp = stamp;
        if (!first) void read();
      });
    };
    // The browser knows before the stream does when the network is gone, and when it is back.
    const online = () => connect();
    window.addEventListener('offline', lost);
    window.addEventListener('online', online);
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(silence);
      window.removeEventListener('offline', lost);
      window.removeEventListener('online', online);
      stream?.close();
    };
  }, [date, areaId]);

  return { overview, error, connection, reload: () => reload.current() };
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
