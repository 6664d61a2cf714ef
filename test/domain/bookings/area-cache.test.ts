import { describe, expect, it } from 'vitest';
import type { ServiceArea, Stop, Vehicle } from '../../../src/data-access/areas-repository';
import { createAreaCache, type AreaReads } from '../../../src/domain/bookings/area-cache';

const stop = (id: string, areaId = 'a1') => ({ id, areaId, code: id, name: id }) as unknown as Stop;

/** Area reads over fixed rows that count the queries they answer. */
function countingReads() {
  const calls: string[] = [];
  const stops = [stop('s1'), stop('s2'), stop('s3')];
  let failNext = false;
  const reads: AreaReads = {
    async findById(id) { calls.push(`findById ${id}`); return id === 'a1' ? ({ id } as ServiceArea) : undefined; },
    async list() { calls.push('list'); return [{ id: 'a1' } as ServiceArea]; },
    async findStop(id) { calls.push(`findStop ${id}`); return stops.find((s) => s.id === id); },
    async stopsByIds(ids) { calls.push(`stopsByIds ${ids.join(',')}`); return stops.filter((s) => ids.includes(s.id)); },
    async activeStops(areaId) {
      calls.push(`activeStops ${areaId}`);
      if (failNext) { failNext = false; throw new Error('connection lost'); }
      return stops;
    },
    async vehicles(areaId) { calls.push(`vehicles ${areaId}`); return [] as Vehicle[]; },
  };
  return { reads, calls, stops, failOnce: () => { failNext = true; } };
}

describe('area cache', () => {
  it('answers repeated reads within the TTL with one query, concurrent ones included', async () => {
    const { reads, calls } = countingReads();
    const cache = createAreaCache(reads, { ttlMs: 5000, nowMs: () => 0 });
    await Promise.all([cache.activeStops('a1'), cache.activeStops('a1'), cache.vehicles('a1'), cache.findById('a1')]);
    await cache.activeStops('a1');
    expect(calls).toEqual(['activeStops a1', 'vehicles a1', 'findById a1']);
  });

  it('reads again once the TTL has passed or after invalidate', async () => {
    const { reads, calls } = countingReads();
    let nowMs = Date.parse('2026-12-01T06:00:00+01:00');
    const cache = createAreaCache(reads, { ttlMs: 5000, nowMs: () => nowMs });
    await cache.vehicles('a1');
    nowMs += 5000;
    await cache.vehicles('a1');
    expect(calls).toEqual(['vehicles a1']);
    nowMs += 1;
    await cache.vehicles('a1');
    cache.invalidate('a1');
    await cache.vehicles('a1');
    expect(calls).toEqual(['vehicles a1', 'vehicles a1', 'vehicles a1']);
  });

  it('does not remember absent rows or failed reads', async () => {
    const { reads, calls, stops, failOnce } = countingReads();
    const cache = createAreaCache(reads, { nowMs: () => 0 });
    expect(await cache.findStop('s9')).toBeUndefined();
    stops.push(stop('s9'));
    expect((await cache.findStop('s9'))?.id).toBe('s9');
    failOnce();
    await expect(cache.activeStops('a1')).rejects.toThrow('connection lost');
    expect(await cache.activeStops('a1')).toHaveLength(4);
    expect(calls).toEqual(['findStop s9', 'findStop s9', 'activeStops a1', 'activeStops a1']);
  });

  it('looks up by id only the stops it does not hold', async () => {
    const { reads, calls } = countingReads();
    const cache = createAreaCache(reads, { nowMs: () => 0 });
    await cache.findStop('s1');
    const found = await cache.stopsByIds(['s1', 's2', 's2', 'nope']);
    expect(found.map((s) => s.id).sort()).toEqual(['s1', 's2']);
    await cache.stopsByIds(['s2']);
    expect(calls).toEqual(['findStop s1', 'stopsByIds s2,nope']);
  });
});
