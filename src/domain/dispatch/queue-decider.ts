import type { Db } from '../../../db/client';
import type { Booking } from '../../data-access/bookings-repository';
import { createRepositories } from '../context';
import type { BookingDecider } from './decider';

/** The queue as the decider sees it; workers/ implements it with BullMQ. */
export interface DecisionQueue {
  /** Asks for a decision on the booking; bookings of one area within the batch window share a job. */
  request(areaId: string, bookingId: string): Promise<void>;
  /**
   * Calls `listener` with each booking whose decision committed — its row when the announcement
   * carried it, else its id alone; returns the unsubscribe function.
   */
  onDecided(listener: (decided: Decided) => void): () => void;
}

/**
 * A decided booking as announced: the row itself, or only its id (the row is read then); or a booking
 * that stays pending for a while (`pending` says why, e.g. road data unavailable), so its waiters stop.
 */
export type Decided = { id: string; booking?: Booking; pending?: string };

export interface QueueDeciderOptions {
  db: Db;
  queue: DecisionQueue;
  /** Takes a booking out of its plan (plan-version checked, so safe beside the workers). */
  release: (bookingId: string) => Promise<void>;
  /** Fallback check of the database for waiters whose batch event was missed. */
  pollMs?: number;
  /** `decide` gives up waiting after this long; the booking stays pending and the caller answers 202. */
  maxWaitMs?: number;
}

/**
 * The worker pool's side of the BookingDecider seam: enqueue, then wait until the booking is no
 * longer pending. Each committed decision is announced with the booking's row, which answers its
 * waiters without a read (a row announced by id alone is read); a slow shared poll of all waiters
 * covers lost announcements and decisions made another way.
 */
export function createQueueDecider(options: QueueDeciderOptions): BookingDecider & { close(): void } {
  const repos = createRepositories(options.db);
  const waiters = new Map<string, Array<(booking: Booking | undefined) => void>>();
  const wake = (id: string, booking: Booking | undefined) => {
    for (const resolve of waiters.get(id) ?? []) resolve(booking);
    waiters.delete(id);
  };
  const settle = async (ids: Iterable<string>) => {
    const wanted = [...ids].filter((id) => waiters.has(id));
    if (wanted.length === 0) return;
    for (const row of await repos.bookings.findByIds(wanted)) if (row.status !== 'pending') wake(row.id, row);
  };
  // A failed read leaves the waiters for the poll.
  const unsubscribe = options.queue.onDecided(({ id, booking, pending }) => {
    if (booking && booking.status !== 'pending') wake(id, booking);
    else if (pending) wake(id, undefined);
    else void settle([id]).catch(() => undefined);
  });
  const poll = setInterval(() => void settle(waiters.keys()).catch(() => undefined), options.pollMs ?? 500);
  poll.unref();

  return {
    async decide({ id, areaId }) {
      const decided = new Promise<Booking | undefined>((resolve) => {
        const timer = setTimeout(() => {
          const rest = (waiters.get(id) ?? []).filter((w) => w !== done);
          if (rest.length > 0) waiters.set(id, rest);
          else waiters.delete(id);
          resolve(undefined);
        }, options.maxWaitMs ?? 60_000);
        timer.unref();
        const done = (booking: Booking | undefined) => {
          clearTimeout(timer);
          resolve(booking);
        };
        waiters.set(id, [...(waiters.get(id) ?? []), done]);
      });
      await options.queue.request(areaId, id);
      return decided;
    },
    release: (bookingId) => options.release(bookingId),
    close() {
      clearInterval(poll);
      unsubscribe();
      for (const id of [...waiters.keys()]) wake(id, undefined);
    },
  };
}
