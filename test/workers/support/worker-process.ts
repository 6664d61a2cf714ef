/**
 * A worker process for multi-process tests, started with `node --import tsx`: the service composed as
 * `npm run worker` composes it (composeService, role `worker`). Settings come from the environment
 * (tests may read it): DATABASE_URL, REDIS_URL, QUEUE_PREFIX, NOW (fixed clock), and
 * PAUSE_FIRST_COMMIT=1: the process stops right before its first write, with the area lock held,
 * and says so by pushing its pid to `${QUEUE_PREFIX}:committing`; it goes on when the test pushes to
 * `${QUEUE_PREFIX}:resume:${pid}` (or is killed there). Every area-lock holding interval is appended
 * to the Redis list `${QUEUE_PREFIX}:lock-log`.
 */
import { Redis } from 'ioredis';
import { openDatabase } from '../../../db/client';
import { StraightLineEstimate } from '../../../routing/travel-times';
import { composeService } from '../../../src/compose';
import { parseConfig } from '../../../src/config/env';
import { createLogger } from '../../../src/infra/logger';
import { WORKER_TEST_ENV } from './worker-app';

const env = process.env;

async function main() {
  const database = await openDatabase({ url: env.DATABASE_URL!, maxConnections: 5 });
  const redis = new Redis(env.REDIS_URL!);
  const prefix = env.QUEUE_PREFIX!;
  let pauseFirstCommit = env.PAUSE_FIRST_COMMIT === '1';
  const now = new Date(env.NOW!);
  const config = parseConfig({ ...WORKER_TEST_ENV, REDIS_PREFIX: prefix, WORKER_CONCURRENCY: '4', SOLVER_THREADS: '1' });
  const service = await composeService(config, {
    database,
    redisUrl: env.REDIS_URL!,
    travelTimes: new StraightLineEstimate(),
    log: createLogger(env.TEST_LOG_LEVEL ?? 'silent', `worker-${process.pid}`),
    now: () => now,
    observe: {
      async lockHeld(areaId, job, fromMs, toMs) {
        await redis.rpush(`${prefix}:lock-log`, JSON.stringify({ areaId, job, pid: process.pid, fromMs, toMs }));
      },
      async beforeCommit() {
        if (!pauseFirstCommit) return;
        pauseFirstCommit = false;
        await redis.rpush(`${prefix}:committing`, String(process.pid));
        // A connection of its own: BLPOP blocks it until the test lets this process go on.
        const waiting = new Redis(env.REDIS_URL!);
        await waiting.blpop(`${prefix}:resume:${process.pid}`, 0);
        waiting.disconnect();
      },
    },
  }, 'worker');
  process.on('SIGTERM', async () => {
    await service.close();
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
