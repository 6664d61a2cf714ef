import type { TestProject } from 'vitest/node';
import { ensureRedis } from '../src/infra/redis-bootstrap';

/** Finds or starts Redis once for the whole run; tests read it from the provided `redisUrl`. */
export default async function setup(project: TestProject) {
  const redis = await ensureRedis(process.env.REDIS_URL, process.env.DATA_DIR ?? './data/test');
  project.provide('redisUrl', redis.url);
  return () => redis.stop?.();
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
