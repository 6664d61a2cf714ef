import type { RoadDataWait } from '../src/domain/dispatch/road-data-wait';
import type { Logger } from '../src/infra/logger';
import type { DispatchQueues } from './queues';

/** First wait before deciding an area's waiting bookings again; it doubles up to the maximum. */
const FIRST_RETRY_MS = 1000;

/**
 * Bookings that wait for road data are decided again with backoff (1 s, 2 s, 4 s … up to `maxDelayMs`,
 * ROAD_DATA_RETRY_MAX_S), never later than the moment the first of them runs out of lead time, so
 * they are decided within `maxDelayMs` of OSRM coming back — not at the next periodic run — or
 * rejected on time. The backoff starts again once an area has nothing waiting.
 */
export function createRoadDataRetry(queues: Pick<DispatchQueues, 'retryDecision'>, log: Logger, options: { maxDelayMs: number; nowMs?: () => number }) {
  const attempts = new Map<string, number>();
  const nowMs = options.nowMs ?? Date.now;
  return {
    /** Bookings noticed as waiting in this process (their `booking.waiting` event is written once). */
    noticed: new Set<string>(),
    async after(areaId: string, waiting: RoadDataWait | undefined): Promise<void> {
      if (!waiting || waiting.ids.length === 0) {
        attempts.delete(areaId);
        return;
      }
      const attempt = attempts.get(areaId) ?? 0;
      attempts.set(areaId, attempt + 1);
      const backoffMs = Math.min(options.maxDelayMs, FIRST_RETRY_MS * 2 ** attempt);
      const delayMs = Math.max(0, Math.min(backoffMs, waiting.untilMs - nowMs()));
      log.warn({ areaId, waiting: waiting.ids.length, retryInMs: delayMs, problem: waiting.problem }, 'bookings wait for road data');
      await queues.retryDecision(areaId, delayMs);
    },
  };
}

export type RoadDataRetry = ReturnType<typeof createRoadDataRetry>;
