import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { newClientEventId } from './event-store';

/** Keeps the screen on while the tablet page is open (Screen Wake Lock API, where the browser has it). */
export function useWakeLock(): void {
  useEffect(() => {
    let lock: WakeLockSentinel | undefined;
    let closed = false;
    const request = async () => {
      if (document.visibilityState !== 'visible' || !('wakeLock' in navigator)) return;
      try {
        lock = await navigator.wakeLock.request('screen');
        if (closed) void lock.release();
      } catch {
        // Refused (battery saver, no permission): the screen may dim as usual.
      }
    };
    void request();
    // The browser lets go of the lock when the page is hidden; take it again on return.
    document.addEventListener('visibilitychange', request);
    return () => {
      closed = true;
      document.removeEventListener('visibilitychange', request);
      void lock?.release().catch(() => undefined);
    };
  }, []);
}

export const POSITION_EVERY_MS = 30_000;

export type PositionStatus = { kind: 'off' } | { kind: 'waiting' } | { kind: 'sent'; at: string } | { kind: 'denied' } | { kind: 'unavailable' };

/**
 * Sends the bus's position every 30 s while the driver has switched it on and the shift runs. The
 * browser asks for permission only after the driver's tap on the switch. Positions are not queued
 * in a dead zone: an old position is of no use to anyone.
 */
export function usePositionReports(enabled: boolean, shiftRuns: boolean): PositionStatus {
  const [status, setStatus] = useState<PositionStatus>({ kind: 'off' });
  useEffect(() => {
    if (!enabled || !shiftRuns) {
      setStatus({ kind: 'off' });
      return;
    }
    if (!('geolocation' in navigator)) {
      setStatus({ kind: 'unavailable' });
      return;
    }
    let stopped = false;
    setStatus({ kind: 'waiting' });
    const report = () =>
      navigator.geolocation.getCurrentPosition(
        (fix) => {
          if (stopped) return;
          const time = new Date(fix.timestamp).toISOString();
          const body = { type: 'position', clientEventId: newClientEventId(), lat: fix.coords.latitude, lon: fix.coords.longitude, time };
          api('POST', '/v1/driver/events', body).then(
            () => !stopped && setStatus({ kind: 'sent', at: time }),
            () => undefined,
          );
        },
        (error) => {
          if (stopped) return;
          setStatus({ kind: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' });
        },
        { enableHighAccuracy: true, maximumAge: 10_000, timeout: 20_000 },
      );
    report();
    const timer = setInterval(report, POSITION_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [enabled, shiftRuns]);
  return status;
}
