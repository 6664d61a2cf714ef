import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, OfflineError } from '../api';
import { EventSender } from './event-sender';
import { EventStore, newClientEventId, type LocalEvent, type RiderEventType, type StopEventType } from './event-store';
import { fetchManifest, LONG_POLL_S, planChanges, type Manifest } from './manifest';
import { lastManifest, rememberManifest } from './manifest-cache';

/** How long a tapped event is held back and can be taken back. */
export const UNDO_MS = 5000;
const RETRY_MS = 3000;
const DOUBLE_TAP_MS = 800;

export type Highlights = Map<string, 'new' | 'moved'>;

export interface Tablet {
  /** undefined while loading; null: no shift of this driver today. */
  manifest: Manifest | null | undefined;
  events: readonly LocalEvent[];
  online: boolean;
  sessionLost: boolean;
  highlights: Highlights;
  /** Rides that came or moved with the last plan change, for the announcement. */
  lastChange: { at: number; changes: Highlights } | undefined;
  /** Just after a tap the event buttons rest a moment, so a double tap reports one thing. */
  quiet: boolean;
  report(type: StopEventType | RiderEventType, target: { stopId?: string; bookingId?: string; stopName?: string; riderName?: string }): void;
  undo(clientEventId: string): void;
  acknowledge(): void;
}

/**
 * The tablet's live state: the manifest kept current by long-poll, the events of the road kept on the
 * device and sent in order, and the rides a plan change brought.
 */
export function useTablet(userId: string): Tablet {
  const store = useMemo(() => new EventStore(`etb.driver.events.${userId}`), [userId]);
  const [events, setEvents] = useState<readonly LocalEvent[]>(store.all());
  const [manifest, setManifest] = useState<Manifest | null | undefined>(() => lastManifest(userId));
  const [online, setOnline] = useState(true);
  const [sessionLost, setSessionLost] = useState(false);
  const [highlights, setHighlights] = useState<Highlights>(new Map());
  const [lastChange, setLastChange] = useState<Tablet['lastChange']>(undefined);
  const [quiet, setQuiet] = useState(false);
  const latest = useRef<{ manifest?: Manifest | null; version?: number; quietUntil?: number }>({ manifest, version: manifest?.version, quietUntil: 0 });

  const take = (next: Manifest | null) => {
    const before = latest.current.manifest;
    latest.current.manifest = next;
    if (next) {
      const known = before?.shiftId === next.shiftId ? latest.current.version : undefined;
      latest.current.version = Math.max(next.version, known ?? next.version);
      if (before && before.shiftId === next.shiftId) {
        const changes = planChanges(before, next);
        if (changes.size > 0) {
          setHighlights((old) => new Map([...old, ...changes]));
          setLastChange({ at: Date.now(), changes });
        }
      }
    }
    setManifest(next);
    rememberManifest(userId, next);
  };

  const sender = useMemo(
    () =>
      new EventSender(store, {
        version: () => latest.current.version,
        shiftId: () => latest.current.manifest?.shiftId,
        answered: (version) => {
          latest.current.version = Math.max(version, latest.current.version ?? version);
        },
        reread: async () => {
          const answer = await fetchManifest(undefined, 0).catch(() => undefined);
          if (answer?.kind !== 'changed') return undefined;
          take(answer.manifest);
          return answer.manifest;
        },
        connection: setOnline,
      }),
    [store],
  );

  useEffect(() => store.subscribe(() => setEvents(store.all())), [store]);
  useEffect(() => sender.start(), [sender]);

  // Events held in the undo window when the page closed are due now; the rest wait their time.
  useEffect(() => {
    const timers = store.all().filter((e) => e.state === 'held').map((e) => setTimeout(() => release(e.clientEventId), Math.max(0, (e.heldUntil ?? 0) - Date.now())));
    return () => timers.forEach(clearTimeout);
  }, [store]);

  // The long-poll: the service answers as soon as the plan changes.
  useEffect(() => {
    const aborted = new AbortController();
    let etag: string | undefined;
    const loop = async () => {
      while (!aborted.signal.aborted) {
        try {
          // A request the network swallowed (no answer, no error) is given up after the wait and a margin.
          // (Older tablet browsers without AbortSignal.any wait for the network's own timeout.)
          const signal = 'any' in AbortSignal ? AbortSignal.any([aborted.signal, AbortSignal.timeout((LONG_POLL_S + 10) * 1000)]) : aborted.signal;
          const answer = await fetchManifest(etag, etag ? LONG_POLL_S : 0, signal);
          setOnline(true);
          if (answer.kind === 'changed') {
            etag = answer.manifest.etag;
            take(answer.manifest);
            void sender.flush();
          } else if (answer.kind === 'no-shift') {
            etag = undefined;
            take(null);
            await pause(LONG_POLL_S * 1000, aborted.signal);
          }
        } catch (error) {
          if (aborted.signal.aborted) return;
          if (error instanceof OfflineError) setOnline(false);
          if (error instanceof ApiError && error.status === 401) {
            setSessionLost(true);
            return;
          }
          await pause(RETRY_MS, aborted.signal);
        }
      }
    };
    void loop();
    return () => aborted.abort();
  }, []);

  function release(clientEventId: string) {
    const event = store.all().find((e) => e.clientEventId === clientEventId);
    if (event?.state !== 'held') return;
    store.update(clientEventId, { state: 'queued', heldUntil: undefined });
    void sender.flush();
  }

  return {
    manifest,
    events,
    quiet,
    online,
    sessionLost,
    highlights,
    lastChange,
    report(type, target) {
      const shiftId = latest.current.manifest?.shiftId;
      // The next button appears where the tapped one was: a double tap (gloves, a bump in the road)
      // must not report two things.
      if (!shiftId || Date.now() < latest.current.quietUntil!) return;
      latest.current.quietUntil = Date.now() + DOUBLE_TAP_MS;
      setQuiet(true);
      setTimeout(() => setQuiet(false), DOUBLE_TAP_MS);
      const clientEventId = newClientEventId();
      store.add({ clientEventId, shiftId, type, ...target, at: new Date().toISOString(), state: 'held', heldUntil: Date.now() + UNDO_MS });
      setTimeout(() => release(clientEventId), UNDO_MS);
      // The tapped button is gone: keyboard and screen reader users continue at the stop's heading.
      requestAnimationFrame(() => document.getElementById('next-stop-heading')?.focus());
    },
    undo(clientEventId) {
      if (store.all().find((e) => e.clientEventId === clientEventId)?.state === 'held') store.remove(clientEventId);
    },
    acknowledge() {
      setHighlights(new Map());
    },
  };
}

/** Waits, but not past the network's return or the page's end. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
    signal.addEventListener('abort', done);
  });
}
