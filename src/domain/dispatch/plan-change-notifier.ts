import { EventEmitter } from 'node:events';
import type { Database } from '../../../db/client';

/**
 * Tells waiting driver tablets that a shift's plan changed. Every writer of `vehicle_plans` calls
 * `notify(shiftId, version)` after its transaction commits; long-polls subscribe per shift. The
 * notifier also remembers the newest version it heard of, so an unchanged manifest costs no query.
 */
export interface PlanChangeNotifier {
  notify(shiftId: string, version: number): Promise<void>;
  /** The newest version this process heard of for the shift, if any. */
  latest(shiftId: string): number | undefined;
  /** Calls `listener` with each newer version; returns the unsubscribe function. */
  subscribe(shiftId: string, listener: (version: number) => void): () => void;
  /** Calls `listener` with every shift's newer versions (the dispatch desk's stream); returns the unsubscribe function. */
  subscribeAll(listener: (shiftId: string, version: number) => void): () => void;
  close(): Promise<void>;
}

/** What writers hold: the notifier, or nothing (tests and tools that write plans without listeners). */
export type PlanChangeSink = Pick<PlanChangeNotifier, 'notify'> | undefined;

/** For writers: announces committed plan versions; a failing notifier never fails the write. */
export async function announcePlanChanges(sink: PlanChangeSink, changes: Array<{ shiftId: string; version: number | undefined }>): Promise<void> {
  if (!sink) return;
  await Promise.all(changes.map(({ shiftId, version }) => (version === undefined ? undefined : sink.notify(shiftId, version).catch(() => undefined))));
}

/** Versions heard of, and in-process listeners. */
class PlanVersionBoard {
  private readonly versions = new Map<string, number>();
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Records a version; listeners hear it only when it is newer than any heard before. */
  heard(shiftId: string, version: number): void {
    const known = this.versions.get(shiftId);
    if (known !== undefined && known >= version) return;
    this.versions.set(shiftId, version);
    this.emitter.emit(shiftId, version);
    this.emitter.emit(ANY_SHIFT, shiftId, version);
  }

  latest(shiftId: string): number | undefined {
    return this.versions.get(shiftId);
  }

  subscribe(shiftId: string, listener: (version: number) => void): () => void {
    this.emitter.on(shiftId, listener);
    return () => this.emitter.off(shiftId, listener);
  }

  subscribeAll(listener: (shiftId: string, version: number) => void): () => void {
    this.emitter.on(ANY_SHIFT, listener);
    return () => this.emitter.off(ANY_SHIFT, listener);
  }
}

/** The board's event for a change of any shift (no shift id is a symbol). */
const ANY_SHIFT = Symbol('any shift');

/**
 * Across processes, for every writer: the database announces each committed plan write itself
 * (a trigger on vehicle_plans NOTIFYs `plan_changed` with "<shift id>:<version>"), so no writer can
 * forget and a rolled-back write announces nothing. `notify` only records what this process wrote.
 */
export async function createDatabasePlanChangeNotifier(database: Pick<Database, 'listen'>): Promise<PlanChangeNotifier> {
  const board = new PlanVersionBoard();
  const unlisten = await database.listen(PLAN_CHANGED_CHANNEL, (payload) => {
    const [shiftId, version] = payload.split(':');
    if (shiftId && Number.isInteger(Number(version))) board.heard(shiftId, Number(version));
  });
  return {
    async notify(shiftId, version) {
      board.heard(shiftId, version);
    },
    latest: (shiftId) => board.latest(shiftId),
    subscribe: (shiftId, listener) => board.subscribe(shiftId, listener),
    subscribeAll: (listener) => board.subscribeAll(listener),
    close: () => unlisten(),
  };
}

export const PLAN_CHANGED_CHANNEL = 'plan_changed';
