import { describe, expect, it } from 'vitest';
import { landAreas, landDemand } from '../../scripts/simulate/land-areas';

const box = (points: Array<[number, number]>) => ({
  minLon: Math.min(...points.map((p) => p[0])), maxLon: Math.max(...points.map((p) => p[0])),
  minLat: Math.min(...points.map((p) => p[1])), maxLat: Math.max(...points.map((p) => p[1])),
});

describe('the Land-scale areas', () => {
  const areas = landAreas(12, 3);

  it('places the areas side by side without overlap', () => {
    const boxes = areas.map((a) => box(a.polygon.coordinates[0]));
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const [a, b] = [boxes[i], boxes[j]];
        const apart = a.maxLon < b.minLon || b.maxLon < a.minLon || a.maxLat < b.minLat || b.maxLat < a.minLat;
        expect(apart, `${areas[i].prefix} and ${areas[j].prefix}`).toBe(true);
      }
    }
  });

  it('gives each area its own stops inside it and its own buses at its own depots', () => {
    const codes = areas.flatMap((a) => a.stops.map((s) => s.code));
    expect(new Set(codes).size).toBe(codes.length);
    for (const area of areas) {
      const b = box(area.polygon.coordinates[0]);
      expect(area.stops.every((s) => s.lon > b.minLon && s.lon < b.maxLon && s.lat > b.minLat && s.lat < b.maxLat)).toBe(true);
      expect(area.buses).toHaveLength(3);
      const own = new Set(area.stops.map((s) => s.code));
      expect(area.buses.every((bus) => own.has(bus.depotStopCode))).toBe(true);
    }
  });

  it('gives the same demand for the same seed, about the total asked, each request within its area', () => {
    const settings = { day: '2026-12-01', seed: 3, requests: 1200 };
    const demand = landDemand(areas, settings);
    expect(landDemand(areas, settings)).toEqual(demand);
    expect(landDemand(areas, { ...settings, seed: 4 })).not.toEqual(demand);
    expect(demand.length).toBeGreaterThan(1000);
    expect(demand.length).toBeLessThan(1400);
    for (const area of areas) {
      const own = new Set(area.stops.map((s) => s.code));
      const mine = demand.filter((r) => r.area === area.index);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((r) => own.has(r.pickup) && own.has(r.dropoff) && r.id.startsWith(`${area.prefix}-`))).toBe(true);
    }
  });
});
