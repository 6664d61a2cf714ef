import { booleanClockwise, booleanPointInPolygon, distance, kinks, lineString, point, pointToLineDistance, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { demoServiceArea, demoShift, demoStops, demoUsers, demoVehicles } from '../../../db/seed/eifel-demo-data';

const area = polygon(demoServiceArea.polygon.coordinates);
const isInArea = (lat: number, lon: number) => booleanPointInPolygon(point([lon, lat]), area);
const ring = demoServiceArea.polygon.coordinates[0];
const minutesOf = (hhmm: string) => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`not HH:MM: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
};

describe('demo service area polygon', () => {
  it('is one closed, anticlockwise ring of 12–20 distinct vertices without self-intersection', () => {
    expect(demoServiceArea.polygon.coordinates).toHaveLength(1);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring.length - 1).toBeGreaterThanOrEqual(12);
    expect(ring.length - 1).toBeLessThanOrEqual(20);
    expect(booleanClockwise(lineString(ring))).toBe(false);
    expect(kinks(area).features).toEqual([]);
  });

  it('holds its positions as [lon, lat] around the Eifel', () => {
    for (const [lon, lat] of ring) {
      expect(lon).toBeGreaterThan(6);
      expect(lon).toBeLessThan(7);
      expect(lat).toBeGreaterThan(49.7);
      expect(lat).toBeLessThan(50.4);
    }
  });

  it('leaves out Trier, Luxembourg city and Gerolstein', () => {
    expect(isInArea(49.75, 6.64)).toBe(false);
    expect(isInArea(49.611, 6.13)).toBe(false);
    expect(isInArea(50.222, 6.661)).toBe(false);
  });
});

describe('demo stops', () => {
  it('are at least 40, with unique codes', () => {
    expect(demoStops.length).toBeGreaterThanOrEqual(40);
    expect(new Set(demoStops.map((s) => s.code)).size).toBe(demoStops.length);
  });

  it('all lie inside the area, at least 1 km from its edge', () => {
    const edge = lineString(ring);
    for (const stop of demoStops) {
      const at = point([stop.lon, stop.lat]);
      expect(booleanPointInPolygon(at, area), stop.code).toBe(true);
      expect(pointToLineDistance(at, edge, { units: 'kilometers' }), stop.code).toBeGreaterThan(1);
    }
  });

  it('put Bitburg Bahnhof within 2 km of 49.972 N 6.529 E', () => {
    const bahnhof = demoStops.find((s) => s.code === 'BIT-ZOB');
    expect(bahnhof?.name).toBe('Bitburg, Bahnhof/ZOB');
    expect(distance(point([bahnhof!.lon, bahnhof!.lat]), point([6.529, 49.972]), { units: 'kilometers' })).toBeLessThan(2);
  });

  it('give Bitburg 3–4 stops and Prüm 2', () => {
    const count = (village: string) => demoStops.filter((s) => s.village === village).length;
    expect(count('Bitburg')).toBeGreaterThanOrEqual(3);
    expect(count('Bitburg')).toBeLessThanOrEqual(4);
    expect(count('Prüm')).toBe(2);
  });

  it('are named after their village', () => {
    for (const stop of demoStops) expect(stop.name.startsWith(`${stop.village}, `), stop.code).toBe(true);
  });
});

describe('demo fleet and people', () => {
  it('has six 8-seat buses whose depots are demo stops: 3 in Bitburg, 2 in Prüm, 1 in Irrel', () => {
    const villageOf = new Map(demoStops.map((s) => [s.code, s.village]));
    expect(demoVehicles).toHaveLength(6);
    for (const vehicle of demoVehicles) expect(villageOf.has(vehicle.depotStopCode), vehicle.label).toBe(true);
    const depots = demoVehicles.map((v) => villageOf.get(v.depotStopCode));
    expect(depots.sort()).toEqual(['Bitburg', 'Bitburg', 'Bitburg', 'Irrel', 'Prüm', 'Prüm']);
    expect(demoVehicles.every((v) => v.seats === 8 && v.wheelchairPlaces === 1)).toBe(true);
  });

  it('has one driver per bus, an admin, two dispatchers and five riders, each with a German number', () => {
    const count = (role: string) => demoUsers.filter((u) => u.role === role).length;
    expect([count('admin'), count('dispatcher'), count('driver'), count('rider')]).toEqual([1, 2, 6, 5]);
    for (const user of demoUsers) expect(user.phone, user.name).toMatch(/^\+49 \d{3,4} \d{6,7}$/);
  });
});

describe('operating hours and shift', () => {
  it('parse as HH:MM spans that start before they end, for every ISO weekday', () => {
    expect(Object.keys(demoServiceArea.operatingHours).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    for (const spans of Object.values(demoServiceArea.operatingHours)) {
      expect(spans.length).toBeGreaterThan(0);
      for (const { from, to } of spans) expect(minutesOf(from)).toBeLessThan(minutesOf(to));
    }
    expect(demoServiceArea.operatingHours['1']).toEqual([{ from: '05:30', to: '23:00' }]);
    expect(demoServiceArea.operatingHours['6']).toEqual([{ from: '07:00', to: '23:00' }]);
    expect(demoServiceArea.operatingHours['7']).toEqual([{ from: '08:00', to: '22:00' }]);
    expect(minutesOf(demoShift.from)).toBeLessThan(minutesOf(demoShift.to));
  });
});
