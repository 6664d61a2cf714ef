import { Queue, Worker } from 'bullmq';
import type { Logger } from '../src/infra/logger';
import { defaultJobOptions, redisConnection, type QueueSettings } from './queues';

export const RETENTION_QUEUE = 'retention';
const SCHEDULER = 'daily-retention';
const DAY_MS = 86_400_000;

export interface RetentionJobDeps {
  redisUrl: string;
  queuePrefix: string;
  /** The run itself (applyRetention over the database); resolves with what it changed, for the log. */
  run: () => Promise<Record<string, number>>;
  log: Pick<Logger, 'info' | 'error'>;
  /** How often it runs (default daily); the first run is due at once. */
  everyMs?: number;
  /** Retries of a failed run, as for the other queues (JOB_ATTEMPTS, JOB_BACKOFF_MS). */
  retries: Pick<QueueSettings, 'attempts' | 'backoffMs'>;
}

/**
 * The retention run as a BullMQ job scheduler on its own queue: however many worker processes there
 * are, one scheduler (upserted by each under one key) makes one job per interval, and one worker runs
 * it. A failed run is retried with backoff like other jobs; the run is idempotent.
 */
export async function startRetentionJob(deps: RetentionJobDeps): Promise<{ queue: Queue; close(): Promise<void> }> {
  const connection = redisConnection(deps.redisUrl);
  const options = { connection, prefix: deps.queuePrefix, defaultJobOptions: defaultJobOptions(deps.retries) };
  const queue = new Queue(RETENTION_QUEUE, options);
  await queue.upsertJobScheduler(SCHEDULER, { every: deps.everyMs ?? DAY_MS }, { name: 'retention' });
  const workerConnection = redisConnection(deps.redisUrl);
  const worker = new Worker(RETENTION_QUEUE, async () => {
    const done = await deps.run();
    // Counts only: nothing that names a rider.
    deps.log.info(done, 'retention run');
    return done;
  }, { connection: workerConnection, prefix: deps.queuePrefix, concurrency: 1 });
  worker.on('failed', (_job, err) => deps.log.error({ err }, 'retention run failed; it is tried again'));
  return {
    queue,
    async close() {
      await worker.close();
      await queue.close();
      connection.disconnect();
      workerConnection.disconnect();
    },
  };
}
