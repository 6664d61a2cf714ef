import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

// Returns the open window's id and its remaining time, or opens a new window of ARGV[2] ms, or
// longer while KEYS[2] (a cool-down, when given) still lives.
const OPEN_WINDOW = `
local id = redis.call('get', KEYS[1])
if id then return {id, redis.call('pttl', KEYS[1])} end
local ms = tonumber(ARGV[2])
if KEYS[2] then ms = math.max(ms, redis.call('pttl', KEYS[2])) end
redis.call('set', KEYS[1], ARGV[1], 'PX', ms)
return {ARGV[1], ms}`;

// Time left of window ARGV[1]; 0 once it closed (or a newer window took the key). PTTL says 0 during
// the key's last millisecond, while a request can still join it: that counts as open (1 ms left).
const WINDOW_LEFT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pttl', KEYS[1]) + 1 else return 0 end`;

/**
 * A window that opens with the first request and closes `windowMs` later. Every request inside it gets
 * the same id and the time left, so one job serves them all, provided it starts only after the window
 * has closed (`windowClosed`), hence after every request that joined it was stored. A window opened
 * while `coolDownKey` lives (see coolDown) lasts until that expires: every request until then joins
 * it, so its job runs once, when the cool-down is over.
 */
export async function openWindow(redis: Redis, key: string, windowMs: number, coolDownKey?: string): Promise<{ id: string; delayMs: number }> {
  if (windowMs <= 0 && !coolDownKey) return { id: randomUUID(), delayMs: 0 };
  const keys = coolDownKey ? [key, coolDownKey] : [key];
  const [id, pttl] = (await redis.eval(OPEN_WINDOW, keys.length, ...keys, randomUUID(), Math.max(1, windowMs))) as [string, number];
  return { id, delayMs: Math.max(0, pttl) };
}

/** Starts (or restarts) a cool-down of `ms` under `key`. */
export async function coolDown(redis: Redis, key: string, ms: number): Promise<void> {
  if (ms > 0) await redis.set(key, '1', 'PX', ms);
}

/**
 * Resolves once window `id` has closed, by Redis's clock (the one that expires it), so clocks of the
 * machines that joined the window and of the one running its job need not agree.
 */
export async function windowClosed(redis: Redis, key: string, id: string): Promise<void> {
  for (;;) {
    const leftMs = (await redis.eval(WINDOW_LEFT, 1, key, id)) as number;
    if (leftMs <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, leftMs));
  }
}
