import { Queue, type DefaultJobOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { coolDown, openWindow, windowClosed } from './coalesce';

export const QUEUE_NAMES = { bookings: 'bookings', reoptimise: 'reoptimise', events: 'events' } as const;

/** Job data carries ids only; everything else is read from the database when the job runs. */
export interface AreaJob {
  areaId: string;
  reason?: string;
  /** A decide job serves the bookings of this batch window, and starts once it has closed. */
  windowId?: string;
}

/** The events queue: an area's event, or the periodic tick (no area) that asks every area to re-optimise. */
export interface EventJob {
  areaId?: string;
  reason?: string;
}

/** The one job scheduler of periodic re-optimisation (on the events queue). */
export const PERIODIC_SCHEDULER = 'periodic-reoptimise';

/** What a finished `decide` job reports (shown on the queue dashboard; requests hear of decisions from the database). */
export interface DecideResult {
  areaId: string;
  decided: string[];
  /** Set when the job was dropped (an area this database does not have). */
  dropped?: string;
}

export interface QueueSettings {
  redisUrl: string;
  /** BullMQ key prefix; a unique one per test keeps tests apart. */
  prefix: string;
  batchWindowMs: number;
  /**
   * Least time from the start of one re-optimisation of an area to the next: triggers meanwhile (a
   * late bus reports every position) collapse into one run when it has passed (REPLAN_MIN_INTERVAL_S).
   */
  replanMinIntervalMs: number;
  /** Attempts of a job that fails with a transient error (database, OSRM), with exponential backoff (JOB_ATTEMPTS, JOB_BACKOFF_MS). */
  attempts: number;
  backoffMs: number;
}

export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

export function defaultJobOptions(settings: Pick<QueueSettings, 'attempts' | 'backoffMs'>): DefaultJobOptions {
  return {
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs },
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
  const events = new Queue<EventJob>(QUEUE_NAMES.events, options);
  const windowKey = (kind: string, areaId: string) => `${settings.prefix}:window:${kind}:${areaId}`;
  const openHere = new Map<string, { closesAtMs: number; job: Promise<unknown> }>();

  return {
    bookings,
    reoptimise,
    events,
    connection,
    /**
     * Joins the area's open batch (or opens one); the batch job runs when the window closes. A window
     * this process joined is known to stay open until at least the time it was asked plus the time
     * Redis said was left, so requests until then join it without asking Redis again: their bookings
     * are stored before the window closes, hence before its job reads the pending ones.
     */
    async requestDecision(areaId: string): Promise<void> {
      const known = openHere.get(areaId);
      if (known && Date.now() < known.closesAtMs) {
        await known.job;
        return;
      }
      const askedAtMs = Date.now();
      const { id, delayMs } = await openWindow(connection, windowKey('decide', areaId), settings.batchWindowMs);
      // Queued at once, not delayed: the worker waits for the window itself (windowClosed), which
      // spares the delayed-job promotion (tens of milliseconds) on every booking's path.
      const job = bookings.add('decide', { areaId, windowId: id }, { jobId: `decide_${areaId}_${id}` });
      const entry = { closesAtMs: askedAtMs + delayMs, job };
      if (settings.batchWindowMs > 0) openHere.set(areaId, entry);
      job.catch(() => {
        if (openHere.get(areaId) === entry) openHere.delete(areaId);
      });
      await job;
    },
    /** Decides the area's pending bookings again after `delayMs` (bookings waiting for road data). */
    async retryDecision(areaId: string, delayMs: number): Promise<void> {
      // One retry per area and second: several batches asking at once schedule it once.
      const dueS = Math.ceil((Date.now() + delayMs) / 1000);
      await bookings.add('decide', { areaId, reason: 'road-data' }, { jobId: `decide-retry_${areaId}_${dueS}`, delay: delayMs });
    },
    /** Resolves once the decide window `windowId` of the area has closed (see openWindow). */
    decideWindowClosed: (areaId: string, windowId: string) => windowClosed(connection, windowKey('decide', areaId), windowId),
    /**
     * Re-optimisation soon: after one batch window, or once replanMinIntervalMs has passed since the
     * area's last run began; triggers until then collapse into one run. (A run holds the area's lock
     * while it solves, so bookings of the area wait until it sees them and stops.)
     */
    async requestReoptimise(areaId: string, reason: string): Promise<void> {
      const { id, delayMs } = await openWindow(connection, windowKey('reoptimise', areaId), settings.batchWindowMs, windowKey('reoptimised', areaId));
      await reoptimise.add('reoptimise', { areaId, reason }, { jobId: `reoptimise_${areaId}_${id}`, delay: delayMs });
    },
    /** A re-optimisation of the area begins: the next triggered one waits replanMinIntervalMs. */
    reoptimiseStarted: (areaId: string) => coolDown(connection, windowKey('reoptimised', areaId), settings.replanMinIntervalMs),
    /**
     * Every area re-optimised every `everyS` seconds (0: never), by one scheduler whose tick reaches
     * the areas there are at that time, so an area added later is included without a restart.
     * Per-area schedulers of earlier versions (`every_<area>` on the reoptimise queue) are removed.
     */
    async schedulePeriodic(everyS: number): Promise<void> {
      for (const scheduler of await reoptimise.getJobSchedulers()) {
        if (scheduler.key.startsWith('every_')) await reoptimise.removeJobScheduler(scheduler.key);
      }
      if (everyS > 0) await events.upsertJobScheduler(PERIODIC_SCHEDULER, { every: everyS * 1000 }, { name: 'periodic', data: { reason: 'periodic' } });
      else await events.removeJobScheduler(PERIODIC_SCHEDULER);
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
