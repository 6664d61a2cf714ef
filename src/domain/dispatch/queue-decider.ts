import type { Db } from '../../../db/client';
import { createRepositories } from '../context';
import type { BookingDecider } from './decider';

/** The queue as the decider sees it; workers/ implements it with BullMQ. */
export interface DecisionQueue {
  /** Asks for a decision on the booking; bookings of one area within the batch window share a job. */
  request(areaId: string, bookingId: string): Promise<void>;
  /** Calls `listener` with the ids each finished batch decided; returns the unsubscribe function. */
  onDecided(listener: (bookingIds: string[]) => void): () => void;
}

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
 * longer pending. Finished batches name the bookings they decided (no polling per request); a slow
 * shared poll of all waiters covers lost events and decisions made by the periodic sweep.
 */
export function createQueueDecider(options: QueueDeciderOptions): BookingDecider & { close(): void } {
  const repos = createRepositories(options.db);
  const waiters = new Map<string, Array<() => void>>();
  const settle = (ids: Iterable<string>) => {
    for (const id of ids) {
      for (const wake of waiters.get(id) ?? []) wake();
      waiters.delete(id);
    }
  };
  const unsubscribe = options.queue.onDecided(settle);
  const poll = setInterval(() => {
    if (waiters.size === 0) return;
    repos.bookings.findByIds([...waiters.keys()])
      .then((rows) => settle(rows.filter((b) => b.status !== 'pending').map((b) => b.id)))
      .catch(() => undefined);
  }, options.pollMs ?? 500);
  poll.unref();

  return {
    async decide(bookingId) {
      const booking = await repos.bookings.findById(bookingId);
      if (!booking || booking.status !== 'pending') return;
      const decided = new Promise<void>((resolve) => {
        const list = waiters.get(bookingId) ?? [];
        list.push(resolve);
        waiters.set(bookingId, list);
        setTimeout(() => {
          const rest = (waiters.get(bookingId) ?? []).filter((wake) => wake !== resolve);
          if (rest.length > 0) waiters.set(bookingId, rest);
          else waiters.delete(bookingId);
          resolve();
        }, options.maxWaitMs ?? 60_000).unref();
      });
      await options.queue.request(booking.areaId, bookingId);
      await decided;
    },
    release: (bookingId) => options.release(bookingId),
    close() {
      clearInterval(poll);
      unsubscribe();
      settle([...waiters.keys()]);
    },
  };
}
