/**
 * A worker process for multi-process tests, started with `node --import tsx`. Settings come from the
 * environment (tests may read it): DATABASE_URL, REDIS_URL, QUEUE_PREFIX, NOW (fixed clock),
 * HOLD_MS (extra time each lock is held, to make overlaps likely if the lock were broken),
 * FIRST_COMMIT_DELAY_MS (a pause before this process's first write, a window to kill it in).
 * Every area-lock holding interval is appended to the Redis list `${QUEUE_PREFIX}:lock-log`.
 */
import { Redis } from 'ioredis';
import { openDatabase } from '../../../db/client';
import { StraightLineEstimate } from '../../../routing/travel-times';
import { createLogger } from '../../../src/infra/logger';
import { startWorkers } from '../../../workers';
import { testSettings } from './worker-app';

const env = process.env;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const database = await openDatabase({ url: env.DATABASE_URL!, maxConnections: 5 });
  const redis = new Redis(env.REDIS_URL!);
  const prefix = env.QUEUE_PREFIX!;
  const holdMs = Number(env.HOLD_MS ?? 0);
  let firstCommitDelayMs = Number(env.FIRST_COMMIT_DELAY_MS ?? 0);
  const now = new Date(env.NOW!);
  const dispatch = await startWorkers({
    db: database.db,
    listen: database.listen,
    redisUrl: env.REDIS_URL!,
    travelTimes: new StraightLineEstimate(),
    log: createLogger(env.TEST_LOG_LEVEL ?? 'silent', `worker-${process.pid}`),
    settings: testSettings({ queuePrefix: prefix, concurrency: 4, solverThreads: 1 }),
    now: () => now,
    observe: {
      async lockHeld(areaId, job, fromMs) {
        await sleep(holdMs);
        await redis.rpush(`${prefix}:lock-log`, JSON.stringify({ areaId, job, pid: process.pid, fromMs, toMs: Date.now() }));
      },
      async beforeCommit() {
        const delay = firstCommitDelayMs;
        firstCommitDelayMs = 0;
        if (delay > 0) {
          await redis.rpush(`${prefix}:committing`, String(process.pid));
          await sleep(delay);
        }
      },
    },
  });
  process.on('SIGTERM', async () => {
    await dispatch.close();
    await database.close();
    redis.disconnect();
    process.exit(0);
  });
  console.log('ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
