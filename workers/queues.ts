import { Queue, QueueEvents, type DefaultJobOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { openWindow } from './coalesce';

export const QUEUE_NAMES = { bookings: 'bookings', reoptimise: 'reoptimise', events: 'events' } as const;

/** Job data carries ids only; everything else is read from the database when the job runs. */
export interface AreaJob {
  areaId: string;
  reason?: string;
}

/** What a finished `decide` job reports, so waiting requests learn their outcome without polling. */
export interface DecideResult {
  areaId: string;
  decided: string[];
}

export interface QueueSettings {
  redisUrl: string;
  /** BullMQ key prefix; a unique one per test keeps tests apart. */
  prefix: string;
  batchWindowMs: number;
  /** Attempts of a job that fails with a transient error (database, OSRM), with exponential backoff. */
  attempts?: number;
  backoffMs?: number;
}

export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

export function defaultJobOptions(settings: Pick<QueueSettings, 'attempts' | 'backoffMs'>): DefaultJobOptions {
  return {
    attempts: settings.attempts ?? 5,
    backoff: { type: 'exponential', delay: settings.backoffMs ?? 500 },
    removeOnComplete: { count: 1000 },
    removeOnFail: { count: 5000 },
  };
}

/** The three queues and how work gets onto them. */
export function createDispatchQueues(settings: QueueSettings) {
  const connection = redisConnection(settings.redisUrl);
  const options = { connection, prefix: settings.prefix, defaultJobOptions: defaultJobOptions(settings) };
  const bookings = new Queue<AreaJob, DecideResult>(QUEUE_NAMES.bookings, options);
  const reoptimise = new Queue<AreaJob>(QUEUE_NAMES.reoptimise, options);
  const events = new Queue<AreaJob>(QUEUE_NAMES.events, options);
  const windowKey = (kind: string, areaId: string) => `${settings.prefix}:window:${kind}:${areaId}`;

  return {
    bookings,
    reoptimise,
    events,
    connection,
    /** Joins the area's open batch (or opens one); the batch job runs when the window closes. */
    async requestDecision(areaId: string): Promise<void> {
      const { id, delayMs } = await openWindow(connection, windowKey('decide', areaId), settings.batchWindowMs);
      await bookings.add('decide', { areaId }, { jobId: `decide_${areaId}_${id}`, delay: delayMs });
    },
    /** Re-optimisation soon; triggers within one batch window collapse into one run. */
    async requestReoptimise(areaId: string, reason: string): Promise<void> {
      const { id, delayMs } = await openWindow(connection, windowKey('reoptimise', areaId), settings.batchWindowMs);
      await reoptimise.add('reoptimise', { areaId, reason }, { jobId: `reoptimise_${areaId}_${id}`, delay: delayMs });
    },
    /** A driver or dispatcher event that needs re-planning of the area. */
    async enqueueReplan(areaId: string, reason: string): Promise<void> {
      await events.add('replan', { areaId, reason });
    },
    list: () => [bookings, reoptimise, events],
    async close(): Promise<void> {
      await Promise.all([bookings.close(), reoptimise.close(), events.close()]);
      connection.disconnect();
    },
  };
}

export type DispatchQueues = ReturnType<typeof createDispatchQueues>;

/** Calls `listener` with the ids of bookings each finished `decide` job decided. */
export function watchDecisions(settings: QueueSettings, listener: (bookingIds: string[]) => void) {
  const connection = redisConnection(settings.redisUrl);
  const events = new QueueEvents(QUEUE_NAMES.bookings, { connection, prefix: settings.prefix });
  events.on('completed', ({ returnvalue }) => {
    const result = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as DecideResult | null;
    if (result?.decided?.length) listener(result.decided);
  });
  return {
    ready: () => events.waitUntilReady(),
    async close() {
      await events.close();
      connection.disconnect();
    },
  };
}
