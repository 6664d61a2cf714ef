/** The tablet's events of the road, kept on the device until the service has them. */
export type StopEventType = 'arrived' | 'departed';
export type RiderEventType = 'picked_up' | 'dropped_off' | 'no_show';

export interface LocalEvent {
  clientEventId: string;
  shiftId: string;
  type: StopEventType | RiderEventType;
  stopId?: string;
  bookingId?: string;
  /** When the driver tapped: sent as `at`, so an event sent after a dead zone keeps its time. */
  at: string;
  /**
   * held: inside the undo window; queued: waiting to be sent; sent: the service has it;
   * dropped: the plan no longer has it (the service refused it).
   */
  state: 'held' | 'queued' | 'sent' | 'dropped';
  heldUntil?: number;
  /** Fixed at the first attempt, so a resend after a lost answer is the same request (answered from its record). */
  planVersion?: number;
  /** For the screen: where, and whom. */
  stopName?: string;
  riderName?: string;
}

const KEEP = 200;

/** A list of events in localStorage under one key per driver, with listeners for the screen. */
export class EventStore {
  private events: LocalEvent[];
  private listeners = new Set<() => void>();

  constructor(private readonly key: string) {
    this.events = EventStore.read(key);
  }

  private static read(key: string): LocalEvent[] {
    try {
      const parsed = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
      return Array.isArray(parsed) ? (parsed as LocalEvent[]) : [];
    } catch {
      return [];
    }
  }

  all(): readonly LocalEvent[] {
    return this.events;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  add(event: LocalEvent): void {
    this.events = [...this.events, event];
    this.save();
  }

  update(clientEventId: string, patch: Partial<LocalEvent>): void {
    this.events = this.events.map((e) => (e.clientEventId === clientEventId ? { ...e, ...patch } : e));
    this.save();
  }

  remove(clientEventId: string): void {
    this.events = this.events.filter((e) => e.clientEventId !== clientEventId);
    this.save();
  }

  private save(): void {
    // Sent events of the past are no longer needed; those not yet sent are never dropped for space.
    const open = this.events.filter((e) => e.state === 'held' || e.state === 'queued');
    if (this.events.length > KEEP) this.events = [...this.events.filter((e) => !open.includes(e)).slice(-(KEEP - open.length)), ...open].sort((a, b) => a.at.localeCompare(b.at));
    try {
      localStorage.setItem(this.key, JSON.stringify(this.events));
    } catch {
      // Storage full or off: the events still live in memory for this visit.
    }
    for (const listener of this.listeners) listener();
  }
}

export const newClientEventId = () => `tab-${crypto.randomUUID()}`;
