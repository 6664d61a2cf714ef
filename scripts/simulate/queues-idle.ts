import { QueueEvents, type Queue } from 'bullmq';
import { redisConnection } from '../../workers/queues';

/** The dispatch queues a simulated day waits on, and whether the re-optimisation queue is paused (policy insertion). */
export interface WatchedQueues {
  bookings: Queue;
  events: Queue;
  reoptimise: Queue;
}

/** Longest wait for a queue event before the counts are read again anyway (an event missed, a job of another process). */
const FALLBACK_MS = 250;

/**
 * Tells when no job is waiting, delayed or running on the dispatch queues (the re-optimisation queue
 * counts only when it runs, not while paused by policy insertion). The counts are read once, then
 * again only after the queues announced something (a job added, started, finished, failed), so a
 * long solve costs a handful of reads, not one every few milliseconds: on a busy host each read is
 * a wake-up of the simulation's thread that waits for a core.
 */
export async function watchQueues(queues: WatchedQueues, redisUrl: string, options: { reoptimisePaused: boolean }) {
  const listeners = [queues.bookings, queues.events, queues.reoptimise].map((queue) => new QueueEvents(queue.name, {
    connection: redisConnection(redisUrl), prefix: queue.opts.prefix,
  }));
  await Promise.all(listeners.map((l) => l.waitUntilReady()));
  let announced: (() => void) | undefined;
  const onEvent = () => announced?.();
  for (const l of listeners) l.on('added', onEvent).on('active', onEvent).on('completed', onEvent).on('failed', onEvent).on('delayed', onEvent).on('waiting', onEvent);

  async function isIdle() {
    const states = ['active', 'waiting', 'delayed', 'prioritized'] as const;
    const counts = await Promise.all([
      queues.bookings.getJobCounts(...states),
      queues.events.getJobCounts(...states),
      options.reoptimisePaused ? queues.reoptimise.getJobCounts('active') : queues.reoptimise.getJobCounts(...states),
    ]);
    return counts.every((c) => Object.values(c).every((n) => n === 0));
  }

  return {
    /** Resolves once the queues are idle. */
    async idle(): Promise<void> {
      for (;;) {
        // Listening before reading: an announcement during the read is not lost.
        let timer: NodeJS.Timeout | undefined;
        const next = new Promise<void>((resolve) => {
          announced = resolve;
          timer = setTimeout(resolve, FALLBACK_MS);
        });
        const idle = await isIdle();
        if (!idle) await next;
        clearTimeout(timer);
        announced = undefined;
        if (idle) return;
      }
    },
    async close() {
      await Promise.all(listeners.map(async (l) => {
        const connection = await l.client;
        await l.close();
        connection.disconnect();
      }));
    },
  };
}
