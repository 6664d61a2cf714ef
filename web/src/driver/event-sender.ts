import { api, ApiError, OfflineError } from '../api';
import type { EventStore, LocalEvent } from './event-store';
import { ridersOf, type Manifest } from './manifest';

export interface SenderHooks {
  /** The plan version the tablet knows last (manifest or the last answer). */
  version(): number | undefined;
  /** The shift of the manifest the tablet holds. */
  shiftId(): string | undefined;
  /** An answer's plan version: the tablet's own event moved the plan. */
  answered(version: number): void;
  /** Reads the manifest afresh (after a `stale-plan-version` answer). */
  reread(): Promise<Manifest | undefined>;
  /** Whether the service could be reached. */
  connection(online: boolean): void;
}

const RETRY_MS = 4000;

/** Whether an event still makes sense on the plan read afresh: its rider still boards or leaves there. */
export function stillApplies(event: LocalEvent, manifest: Manifest): boolean {
  if (event.shiftId !== manifest.shiftId) return false;
  if (!event.bookingId) return true;
  const entries = ridersOf(manifest);
  return entries.has(`${event.bookingId}:${event.type === 'dropped_off' ? 'dropoff' : 'pickup'}`);
}

const bodyOf = (e: LocalEvent, planVersion: number) => ({
  type: e.type,
  clientEventId: e.clientEventId,
  planVersion,
  at: e.at,
  ...(e.stopId && !e.bookingId ? { stopId: e.stopId } : {}),
  ...(e.bookingId ? { bookingId: e.bookingId } : {}),
});

/**
 * Sends the queued events one at a time, in the order they happened; stops at the first that cannot
 * reach the service and tries again when the network returns (or every few seconds).
 */
export class EventSender {
  private running = false;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly store: EventStore, private readonly hooks: SenderHooks) {}

  start(): () => void {
    const online = () => void this.flush();
    window.addEventListener('online', online);
    void this.flush();
    return () => {
      window.removeEventListener('online', online);
      clearTimeout(this.timer);
    };
  }

  async flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    clearTimeout(this.timer);
    try {
      do {
        this.again = false;
        await this.sendAll();
      } while (this.again);
    } finally {
      this.running = false;
    }
  }

  private async sendAll(): Promise<void> {
    for (;;) {
      const next = this.store.all().find((e) => e.state === 'queued');
      if (!next) return;
      // The service applies an event to the driver's shift of the moment: one left over from an
      // earlier shift would land on the wrong plan.
      if (this.hooks.shiftId() !== undefined && next.shiftId !== this.hooks.shiftId()) {
        this.store.update(next.clientEventId, { state: 'dropped' });
        continue;
      }
      const planVersion = next.planVersion ?? this.hooks.version();
      if (planVersion === undefined) return this.retryLater();
      if (next.planVersion === undefined) this.store.update(next.clientEventId, { planVersion });
      const outcome = await this.sendOne(next, planVersion);
      if (outcome === 'retry') return this.retryLater();
    }
  }

  private async sendOne(event: LocalEvent, planVersion: number): Promise<'done' | 'retry'> {
    try {
      const { body } = await api<{ planVersion?: number }>('POST', '/v1/driver/events', bodyOf(event, planVersion));
      this.hooks.connection(true);
      this.store.update(event.clientEventId, { state: 'sent' });
      if (typeof body.planVersion === 'number') this.hooks.answered(body.planVersion);
      return 'done';
    } catch (error) {
      if (error instanceof OfflineError) {
        this.hooks.connection(false);
        return 'retry';
      }
      this.hooks.connection(true);
      if (!(error instanceof ApiError) || error.status >= 500 || error.status === 401 || error.status === 429) return 'retry';
      if (error.code === 'stale-plan-version' || error.code === 'booking-changed') {
        // The plan changed meanwhile (a new ride, a dispatcher): act on the current one if the event still fits it.
        const manifest = await this.hooks.reread();
        if (!manifest) return 'retry';
        this.store.update(event.clientEventId, stillApplies(event, manifest) ? { planVersion: manifest.version } : { state: 'dropped' });
        return 'done';
      }
      // Not on the plan any more (or refused otherwise): it cannot be sent as it is.
      this.store.update(event.clientEventId, { state: 'dropped' });
      return 'done';
    }
  }

  private retryLater(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), RETRY_MS);
  }
}
