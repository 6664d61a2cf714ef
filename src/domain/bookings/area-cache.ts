import { LRUCache } from 'lru-cache';
import type { areasRepository, Stop } from '../../data-access/areas-repository';

/** The area reads a booking request makes; the repository itself or a cache in front of it. */
export type AreaReads = Pick<ReturnType<typeof areasRepository>, 'findById' | 'findStop' | 'list' | 'activeStops' | 'vehicles' | 'stopsByIds'>;

export interface AreaCache extends AreaReads {
  /** Forget what was read about one area (or all), e.g. after this process changed its stops or buses. */
  invalidate(areaId?: string): void;
}

export interface AreaCacheOptions {
  /** How long a read is served from memory; changes made by another process show after at most this. */
  ttlMs?: number;
  nowMs?: () => number;
}

/**
 * A read-through cache of service areas, their active stops and their vehicles for the booking path,
 * which reads them on every request although they change a few times a year (stops) or a day (buses
 * out of service). Entries live `ttlMs` (default 5 s); concurrent misses share one query. Nothing here
 * decides a booking: the batch decider reads plans and shifts fresh, so a stale entry can at worst let
 * a request past a pre-check that the decision then rejects, or word a rejection from a stale list.
 */
export function createAreaCache(areas: AreaReads, options: AreaCacheOptions = {}): AreaCache {
  // Bounded: stops are kept one entry each, and an area may have thousands.
  const entries = new LRUCache<string, { value: Promise<unknown> }>({ max: 20_000, ttl: options.ttlMs ?? 5_000, ttlResolution: 0, perf: { now: options.nowMs ?? Date.now } });

  function read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = entries.get(key);
    if (hit) return hit.value as Promise<T>;
    const value = load();
    entries.set(key, { value });
    // A failed read is not remembered; the next request asks the database again.
    value.catch(() => {
      if (entries.peek(key)?.value === value) entries.delete(key);
    });
    return value;
  }

  /** Absent rows are not cached, so a stop or area created elsewhere is found at once. */
  async function readFound<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const found = await read(key, load);
    if (found === undefined) entries.delete(key);
    return found;
  }

  const peek = (key: string): Promise<unknown> | undefined => entries.get(key)?.value;

  async function stopsByIds(ids: string[]): Promise<Stop[]> {
    const unique = [...new Set(ids)];
    const cached = unique.map((id) => peek(`stop:${id}`));
    const missing = unique.filter((_, i) => cached[i] === undefined);
    const loaded = missing.length > 0 ? await areas.stopsByIds(missing) : [];
    for (const stop of loaded) entries.set(`stop:${stop.id}`, { value: Promise.resolve(stop) });
    const hits = (await Promise.all(cached.filter((p) => p !== undefined))) as Array<Stop | undefined>;
    return [...hits.filter((s) => s !== undefined), ...loaded];
  }

  return {
    findById: (id) => readFound(`area:${id}`, () => areas.findById(id)),
    list: () => read('areas', () => areas.list()),
    findStop: (id) => readFound(`stop:${id}`, () => areas.findStop(id)),
    stopsByIds,
    activeStops: (areaId) => read(`active-stops:${areaId}`, () => areas.activeStops(areaId)),
    vehicles: (areaId) => read(`vehicles:${areaId}`, () => areas.vehicles(areaId)),
    invalidate(areaId) {
      for (const key of [...entries.keys()]) {
        // Stops are keyed by id alone; a change to any area's stops is rare enough to forget them all.
        if (areaId === undefined || key.startsWith('stop:') || key === 'areas' || key.endsWith(`:${areaId}`)) entries.delete(key);
      }
    },
  };
}
