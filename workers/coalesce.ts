import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

// Returns the open window's id and its remaining time, or opens a new window of ARGV[2] ms.
const OPEN_WINDOW = `
local id = redis.call('get', KEYS[1])
if id then return {id, redis.call('pttl', KEYS[1])} end
redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {ARGV[1], tonumber(ARGV[2])}`;

/**
 * A window that opens with the first request and closes `windowMs` later. Every request inside it gets
 * the same id and the time left, so one job delayed to the window's end serves them all: it starts
 * only after the window has closed, hence after every request that joined it was stored.
 */
export async function openWindow(redis: Redis, key: string, windowMs: number): Promise<{ id: string; delayMs: number }> {
  if (windowMs <= 0) return { id: randomUUID(), delayMs: 0 };
  const [id, pttl] = (await redis.eval(OPEN_WINDOW, 1, key, randomUUID(), windowMs)) as [string, number];
  return { id, delayMs: Math.max(0, pttl) };
}
